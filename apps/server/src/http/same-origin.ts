import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

/**
 * Refuses requests a browser sent from another site. JSON routes are already safe (a cross-site
 * page cannot send `application/json` without a preflight we never grant); this guards the
 * multipart upload route, which a plain HTML form could target. Compares `Origin` with the Host the
 * browser used (behind Tailscale Serve or a proxy, `X-Forwarded-Host`).
 */
export function sameOrigin(): MiddlewareHandler {
  return async function checkSameOrigin(c, next) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const hosts = [c.req.header('x-forwarded-host'), c.req.header('host')].filter(Boolean);
    const originHost = origin && URL.canParse(origin) ? new URL(origin).host : null;
    if (site === 'cross-site' || (origin !== undefined && (originHost === null || !hosts.includes(originHost)))) {
      throw new AppError('forbidden', 403, 'Cross-site requests are refused.');
    }
    await next();
  };
}
