import type { Context } from 'hono';
import type { z } from 'zod';
import { isClientAbort } from './client-abort.ts';
import { AppError, badRequest, describeZodError } from './errors.ts';
import { isJsonContentType } from './require-json.ts';

/**
 * Reads a JSON body and validates it against a contract schema. Only `application/json` is
 * accepted: a browser cannot send that cross-site without a CORS preflight, which we never grant.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!isJsonContentType(c.req.header('content-type'))) {
    throw new AppError('unsupported_media_type', 415, 'Send the request body as JSON (Content-Type: application/json).');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    // A client that hung up mid-body is logged as such by the error handler, not answered as bad JSON.
    if (isClientAbort(error, c.req.raw)) throw error;
    throw badRequest('The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(`Invalid request: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** Validates query parameters against a contract schema. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw badRequest(`Invalid query: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
