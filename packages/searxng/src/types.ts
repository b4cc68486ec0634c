/**
 * The data a search takes and gives back: plain, camelCase, the same for current SearXNG and
 * Debian's searx 1.1.
 */

/** A time window SearXNG passes on to the engines that support one. */
export type SearchTimeRange = 'day' | 'week' | 'month' | 'year';

/** One search. */
export interface SearchRequest {
  /** Search terms, as a person would type them; sent unchanged. */
  query: string;
  /** Most results returned, 1 to 20 (clamped). @default 8 */
  limit?: number;
  /** Aborting rejects the search with the signal's reason (an AbortError), not a `SearxngError`. */
  signal?: AbortSignal;
  /** SearXNG's `language`: `en`, `en-US`, `all`, or `auto` (current SearXNG only). @default SearXNG's own default */
  language?: string;
  /** @default no limit */
  timeRange?: SearchTimeRange;
}

/** One web page SearXNG found. */
export interface SearchResult {
  /** Plain text: HTML stripped, entities decoded, whitespace collapsed; the URL when SearXNG gave none. */
  title: string;
  /** An http(s) URL, as SearXNG sent it. */
  url: string;
  /** Plain text like `title`, at most about 400 characters (cut at a word, ending in `…`). */
  snippet: string;
  /** The engine that placed it, e.g. `duckduckgo`; null when SearXNG did not say. */
  engine: string | null;
  /** Every engine that found it (at least `engine` when that is known). */
  engines: string[];
  /** ISO 8601 UTC (`2024-05-01T12:00:00.000Z`; a date alone is its UTC midnight), or null when unknown. */
  publishedDate: string | null;
  /** SearXNG's ranking score (higher is better), or null when absent. */
  score: number | null;
}

/** One engine that failed during this search, e.g. `{ engine: 'google', reason: 'timeout' }`. */
export interface UnresponsiveEngine {
  engine: string;
  /** SearXNG's words: `timeout`, `Suspended: CAPTCHA`, `HTTP error`, … */
  reason: string;
}

/** What one search found. */
export interface SearchResponse {
  /** The query as SearXNG understood it (the request's when it did not say). */
  query: string;
  /** At most `limit`, SearXNG's order, http(s) only, no URL twice. Empty when nothing matched. */
  results: SearchResult[];
  /** Instant answers as plain text (SearXNG sends objects, searx 1.1 strings). */
  answers: string[];
  /** Related queries SearXNG suggests. */
  suggestions: string[];
  unresponsiveEngines: UnresponsiveEngine[];
}
