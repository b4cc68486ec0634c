/**
 * Scenario data for the mock SearXNG: which flavour it imitates and the scripted answers.
 * Everything here is plain JSON-serialisable data, so scenarios can live in `.json` files.
 */

/** `searxng`: current SearXNG (PROTOCOLS.md §3). `searx`: Debian 12's `searx` 1.1, the archived original. */
export type SearxngFlavor = 'searxng' | 'searx';

/** One result as an engine produced it; the mock adds the fields SearXNG itself fills in. */
export interface MockResult {
  title: string;
  /** Sent as given: list a `magnet:` or relative URL to test a client's filtering. */
  url: string;
  /** May hold HTML; current SearXNG passes it on (whitespace collapsed), searx strips it. @default '' */
  content?: string;
  /** @default 'duckduckgo' */
  engine?: string;
  /** Every engine that found it. @default [engine] */
  engines?: string[];
  /** ISO 8601: naive (`2024-05-01T12:00:00`, as most engines give it, read as UTC) or with an offset. @default null */
  publishedDate?: string | null;
  /** @default 'default.html' */
  template?: string;
  /** @default 'general' */
  category?: string;
  /** Rank in each engine's list. @default the result's 1-based place, once per engine */
  positions?: number[];
  /** @default SearXNG's formula: positions.length × Σ 1/position */
  score?: number;
  /** @default '' */
  thumbnail?: string;
  /** @default '' */
  imgSrc?: string;
  /** @default '' */
  author?: string;
  /** Keys an engine adds (`address`, `doi`, …), sent as given after the standard ones. */
  extra?: Record<string, unknown>;
  /** Standard keys to leave out, as legacy dict results do. */
  omitKeys?: string[];
}

/** An instant answer: a text, or SearXNG's answer object fields. */
export type MockAnswer = string | { answer: string; url?: string | null; engine?: string };

/** Which searches a rule answers: every given key must match. */
export interface SearchMatch {
  /** Case-insensitive substring of `q`. */
  queryIncludes?: string;
}

/** One scripted answer to `/search`; the first rule that matches wins. */
export interface SearchRule {
  match?: SearchMatch;
  results?: MockResult[];
  answers?: MockAnswer[];
  suggestions?: string[];
  corrections?: string[];
  /** SearXNG infobox objects, sent as given. */
  infoboxes?: Record<string, unknown>[];
  /** `[engine, message]` pairs, e.g. `["google", "timeout"]`, `["startpage", "Suspended: CAPTCHA"]`. */
  unresponsiveEngines?: Array<[string, string]>;
  /**
   * Answer with this status instead: 500 is SearXNG's own `{"error": "search error"}` after the
   * parameters were checked; 429 is the limiter's page and any other status (403 bot detection, a
   * proxy's 502) comes before anything else, as `before_request` hooks and proxies do.
   */
  status?: number;
  /** Answer with `status` only this many times, then normally. @default every time */
  times?: number;
  /** Sends `Retry-After` (seconds) with `status`, as a proxy in front of SearXNG may. */
  retryAfterSeconds?: number;
  /** Wait before answering at all, in ms; a client that gives up meanwhile gets nothing. @default 0 */
  delayMs?: number;
}

/** Everything the mock serves. */
export interface SearxngScenario {
  flavor: SearxngFlavor;
  /**
   * Whether `search.formats` lists `json` (and `csv`, `rss`); false answers those formats with
   * Flask's 403 page. searx has no such setting, so this is ignored there. @default true
   */
  jsonEnabled?: boolean;
  /** Scripted answers, first match wins; no match answers with no results. */
  rules: SearchRule[];
  /**
   * `number_of_results` to send. Current master dropped the key (2026-05-25); older SearXNG
   * releases send it, usually 0. @default omitted for searxng, 0 for searx
   */
  numberOfResults?: number;
}

/** Current SearXNG with JSON on: one rule for `obsidian` with results, an answer and a failed engine. */
export function defaultSearxngScenario(): SearxngScenario {
  return {
    flavor: 'searxng',
    jsonEnabled: true,
    rules: [
      {
        match: { queryIncludes: 'obsidian' },
        results: [
          {
            title: 'Internal links - Obsidian Help',
            url: 'https://help.obsidian.md/links',
            content: 'Learn how to link to notes, attachments, and other files from your notes, using internal links.',
            engine: 'duckduckgo',
            engines: ['duckduckgo', 'brave'],
            positions: [1, 2],
          },
          {
            title: 'Obsidian - Sharpen your thinking',
            url: 'https://obsidian.md/',
            content: 'The free and flexible app for your private thoughts.',
            engine: 'brave',
            publishedDate: '2024-05-01T12:00:00',
          },
          {
            title: 'Obsidian (software) - Wikipedia',
            url: 'https://en.wikipedia.org/wiki/Obsidian_(software)',
            content: 'Obsidian is a personal knowledge base and note-taking application that operates on Markdown files.',
            engine: 'wikipedia',
          },
        ],
        answers: ['Obsidian is a Markdown-based note-taking app.'],
        suggestions: ['obsidian markdown links', 'obsidian wikilinks'],
        unresponsiveEngines: [['startpage', 'Suspended: CAPTCHA'], ['google', 'timeout']],
      },
    ],
  };
}
