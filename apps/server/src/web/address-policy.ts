import ipaddr from 'ipaddr.js';

/** Which destinations `safeFetch` may reach: the public internet plus what the operator allowlisted. */
export interface AddressPolicy {
  /** Whether a connection to this IP address may be opened. */
  isAllowedAddress(address: string): boolean;
  /** Whether the URL host (a name, or an IP literal without brackets) was allowlisted: any port, any name. */
  isAllowlistedHost(host: string): boolean;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Public = ipaddr.js classifies it `unicast`, after unwrapping IPv4-mapped IPv6 (`::ffff:7f00:1`
 * is 127.0.0.1). Every other range (loopback, private, link-local, CGNAT 100.64/10, unique-local,
 * multicast, unspecified, NAT64, 6to4, Teredo, reserved, IPv4-compatible ::/96…) is not.
 * Unparsable input is not public.
 */
export function isPublicAddress(address: string): boolean {
  const ip = parseAddress(address);
  return ip !== undefined && ip.range() === 'unicast' && !isIpv4Compatible(ip);
}

// ::/96 (deprecated "IPv4-compatible", e.g. ::7f00:1) is `unicast` to ipaddr.js, but no public host
// lives there and some stacks tunnel it to the embedded IPv4 address.
const isIpv4Compatible = (ip: ipaddr.IPv4 | ipaddr.IPv6) =>
  ip instanceof ipaddr.IPv6 && ip.parts.slice(0, 6).every((part) => part === 0);

/**
 * Builds the policy from `FETCH_ALLOWLIST` entries: exact host names, IP addresses or CIDR ranges
 * (`nas.example.org`, `192.168.1.20`, `10.1.0.0/16`, `fd00::/8`).
 */
export function createAddressPolicy(allowlist: readonly string[] = []): AddressPolicy {
  const names = new Set<string>();
  const ranges: Range[] = [];
  for (const raw of allowlist) {
    const entry = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
    if (entry === '') continue;
    if (entry.includes('/')) ranges.push(unwrapRange(ipaddr.parseCIDR(entry)));
    else if (ipaddr.isValid(entry) && isIpLiteral(entry)) ranges.push(hostRange(entry));
    else names.add(entry.replace(/\.$/, ''));
  }

  const inAllowlistedRange = (address: string) => {
    const ip = parseAddress(address);
    return ip !== undefined && ranges.some((range) => ip.kind() === range[0].kind() && ip.match(range));
  };

  return {
    isAllowedAddress: (address) => isPublicAddress(address) || inAllowlistedRange(address),
    isAllowlistedHost: (host) => {
      const name = host.toLowerCase().replace(/^\[|\]$/g, '');
      return isIpLiteral(name) ? inAllowlistedRange(name) : names.has(name.replace(/\.$/, ''));
    },
  };
}

/** Strict: only canonical dotted-quad IPv4 or IPv6 text, never the `0x7f.1` forms ipaddr.js also accepts. */
export const isIpLiteral = (host: string) => ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host);

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const text = address.replace(/^\[|\]$/g, '');
  if (!isIpLiteral(text)) return undefined;
  const ip = ipaddr.parse(text);
  if (ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress()) return ip.toIPv4Address();
  return ip;
}

function hostRange(address: string): Range {
  // parseAddress accepted it above, so it is defined; a host range is the full prefix length.
  const ip = parseAddress(address) as ipaddr.IPv4 | ipaddr.IPv6;
  return [ip, ip.kind() === 'ipv4' ? 32 : 128];
}

function unwrapRange([ip, bits]: Range): Range {
  if (ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress() && bits >= 96) return [ip.toIPv4Address(), bits - 96];
  return [ip, bits];
}
