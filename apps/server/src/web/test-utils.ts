/**
 * Helpers for this folder's tests (not used by production code).
 */
import { get } from 'node:http';
import type { Canary } from '@tauceti/mocks/web';
import type { LookupFunction } from './guarded-agent.ts';

/**
 * A resolver answering from a table, recording every name it was asked for; unknown names fail
 * with ENOTFOUND as getaddrinfo does. Nothing reaches real DNS.
 */
export function stubLookup(table: Record<string, string[]>): LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    calls.push(hostname);
    const answer = table[hostname];
    if (answer === undefined) {
      const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return callback(error, []);
    }
    callback(null, answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return Object.assign(lookup, { calls });
}

/**
 * Opens one connection of our own to the canary and waits for its answer. The canary accepts
 * connections in order, so once ours is answered every earlier attempt has been counted: the count
 * can then be compared exactly, without waiting for a fixed time.
 */
export function pokeCanary(canary: Canary): Promise<void> {
  return new Promise((resolve, reject) => {
    // agent: false: a fresh connection each time (Node's global agent keeps connections alive).
    get(canary.url, { agent: false }, (response) => {
      response.resume();
      response.on('end', resolve);
    }).on('error', reject);
  });
}
