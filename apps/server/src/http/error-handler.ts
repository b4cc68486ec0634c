import type { ErrorCode, ErrorEnvelope } from '@tauceti/contracts';
import { OllamaError } from '@tauceti/ollama';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openAiError } from '../openai/completion-objects.ts';
import { isClientAbort } from './client-abort.ts';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';

const envelope = (code: ErrorCode, message: string): ErrorEnvelope => ({ error: { code, message } });

/** Maps an Ollama failure to the status and code a client can act on. */
export function ollamaFailure(error: OllamaError): { status: ContentfulStatusCode; code: ErrorCode } {
  if (error.status === 404) return { status: 404, code: 'model_not_found' };
  if (error.status === 400) return { status: 400, code: 'model_unsupported' };
  if (error.status === null) return { status: 502, code: error.code === 'timeout' ? 'upstream_timeout' : 'upstream_unreachable' };
  return { status: 502, code: 'upstream_error' };
}

/** Our envelope, or OpenAI's error body under `/v1` so its clients raise their typed exceptions. */
function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string) {
  if (c.req.path === '/v1' || c.req.path.startsWith('/v1/')) {
    return c.json(openAiError(message, status >= 500 ? 'api_error' : 'invalid_request_error', code), status);
  }
  return c.json(envelope(code, message), status);
}

/** The one place errors become responses: `{ error: { code, message } }` with a fitting status. */
export function errorHandler(logger: Logger): ErrorHandler {
  return function handleError(error, c) {
    // A body refused for its size is left unread, so the connection cannot carry another request:
    // say so, or a client reusing it would see its next request fail.
    if (error instanceof AppError && error.status === 413) c.header('Connection', 'close');
    if (error instanceof AppError) return errorResponse(c, error.status, error.code, error.message);
    if (error instanceof OllamaError) {
      const { status, code } = ollamaFailure(error);
      return errorResponse(c, status, code, error.message);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code: ErrorCode = status === 413 ? 'payload_too_large' : status === 403 ? 'forbidden' : status >= 500 ? 'internal' : 'bad_request';
      const message = status === 413 ? 'The request is too large.' : error.message || 'The request was refused.';
      return errorResponse(c, status, code, message);
    }
    if (isClientAbort(error, c.req.raw)) {
      // The client's doing, not a failure: nobody is left to read this answer.
      logger.info('the client closed the connection while sending the request', { method: c.req.method, path: c.req.path, reason: error });
      return errorResponse(c, 400, 'bad_request', 'The request body was cut off.');
    }
    logger.error('request failed', { method: c.req.method, path: c.req.path, error, stack: error instanceof Error ? error.stack : undefined });
    return errorResponse(c, 500, 'internal', 'Something went wrong on the server; see its log for details.');
  };
}
