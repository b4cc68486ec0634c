import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, buildConnector } from 'undici';
import { isIpLiteral, type AddressPolicy } from './address-policy.ts';
import { FetchPageError, refused } from './errors.ts';

/** A `dns.lookup`-compatible resolver, always asked for every address (`all: true`). */
export type LookupFunction = (
  hostname: string,
  options: { all: true; family?: number; hints?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface GuardedAgentOptions {
  policy: AddressPolicy;
  lookup: LookupFunction;
  connectTimeoutMs: number;
  /** Upper bound for headers and for the gap between body chunks; the caller's deadline is the real limit. */
  idleTimeoutMs: number;
}

/**
 * An undici Agent that can only connect to allowed addresses. Host names are checked at connect
 * time, inside the socket's own lookup, for every address the resolver returns: checking a
 * pre-resolved answer would leave a DNS-rebinding window. IP literals never reach a lookup, so the
 * connector checks them too (they were already refused by `checkUrl`; this is the second line).
 */
export function createGuardedAgent({ policy, lookup, connectTimeoutMs, idleTimeoutMs }: GuardedAgentOptions): Agent {
  const connectBase = buildConnector({ lookup: guardLookup(lookup, policy), timeout: connectTimeoutMs });

  const connect: buildConnector.connector = (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (isIpLiteral(host) && !policy.isAllowedAddress(host)) {
      callback(refused('private_address', `destination is a private/loopback address (${host})`), null);
      return;
    }
    connectBase(options, callback);
  };

  return new Agent({ connect, headersTimeout: idleTimeoutMs, bodyTimeout: idleTimeoutMs });
}

type NetLookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

function guardLookup(lookup: LookupFunction, policy: AddressPolicy) {
  // net.connect asks with `all: true` when it races address families (autoSelectFamily, on by default).
  return (hostname: string, options: LookupOptions, callback: NetLookupCallback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    lookup(hostname, { family, hints: options.hints, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const first = addresses[0];
      if (first === undefined) return callback(new FetchPageError('unreachable', `${hostname} has no address`), []);
      // A mixed answer (one public, one private address) is the DNS-rebinding shape: refuse it whole.
      // An allowlisted name may resolve anywhere: the operator vouched for the name itself.
      const blocked = policy.isAllowlistedHost(hostname) ? undefined : addresses.find(({ address }) => !policy.isAllowedAddress(address));
      if (blocked) {
        return callback(refused('private_address', `destination resolves to a private/loopback address (${blocked.address})`), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}
