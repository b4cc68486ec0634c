/**
 * The one error class of `@tauceti/searxng`. Messages are written for an admin and are safe to show
 * to a model: what failed, where, and what to do. They never quote the search text.
 */

/** Why a search failed. */
export type SearxngErrorCode =
  /** No connection (refused, DNS, reset). `status` is null. */
  | 'unreachable'
  /** No answer within the client's `timeoutMs`. `status` is null. */
  | 'timeout'
  /** HTTP 403: SearXNG's `search.formats` does not list `json`. */
  | 'json_disabled'
  /** HTTP 429 twice (or a wait longer than the time left): SearXNG's limiter or its engines. */
  | 'rate_limited'
  /** HTTP 400: SearXNG rejected a parameter; the message carries its own words. */
  | 'bad_request'
  /** Any other non-2xx answer; `status` holds it. */
  | 'http'
  /** A 2xx answer that is not SearXNG's JSON search format. */
  | 'invalid_response';

/** What a `SearxngError` carries besides its message. */
export interface SearxngErrorOptions {
  /** The URL that was called. */
  url: string;
  /** HTTP status, or null when there was no answer. */
  status: number | null;
  /** Why it failed; branch on this, not on the message. */
  code: SearxngErrorCode;
  /** The underlying error (a fetch `TypeError`, an abort reason, a zod error), for logs. */
  cause?: unknown;
  /**
   * Whether trying again later may succeed.
   * @default true for unreachable, timeout, rate_limited and HTTP 408/5xx; false otherwise
   */
  retryable?: boolean;
}

/** Thrown by every failing search, except a caller's abort (which rejects with the signal's reason). */
export class SearxngError extends Error {
  override readonly name = 'SearxngError';
  readonly url: string;
  readonly status: number | null;
  readonly code: SearxngErrorCode;
  readonly retryable: boolean;

  constructor(message: string, options: SearxngErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = options.url;
    this.status = options.status;
    this.code = options.code;
    this.retryable = options.retryable ?? defaultRetryable(options.code, options.status);
  }
}

function defaultRetryable(code: SearxngErrorCode, status: number | null): boolean {
  if (code === 'unreachable' || code === 'timeout' || code === 'rate_limited') return true;
  if (code !== 'http' || status === null) return false;
  return status === 408 || status >= 500;
}
