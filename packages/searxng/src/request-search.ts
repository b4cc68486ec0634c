/**
 * One HTTP round trip to SearXNG's `/search`: every failure becomes a `SearxngError` that says what
 * went wrong and what to do, except HTTP 429, which is handed back so the client can retry once.
 */
import { z } from 'zod';
import { describeNetworkError } from './describe-network-error.ts';
import { SearxngError } from './errors.ts';
import { searxngJsonResponse } from './normalise-response.ts';

/** Everything one search (and its retry) shares. */
export interface SearchCall {
  /** Normalised, for messages. */
  baseUrl: string;
  /** The full search URL, query included. */
  url: string;
  /** The injected fetch (trusted endpoint: not the tool-traffic safe fetch). */
  fetch: typeof globalThis.fetch;
  /** The whole search's time limit, for messages. */
  timeoutMs: number;
  /** The caller's signal; its abort is passed through unchanged. */
  callerSignal: AbortSignal | undefined;
  /** Fires `timeoutMs` after the search began. */
  deadline: AbortSignal;
  /** Either of the two. */
  signal: AbortSignal;
}

/** A usable answer, or a 429 with its `Retry-After` header (null when absent). */
export type SearchAttempt =
  | { kind: 'answered'; body: z.infer<typeof searxngJsonResponse> }
  | { kind: 'rate_limited'; retryAfter: string | null };

const errorBody = z.object({ error: z.string() });

/** Sends the search once. Throws `SearxngError`, or the caller's abort reason. */
export async function requestSearch(call: SearchCall): Promise<SearchAttempt> {
  let response: Response;
  let text: string;
  try {
    const init: RequestInit = { method: 'GET', headers: { Accept: 'application/json' }, signal: call.signal };
    response = await call.fetch(call.url, init);
  } catch (error) {
    throw failure(call, error, 'connecting');
  }
  try {
    text = await response.text();
  } catch (error) {
    throw failure(call, error, 'reading');
  }
  if (response.status === 429) return { kind: 'rate_limited', retryAfter: response.headers.get('retry-after') };
  if (!response.ok) throw httpError(call, response, text);
  const parsed = searxngJsonResponse.safeParse(parseJson(text));
  if (!parsed.success) {
    const contentType = response.headers.get('content-type') ?? 'an untyped body';
    const what = /^\s*</.test(text) ? 'an HTML page' : `${contentType} that is not its JSON search format`;
    const message =
      `SearXNG at ${call.baseUrl} answered the search with ${what} (HTTP ${response.status}). ` +
      'Check that SEARXNG_URL points at SearXNG itself, not a proxy or login page.';
    const status = response.status;
    throw new SearxngError(message, { url: call.url, status, code: 'invalid_response', cause: parsed.error });
  }
  return { kind: 'answered', body: parsed.data };
}

/**
 * What to throw when the exchange broke off: the caller's abort reason unchanged, a timeout when the
 * deadline fired, otherwise `unreachable`.
 */
export function failure(call: SearchCall, error: unknown, phase: 'connecting' | 'reading' | 'waiting'): unknown {
  if (call.callerSignal?.aborted) return call.callerSignal.reason ?? error;
  if (call.deadline.aborted) {
    const seconds = call.timeoutMs / 1000;
    const message =
      `SearXNG at ${call.baseUrl} did not answer within ${seconds} s. ` +
      "Its engines may be slow or it may be overloaded; try again, or raise the client's timeout.";
    return new SearxngError(message, { url: call.url, status: null, code: 'timeout', cause: error });
  }
  if (phase === 'waiting') return error;
  const reason = describeNetworkError(error);
  const message =
    phase === 'connecting'
      ? `SearXNG is not reachable at ${call.baseUrl} (${reason}). Start SearXNG or check SEARXNG_URL.`
      : `SearXNG at ${call.baseUrl} dropped the connection while answering (${reason}). Try again.`;
  return new SearxngError(message, { url: call.url, status: null, code: 'unreachable', cause: error });
}

/** The error for a second 429, or a 429 whose wait would not fit in the time left. */
export function rateLimitedError(call: SearchCall, detail: string): SearxngError {
  const message =
    `SearXNG at ${call.baseUrl} is rate limiting searches (HTTP 429, ${detail}), or its upstream engines are. ` +
    'Try again later; for a private instance, raise the limits in limiter.toml or set server.limiter: false in settings.yml.';
  return new SearxngError(message, { url: call.url, status: 429, code: 'rate_limited' });
}

function httpError(call: SearchCall, response: Response, text: string): SearxngError {
  const { status } = response;
  const ownWords = errorBody.safeParse(parseJson(text)).data?.error;
  const base = call.baseUrl;
  if (status === 403) {
    const message =
      `SearXNG at ${base} refuses JSON output (HTTP 403). ` +
      'Add "json" to search.formats in its settings.yml and restart SearXNG.';
    return new SearxngError(message, { url: call.url, status, code: 'json_disabled' });
  }
  if (status === 400) {
    const message = ownWords
      ? `SearXNG at ${base} rejected the search: ${ownWords} (HTTP 400).`
      : `SearXNG at ${base} rejected the search (HTTP 400).`;
    return new SearxngError(message, { url: call.url, status, code: 'bad_request' });
  }
  const answered = `HTTP ${status}${ownWords ? `: ${ownWords}` : response.statusText ? ` ${response.statusText}` : ''}`;
  const advice =
    status >= 500
      ? 'SearXNG or its engines are failing; try again later, and check its log if this persists.'
      : 'Check that SEARXNG_URL points at SearXNG.';
  const message = `SearXNG at ${base} failed the search (${answered}). ${advice}`;
  return new SearxngError(message, { url: call.url, status, code: 'http' });
}

/** The JSON value of `text`, or undefined when it is not JSON (the schema then rejects it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
