/**
 * The markdown pipeline (SECURITY.md §4): markdown-it with raw HTML off and a strict link check,
 * external images turned into links, `[n]` citations turned into chips, highlight.js for declared
 * languages, then DOMPurify.
 */
import MarkdownIt from 'markdown-it';
import type { Source } from '@tauceti/contracts';
import { citationChips, sourcesKey, type CitationEnv } from './citation-chips.ts';
import { highlightCode } from './highlight.ts';
import { ALLOWED_URI_REGEXP, SAME_ORIGIN_IMAGE } from '../safe-urls.ts';
import { sanitizeHtml } from './sanitize.ts';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, highlight: highlightCode });

// Default markdown-it also lets `data:image/...` and relative URLs through; we allow what the sanitizer allows.
md.validateLink = (url: string) => ALLOWED_URI_REGEXP.test(url.trim());

const escapeHtml = md.utils.escapeHtml;

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : null;
  } catch {
    return null;
  }
}

// An image from another host is never loaded (tracking pixels, data exfiltration in the URL): it
// becomes a link that opens in a new tab, and only when the user clicks it.
md.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (!token) return '';
  const src = String(token.attrGet('src') ?? '');
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  if (SAME_ORIGIN_IMAGE.test(src)) return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
  const host = hostOf(src);
  if (!host) return escapeHtml(alt);
  const label = `image from ${host}${alt ? `: ${alt}` : ''}`;
  return `<a class="external-image" href="${escapeHtml(src)}">${escapeHtml(label)}</a>`;
};

md.use(citationChips);

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
