import type { NoteLink } from '../types.ts';

/**
 * Links and embeds on one line whose inline code is already masked: wikilinks (`[[…]]`, `![[…]]`)
 * and Markdown links to notes (`[text](Some%20Note.md#Heading)`). Resolution is a later step, so
 * `resolved` is null here.
 */
export interface FoundLinks {
  readonly links: readonly NoteLink[];
  /** [start, end) of every link and URL on the line: no tag is read inside them. */
  readonly spans: readonly (readonly [number, number])[];
}

// Most lines hold no link: they share one empty result instead of allocating two arrays each.
const NONE: FoundLinks = { links: [], spans: [] };

// `[[` … `]]` without brackets inside; Obsidian cannot link across a line break either.
const WIKILINK = /(!?)\[\[([^[\]\n]+)\]\]/g;
// `[text](target "title")`, the target maybe in `<…>` (a path with spaces). Images are `![…](…)`.
const MARKDOWN_LINK = /(!?)\[([^\]\n]*)\]\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
// Bare and autolinked URLs: `https://example.com/#section` is neither a tag nor a link to a note.
const BARE_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>)\]]+/gi;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Finds the links on a line (inline code masked). Cheap when the line has none. */
export function findLinks(line: string): FoundLinks {
  const hasWikilink = line.includes('[[');
  const hasMarkdownLink = line.includes('](');
  const hasUrl = line.includes('://');
  if (!hasWikilink && !hasMarkdownLink && !hasUrl) return NONE;
  const links: NoteLink[] = [];
  const spans: [number, number][] = [];
  // exec loops, not matchAll: no iterator per line, and this runs on every line of every note.
  if (hasWikilink) {
    WIKILINK.lastIndex = 0;
    for (let match = WIKILINK.exec(line); match; match = WIKILINK.exec(line)) {
      const link = parseWikilink(match[2] ?? '', match[1] === '!');
      if (link) links.push(link);
      spans.push([match.index, match.index + match[0].length]);
    }
  }
  if (hasMarkdownLink) {
    const wikilinkSpans = spans.length;
    MARKDOWN_LINK.lastIndex = 0;
    for (let match = MARKDOWN_LINK.exec(line); match; match = MARKDOWN_LINK.exec(line)) {
      const start = match.index;
      const end = start + match[0].length;
      if (overlaps(spans, wikilinkSpans, start, end)) continue; // `[x](y)` written inside a wikilink
      const link = parseMarkdownLink(match[3] ?? '', match[2] ?? '', match[1] === '!');
      if (link) links.push(link);
      spans.push([start, end]);
    }
  }
  if (hasUrl) {
    BARE_URL.lastIndex = 0;
    for (let match = BARE_URL.exec(line); match; match = BARE_URL.exec(line)) {
      spans.push([match.index, match.index + match[0].length]);
    }
  }
  return { links, spans };
}

function overlaps(spans: readonly (readonly [number, number])[], count: number, start: number, end: number): boolean {
  for (let index = 0; index < count; index++) {
    const span = spans[index];
    if (span && start < span[1] && end > span[0]) return true;
  }
  return false;
}

/**
 * `Note#A#B|alias` → target `Note`, heading `A#B`, alias. `Note#^id` → block. `#Heading` → target ''
 * (this note). In tables the pipe is written `\|`. Empty (`[[]]`, `[[|x]]`) → null.
 */
export function parseWikilink(inner: string, embed: boolean): NoteLink | null {
  const pipe = inner.indexOf('|');
  let destination = pipe === -1 ? inner : inner.slice(0, pipe);
  const alias = pipe === -1 ? null : inner.slice(pipe + 1).trim() || null;
  if (destination.endsWith('\\')) destination = destination.slice(0, -1);
  const hash = destination.indexOf('#');
  const target = (hash === -1 ? destination : destination.slice(0, hash)).trim();
  const subpath = hash === -1 ? '' : destination.slice(hash + 1);
  if (target === '' && subpath.trim() === '') return null;
  const { heading, block } = splitSubpath(subpath);
  return { target, heading, block, alias, embed, resolved: null };
}

/** Only links to `.md` files count; web links, `mailto:`, `#anchors` and images are not notes. */
function parseMarkdownLink(rawTarget: string, text: string, embed: boolean): NoteLink | null {
  const destination = rawTarget.startsWith('<') ? rawTarget.slice(1, -1) : rawTarget;
  if (URL_SCHEME.test(destination)) return null;
  const hash = destination.indexOf('#');
  const target = decode(hash === -1 ? destination : destination.slice(0, hash)).trim();
  if (!/\.md$/i.test(target)) return null;
  const { heading, block } = splitSubpath(hash === -1 ? '' : decode(destination.slice(hash + 1)));
  return { target, heading, block, alias: text.trim() || null, embed, resolved: null };
}

const NO_SUBPATH: Pick<NoteLink, 'heading' | 'block'> = { heading: null, block: null };

/** `A#B` → heading `A#B`; `^id` → block `id`; `A#^id` → both. */
function splitSubpath(subpath: string): Pick<NoteLink, 'heading' | 'block'> {
  if (subpath === '') return NO_SUBPATH; // most links: no allocation
  const parts = subpath
    .split('#')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const blockIndex = parts.findIndex((part) => part.startsWith('^'));
  const block = blockIndex === -1 ? null : (parts[blockIndex] ?? '').slice(1) || null;
  const headings = blockIndex === -1 ? parts : parts.slice(0, blockIndex);
  return { heading: headings.length > 0 ? headings.join('#') : null, block };
}

/** Percent-decoding that leaves a malformed escape (`100%.md`) as written instead of throwing. */
function decode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
