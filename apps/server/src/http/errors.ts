import type { ErrorCode } from '@tauceti/contracts';
import type { ZodError } from 'zod';

/**
 * An error the server understands: it carries the HTTP status and code it maps to, and a message
 * written for the person who will read it.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 421 | 500 | 502 | 503 | 504,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const badRequest = (message: string) => new AppError('bad_request', 400, message);
export const notFound = (what: string) => new AppError('not_found', 404, `${what} was not found.`);
export const conflict = (message: string) => new AppError('conflict', 409, message);

/** `message.text: is empty; model: is not a valid Ollama model name` */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
