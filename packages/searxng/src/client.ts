/**
 * `createSearxngClient`: web search through a SearXNG (or Debian searx 1.1) the admin runs. A
 * trusted-endpoint client: the URL comes from configuration, never from a model.
 */
import { buildSearchUrl, normaliseBaseUrl } from './build-search-url.ts';
import { normaliseResponse } from './normalise-response.ts';
import { failure, rateLimitedError, requestSearch, type SearchCall } from './request-search.ts';
import { retryDelayMs, waitFor } from './retry-delay.ts';
import type { SearchRequest, SearchResponse } from './types.ts';

/** How to reach SearXNG and how patient to be. */
export interface SearxngClientOptions {
  /** Where SearXNG listens, e.g. `http://127.0.0.1:8888`; a trailing `/` or `/search` is dropped. */
  baseUrl: string;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Time limit of a whole search in ms, the one retry after HTTP 429 included. @default 10000 */
  timeoutMs?: number;
  /** Wait before retrying after HTTP 429 without a `Retry-After` header, in ms. @default 1000 */
  retryDelayMs?: number;
}

/** `search` throws `SearxngError` on failure, or the caller's abort reason. */
export interface SearxngClient {
  /** The normalised base URL. */
  readonly baseUrl: string;
  /** Searches once (retrying once after HTTP 429). No results is an empty list, not an error. */
  search(request: SearchRequest): Promise<SearchResponse>;
}

/** Results returned when the request does not say. */
export const DEFAULT_LIMIT = 8;
/** Most results one search returns. */
export const MAX_LIMIT = 20;

/** Creates a client for the SearXNG at `options.baseUrl`. Reads no environment variables. */
export function createSearxngClient(options: SearxngClientOptions): SearxngClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const fallbackDelayMs = options.retryDelayMs ?? 1000;

  return {
    baseUrl,
    async search(request) {
      const startedAt = Date.now();
      const deadline = AbortSignal.timeout(timeoutMs);
      const call: SearchCall = {
        baseUrl,
        url: buildSearchUrl(baseUrl, request),
        fetch: fetchImpl,
        timeoutMs,
        callerSignal: request.signal,
        deadline,
        signal: request.signal ? AbortSignal.any([request.signal, deadline]) : deadline,
      };
      let attempt = await requestSearch(call);
      if (attempt.kind === 'rate_limited') {
        const delayMs = retryDelayMs(attempt.retryAfter, fallbackDelayMs);
        // Waiting past the deadline would only turn a clear "rate limited" into a vague timeout.
        if (Date.now() - startedAt + delayMs >= timeoutMs) {
          throw rateLimitedError(call, `asked to wait ${delayMs / 1000} s`);
        }
        await waitFor(delayMs, call.signal).catch((error: unknown) => {
          throw failure(call, error, 'waiting');
        });
        attempt = await requestSearch(call);
        if (attempt.kind === 'rate_limited') throw rateLimitedError(call, 'twice');
      }
      return normaliseResponse(attempt.body, { query: request.query, limit: clampLimit(request.limit) });
    },
  };
}

/** 1…20, whole; the default for anything that is not a finite number. */
function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}
