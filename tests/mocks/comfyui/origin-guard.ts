/**
 * `server.py` `create_origin_only_middleware` (the default without `--enable-cors-header`): a
 * request whose `Host` is a loopback name and whose `Origin` names another host gets 403, so a web
 * page cannot queue prompts on `127.0.0.1:8188`. Ports are compared only when both sides have one.
 * It guards WebSocket upgrades too. Node's `fetch` sends no `Origin`, so server-side clients pass.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

interface HostPort {
  hostname: string | null;
  port: string | null;
}

/** `urllib.parse` hostname/port of a netloc (`user@host:port`, `[::1]:8188`). */
function splitNetloc(netloc: string): HostPort {
  const hostPart = netloc.slice(netloc.lastIndexOf('@') + 1);
  if (hostPart.startsWith('[')) {
    const end = hostPart.indexOf(']');
    const port = hostPart.slice(end + 1).replace(/^:/, '');
    return { hostname: hostPart.slice(1, end).toLowerCase(), port: port || null };
  }
  const colon = hostPart.lastIndexOf(':');
  if (colon === -1) return { hostname: hostPart.toLowerCase() || null, port: null };
  return { hostname: hostPart.slice(0, colon).toLowerCase() || null, port: hostPart.slice(colon + 1) || null };
}

/** `is_loopback`: an IP literal that is loopback, or a name that resolves only to loopback (`localhost`). */
export function isLoopback(host: string | null): boolean {
  if (!host) return false;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(host);
  return host === 'localhost' || host.endsWith('.localhost');
}

/** True when the origin guard answers 403. */
export function originForbidden(headers: IncomingHttpHeaders): boolean {
  const host = headers.host;
  const origin = headers.origin;
  if (host === undefined || origin === undefined) return false;
  let hostDomain: string | null = host.toLowerCase();
  const netloc = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(origin)?.[1] ?? '';
  let originDomain: string | null = netloc.toLowerCase();
  const hostParsed = splitNetloc(hostDomain);
  const originParsed = splitNetloc(netloc);
  const loopback = isLoopback(hostParsed.hostname);
  if (originParsed.port === null) hostDomain = hostParsed.hostname;
  if (hostParsed.port === null) originDomain = originParsed.hostname;
  return loopback && !!hostDomain && !!originDomain && hostDomain !== originDomain;
}
