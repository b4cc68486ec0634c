/**
 * SearXNG's JSON answer → `SearchResponse`. Tolerant by design: current SearXNG and searx 1.1 differ,
 * engines add their own keys, legacy results omit some, so only `results` being an array is
 * required and every other field falls back to empty. Results without a usable URL are dropped.
 */
import { z } from 'zod';
import { cleanText, truncateText } from './clean-text.ts';
import { normalisePublishedDate } from './published-date.ts';
import type { SearchResponse, SearchResult, UnresponsiveEngine } from './types.ts';

/** Longest snippet handed on; a model needs the gist, not the page. */
export const MAX_SNIPPET_CHARS = 400;

// `.catch` rather than `.optional()`: a wrong type is as absent as a missing key.
const text = z.string().catch('');
const list = z.array(z.unknown()).catch([]);

/** The top level of `get_json_response` (SearXNG) / the JSON branch of `search()` (searx). */
export const searxngJsonResponse = z.object({
  query: z.union([z.string(), z.number()]).optional().catch(undefined),
  results: z.array(z.unknown()),
  answers: list,
  suggestions: list,
  unresponsive_engines: list,
});

const rawResult = z.object({
  url: z.string(),
  title: text,
  content: text,
  engine: z.string().nullable().catch(null),
  engines: z.array(z.string()).catch([]),
  publishedDate: z.unknown().optional(),
  pubdate: z.unknown().optional(),
  score: z.number().nullable().catch(null),
});

const rawAnswer = z.union([z.string(), z.object({ answer: z.string() }).transform((answer) => answer.answer)]);
const rawUnresponsive = z.tuple([z.string(), z.string().catch('')], z.unknown());

/** What the mapping needs to know about the request. */
export interface NormaliseOptions {
  /** The query that was sent, for when SearXNG does not echo one. */
  query: string;
  /** Most results kept, after filtering. */
  limit: number;
}

/** Maps a parsed answer; the caller has already checked it against `searxngJsonResponse`. */
export function normaliseResponse(body: z.infer<typeof searxngJsonResponse>, options: NormaliseOptions): SearchResponse {
  return {
    query: body.query === undefined ? options.query : String(body.query),
    results: normaliseResults(body.results, options.limit),
    answers: distinctTexts(body.answers.map((item) => rawAnswer.safeParse(item).data)),
    suggestions: distinctTexts(body.suggestions.map((item) => z.string().safeParse(item).data)),
    unresponsiveEngines: body.unresponsive_engines.flatMap((item): UnresponsiveEngine[] => {
      const pair = rawUnresponsive.safeParse(item);
      return pair.success ? [{ engine: pair.data[0], reason: cleanText(pair.data[1]) }] : [];
    }),
  };
}

function normaliseResults(items: unknown[], limit: number): SearchResult[] {
  const seen = new Set<string>();
  const results: SearchResult[] = [];
  for (const item of items) {
    if (results.length >= limit) break;
    const parsed = rawResult.safeParse(item);
    if (!parsed.success) continue;
    const url = parsed.data.url.trim();
    const key = identityOf(url);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    results.push(toResult(parsed.data, url));
  }
  return results;
}

function toResult(raw: z.infer<typeof rawResult>, url: string): SearchResult {
  const engine = raw.engine?.trim() || null;
  const engines = [...new Set([...(engine ? [engine] : []), ...raw.engines.filter((name) => name.trim() !== '')])];
  return {
    title: cleanText(raw.title) || url,
    url,
    snippet: truncateText(cleanText(raw.content), MAX_SNIPPET_CHARS),
    engine,
    engines,
    publishedDate: normalisePublishedDate(raw.publishedDate, raw.pubdate),
    score: raw.score !== null && Number.isFinite(raw.score) ? raw.score : null,
  };
}

/**
 * What makes two result URLs the same page: the parsed URL without its fragment. Null for anything
 * that is not http(s) (`magnet:`, `ftp:`, `javascript:`, relative paths), which is dropped.
 */
function identityOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  return parsed.href;
}

function distinctTexts(values: Array<string | undefined>): string[] {
  const cleaned = values.flatMap((value) => (value === undefined ? [] : [cleanText(value)]));
  return [...new Set(cleaned.filter((value) => value !== ''))];
}
