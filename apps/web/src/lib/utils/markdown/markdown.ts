/**
 * The markdown pipeline of chat answers (SECURITY.md §4): the base markdown-it (raw HTML off, strict
 * links, external images as links), `[n]` citations turned into chips, then DOMPurify.
 */
import type { Source } from '@tauceti/contracts';
import { citationChips, sourcesKey, type CitationEnv } from './citation-chips.ts';
import { createMarkdown } from './create-markdown.ts';
import { sanitizeHtml } from './sanitize.ts';

const md = createMarkdown().use(citationChips);

/** Markdown → sanitized HTML; `[n]` markers resolve against `sources` (none: every marker is flagged). */
export function renderMarkdown(text: string, sources: readonly Source[] = []): string {
  const env: CitationEnv = { sources };
  return sanitizeHtml(md.render(text, env));
}

const cache = new Map<string, { text: string; sources: string; html: string }>();
const CACHE_LIMIT = 600;

/** `renderMarkdown` remembered per message, so re-renders and re-opened conversations are free. */
export function renderMarkdownCached(key: string, text: string, sources: readonly Source[] = []): string {
  const hit = cache.get(key);
  const sourcesId = sourcesKey(sources);
  if (hit && hit.text === text && hit.sources === sourcesId) {
    // Refresh its place in the LRU order.
    cache.delete(key);
    cache.set(key, hit);
    return hit.html;
  }
  const html = renderMarkdown(text, sources);
  cache.set(key, { text, sources: sourcesId, html });
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return html;
}
