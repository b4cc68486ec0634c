/**
 * The base markdown-it of every renderer (SECURITY.md §4): raw HTML off, a strict link check, and
 * images from other hosts turned into links. Chat answers add citation chips, notes the Obsidian layer.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Markdown } from 'markdown-it';
import { ALLOWED_URI_REGEXP, SAME_ORIGIN_IMAGE } from '../safe-urls.ts';
import { highlightCode } from './highlight.ts';

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : null;
  } catch {
    return null;
  }
}

export function createMarkdown(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, highlight: highlightCode });
  const escapeHtml = md.utils.escapeHtml;

  // Default markdown-it also lets `data:image/...` and relative URLs through; we allow what the
  // sanitizer allows, minus the note viewer: only our own renderers may link there.
  md.validateLink = (url: string) => ALLOWED_URI_REGEXP.test(url.trim());

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
  return md;
}
