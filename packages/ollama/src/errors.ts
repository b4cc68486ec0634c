/**
 * The one error class of `@tauceti/ollama`. Its message is written for people: what failed, and
 * what to do (or Ollama's own words when Ollama answered with an error).
 */

/** Why a call to Ollama failed. */
export type OllamaErrorCode =
  /** No connection (refused, DNS, reset before an answer). `status` is null. */
  | 'unreachable'
  /** No answer in time. `status` is null. */
  | 'timeout'
  /** Ollama answered with a non-2xx status; `status` holds it. */
  | 'http'
  /** A streamed answer failed part-way (an `{"error"}` line, or it ended without `done: true`). */
  | 'stream'
  /** Ollama answered 2xx with a body this client cannot read. */
  | 'invalid_response';

export interface OllamaErrorOptions {
  /** The URL that was called. */
  url: string;
  /** HTTP status, or null when there was no answer. */
  status: number | null;
  code: OllamaErrorCode;
  cause?: unknown;
  /** Whether trying again later may succeed. @default true for unreachable, timeout, stream and HTTP 408/429/5xx */
  retryable?: boolean;
}

export class OllamaError extends Error {
  override readonly name = 'OllamaError';
  readonly url: string;
  readonly status: number | null;
  readonly code: OllamaErrorCode;
  readonly retryable: boolean;

  constructor(message: string, options: OllamaErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = options.url;
    this.status = options.status;
    this.code = options.code;
    this.retryable = options.retryable ?? defaultRetryable(options.code, options.status);
  }
}

function defaultRetryable(code: OllamaErrorCode, status: number | null): boolean {
  if (code === 'invalid_response') return false;
  if (code !== 'http' || status === null) return true;
  return status === 408 || status === 429 || status >= 500;
}
