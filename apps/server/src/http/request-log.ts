import type { MiddlewareHandler } from 'hono';
import type { Logger } from './logger.ts';

/** One debug line per request; failures (5xx) at warn so they show by default. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    const fields = { status: c.res.status, ms: Math.round(performance.now() - started) };
    if (c.res.status >= 500) logger.warn(`${c.req.method} ${c.req.path}`, fields);
    else logger.debug(`${c.req.method} ${c.req.path}`, fields);
  };
}
