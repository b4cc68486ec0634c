/**
 * @module
 * SearXNG client (current SearXNG and Debian's searx 1.1). Knows nothing of Hono, the AI SDK or
 * tools; takes `{ baseUrl, fetch?, timeoutMs? }` and returns plain typed search results.
 */
export { createSearxngClient, DEFAULT_LIMIT, MAX_LIMIT } from './client.ts';
export type { SearxngClient, SearxngClientOptions } from './client.ts';
export { SearxngError } from './errors.ts';
export type { SearxngErrorCode, SearxngErrorOptions } from './errors.ts';
export type { SearchRequest, SearchResponse, SearchResult, SearchTimeRange, UnresponsiveEngine } from './types.ts';
