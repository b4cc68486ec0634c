/**
 * The URL of one search: `GET /search?q=…&format=json&pageno=1` plus the optional filters, as
 * SearXNG's own search form sends them.
 */
import type { SearchRequest } from './types.ts';

/** `baseUrl` without trailing slashes or a trailing `/search`, so either spelling of SEARXNG_URL works. */
export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/search$/, '');
}

/** The full search URL for `request` against a normalised `baseUrl`. */
export function buildSearchUrl(baseUrl: string, request: Pick<SearchRequest, 'query' | 'language' | 'timeRange'>): string {
  const params = new URLSearchParams({ q: request.query, format: 'json', pageno: '1' });
  if (request.language !== undefined) params.set('language', request.language);
  if (request.timeRange !== undefined) params.set('time_range', request.timeRange);
  return `${baseUrl}/search?${params.toString()}`;
}
