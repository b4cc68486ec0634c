/**
 * markdown-it plugin: `[n]` markers in prose become citation chips, resolved against the message's
 * sources (passed in the render `env`). Being an inline rule, it never sees code spans or fences,
 * and it runs before the link rule, so `[1](url)` stays a Markdown link while a numeric shortcut
 * reference (`[1]` with a `[1]: url` line) cannot pass a model-written URL off as a citation.
 * Its HTML still goes through DOMPurify with the rest.
 */
import type { Env, MarkdownIt, StateInline } from 'markdown-it';
import type { Source } from '@tauceti/contracts';
import { CITATION_MARKER, markerNumbers, sourceLink, sourceTitle } from '../citations.ts';

/** What `md.render(text, env)` is given; a fresh object per render (markdown-it keeps references in it). */
export type CitationEnv = Env & { sources?: readonly Source[] };

type Escape = (text: string) => string;

const OPEN_BRACKET = 0x5b;

function citationRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== OPEN_BRACKET) return false;
  // Inside a link's text a chip would be a link in a link; `[[…` is a wikilink.
  if (state.linkLevel > 0) return false;
  if (start > 0 && state.src.charCodeAt(start - 1) === OPEN_BRACKET) return false;
  const match = CITATION_MARKER.exec(state.src.slice(start, start + 80));
  if (!match?.[1]) return false;
  const numbers = markerNumbers(match[1]);
  if (numbers.length === 0) return false;
  if (!silent) {
    const token = state.push('citation', '', 0);
    token.meta = { numbers };
    token.content = match[0];
  }
  state.pos += match[0].length;
  return true;
}

/** The visible number; the brackets stay in the text (copying, screen readers) but are hidden by CSS. */
const chipText = (n: number) => `<span class="citation-bracket">[</span>${n}<span class="citation-bracket">]</span>`;

function renderChip(n: number, sources: readonly Source[], escape: Escape): string {
  const source = sources.find((candidate) => candidate.n === n);
  if (!source) {
    const note = `No source [${n}] in this answer`;
    return `<span class="citation dangling" data-testid="citation" data-n="${n}" data-status="dangling" title="${note}">${chipText(n)}</span>`;
  }
  const title = sourceTitle(source);
  const isNote = source.kind === 'note';
  const evidence = isNote ? 'a passage of your notes' : source.status === 'read' ? 'page read' : 'search snippet only, page not read';
  const tooltip = escape(`[${n}] ${title} (${source.domain}; ${evidence})`);
  const kind = isNote ? ', note' : source.status === 'snippet' ? ', snippet only' : '';
  const label = escape(`Source ${n}: ${title}, ${source.domain}${kind}`);
  const classes = isNote ? `citation note ${source.status}` : `citation ${source.status}`;
  const attributes = `class="${classes}" data-testid="citation" data-n="${n}" data-kind="${escape(source.kind)}" data-status="${source.status}" title="${tooltip}"`;
  // A source that is neither a web page nor a note in the viewer is named, never linked. A note's
  // link stays in the app: the sanitizer marks exactly this shape for the router.
  const link = sourceLink(source);
  if (!link) return `<span ${attributes}>${chipText(n)}</span>`;
  return `<a ${attributes} aria-label="${label}" href="${escape(link.href)}">${chipText(n)}</a>`;
}

export function citationChips(md: MarkdownIt) {
  md.inline.ruler.before('link', 'citation', citationRule);
  md.renderer.rules.citation = (tokens, index, _options, env) => {
    const numbers = (tokens[index]?.meta as { numbers?: number[] } | undefined)?.numbers ?? [];
    const sources = (env as CitationEnv | undefined)?.sources ?? [];
    return numbers.map((n) => renderChip(n, sources, md.utils.escapeHtml)).join('');
  };
}

/** Changes whenever a chip could render differently: cache and incremental-render key. */
export function sourcesKey(sources: readonly Source[] | undefined): string {
  if (!sources || sources.length === 0) return '';
  return sources.map((source) => `${source.n}\u0001${source.kind}\u0001${source.status}\u0001${source.url}\u0001${source.title}\u0001${source.domain}`).join('\u0002');
}
