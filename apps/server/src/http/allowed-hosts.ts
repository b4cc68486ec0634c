import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { AppError, badRequest } from './errors.ts';
import { requestHost } from './request-host.ts';

export interface AllowedHostsOptions {
  /**
   * Host names answered besides loopback names and IP addresses: `ALLOWED_HOSTS` and the host of
   * `PUBLIC_URL`. Compared case-insensitively, without a port.
   * @default []
   */
  names?: readonly string[];
}

/** `Evil.Example:8080` → `evil.example`, `[::1]:80` → `[::1]`; null when it is not a host. */
export function hostNameOf(host: string): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[^\s:[\]/@]+)(?::\d{1,5})?$/i.exec(host.trim());
  return match ? (match[1] as string).toLowerCase().replace(/\.$/, '') : null;
}

/** An IP cannot be rebound to another machine, and loopback names never leave this one. */
function isAlwaysAllowed(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name.startsWith('[')) return isIP(name.slice(1, -1)) === 6;
  return isIP(name) === 4;
}

/**
 * Refuses requests for a host this server is not (DNS rebinding: a page on `evil.example` whose
 * name is made to resolve to 127.0.0.1 would otherwise read the API as its own origin). Serves
 * loopback names, IP literals and the configured names; anything else gets 421.
 */
export function allowedHosts({ names = [] }: AllowedHostsOptions = {}): MiddlewareHandler {
  const allowed = new Set(names.map((name) => hostNameOf(name) ?? name.toLowerCase()));
  return async function checkHost(c, next) {
    const host = requestHost(c);
    if (host === undefined) throw badRequest('The request has no Host header.');
    const name = hostNameOf(host);
    if (name === null) throw badRequest('The Host header is not a host name.');
    if (!isAlwaysAllowed(name) && !allowed.has(name)) {
      throw new AppError(
        'host_not_allowed',
        421,
        `This server does not answer to the host "${name.slice(0, 100)}". If that is its name (for example the tailnet name behind tailscale serve), add it to ALLOWED_HOSTS (comma-separated) or set PUBLIC_URL.`,
      );
    }
    await next();
  };
}
