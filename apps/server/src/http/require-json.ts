import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export const isJsonContentType = (type: string | undefined) => /^application\/json\s*(?:;|$)/i.test(type ?? '');

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Refuses a body that is not declared as JSON with 415, before it is read. A cross-site page can
 * send `text/plain` without a preflight, never `application/json`; and no JSON API should guess.
 */
export function requireJson(): MiddlewareHandler {
  return async function checkJsonBody(c, next) {
    if (WITH_BODY.has(c.req.method) && !isJsonContentType(c.req.header('content-type'))) {
      throw new AppError('unsupported_media_type', 415, 'Send the request body as JSON (Content-Type: application/json).');
    }
    await next();
  };
}
