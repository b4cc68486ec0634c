import { isIpLiteral, type AddressPolicy } from './address-policy.ts';
import { refused } from './errors.ts';

// Backslashes, whitespace and control characters are where URL parsers disagree (a `\@` that one
// parser reads as a path and another as userinfo), so the raw string is refused before parsing.
const UNSAFE_CHARACTERS = /[\\\s\p{Cc}\p{Cf}]/u;
const MAX_URL_LENGTH = 2048;
const PRIVATE_SUFFIX = /(?:^|\.)(?:localhost|local|internal|lan|home\.arpa|ts\.net)$/;
const DEFAULT_PORTS = new Set(['', '80', '443']);

/**
 * Parses an untrusted URL and applies every check that can be made before connecting: scheme,
 * credentials, port, private name suffixes, dotless names and IP literals (the connect-time lookup
 * never runs for literals, so they are classified here). Throws `FetchPageError` naming the reason.
 */
export function checkUrl(raw: string, policy: AddressPolicy): URL {
  if (raw.length > MAX_URL_LENGTH) throw refused('malformed_url', `the URL is longer than ${MAX_URL_LENGTH} characters`);
  if (UNSAFE_CHARACTERS.test(raw)) {
    throw refused('malformed_url', 'the URL contains a backslash, whitespace or control characters');
  }
  // WHATWG parsing (undici's own) also canonicalises 2130706433, 0x7f000001, 0177.0.0.1 and 127.1.
  if (!URL.canParse(raw)) throw refused('malformed_url', `${JSON.stringify(raw)} is not a valid URL`);
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refused('scheme', `only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username !== '' || url.password !== '') throw refused('credentials', 'URLs with a user name or password are not allowed');

  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const allowlisted = policy.isAllowlistedHost(host);
  // The destination is judged before the port: "a loopback address" tells more than "port 11434".
  if (isIpLiteral(host)) {
    if (!policy.isAllowedAddress(host)) {
      throw refused('private_address', `destination is a private/loopback address (${host})`);
    }
  } else if (!allowlisted && (PRIVATE_SUFFIX.test(host) || !host.includes('.'))) {
    throw refused('host_name', `${host} is a local or internal host name`);
  }
  if (!allowlisted && !DEFAULT_PORTS.has(url.port)) throw refused('port', `port ${url.port} is not allowed`);
  return url;
}
