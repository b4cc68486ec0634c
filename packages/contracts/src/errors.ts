import { z } from 'zod';

/** Machine-readable reasons a request failed; the message beside it is for people. */
export const errorCode = z.enum([
  'bad_request',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'forbidden',
  'host_not_allowed',
  'model_not_found',
  'model_unsupported',
  'upstream_unreachable',
  'upstream_error',
  'upstream_timeout',
  /** A feature that exists but cannot serve right now (the notes index still opening). */
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCode>;

/** Every non-2xx JSON response of `/api/*` has this shape. */
export const errorEnvelope = z.object({
  error: z.object({ code: errorCode, message: z.string() }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;
