import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';
import { requestHost } from './request-host.ts';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why a request is cross-site, or null when it came from our own pages or from no browser at all. */
function crossSiteReason(c: Context): string | null {
  // Sent by every current browser and not settable by a page: `same-site` is a sibling subdomain,
  // which is another application as far as we are concerned.
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return `the browser says it came from another site (Sec-Fetch-Site: ${site})`;
  const origin = c.req.header('origin');
  // curl, the openai client and other programs send no Origin: they are not a page acting for someone.
  if (origin === undefined) return null;
  const originHost = origin !== 'null' && URL.canParse(origin) ? new URL(origin).host : null;
  if (originHost === null) return `its Origin is ${JSON.stringify(origin.slice(0, 100))}`;
  // Behind Tailscale Serve or a proxy the browser's host arrives as X-Forwarded-Host (maybe a list).
  const hosts = [...(c.req.header('x-forwarded-host') ?? '').split(','), requestHost(c) ?? ''];
  if (hosts.some((host) => host.trim().toLowerCase() === originHost)) return null;
  return `its Origin ${originHost.slice(0, 100)} is not this server`;
}

/**
 * Refuses changes (POST, PUT, PATCH, DELETE) a browser sent from another site: a plain HTML form or
 * a `no-cors` fetch can send `text/plain` or multipart bodies anywhere without a preflight (CSRF).
 * Reads are left alone; the browser keeps their answers from the other site.
 */
export function sameOrigin(): MiddlewareHandler {
  return async function checkSameOrigin(c, next) {
    const reason = MUTATIONS.has(c.req.method) ? crossSiteReason(c) : null;
    if (reason) throw new AppError('forbidden', 403, `Cross-site requests are refused: ${reason}.`);
    await next();
  };
}
