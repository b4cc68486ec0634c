/**
 * The parts of `[[target#heading|alias]]` (PROTOCOLS.md §4), split the way the server splits them so
 * `target` is the key of the note's `links`: `[[Note]]`, `[[Folder/Note.md]]`, `[[Note#A#B]]`,
 * `[[Note#^block]]`, `[[#Heading]]` (this note), `[[Note|shown]]`, `[[Note\|shown]]` (in a table),
 * `![[image.png|100x145]]` (an embed's `|` gives a size, not a name).
 */
export interface Wikilink {
  /** As written, trimmed; '' for a heading of this note. */
  target: string;
  /** The heading path (`A#B` → ['A', 'B']); [] without. */
  headings: string[];
  block: string | null;
  alias: string | null;
  embed: boolean;
}

/** Formats a note can embed that are not notes (Obsidian's accepted formats); a dot alone is no extension. */
const ATTACHMENT = /\.(avif|bmp|gif|jpe?g|png|svg|webp|flac|m4a|mp3|ogg|wav|webm|3gp|mkv|mov|mp4|ogv|pdf|canvas|base)$/i;
const IMAGE = /\.(avif|bmp|gif|jpe?g|png|svg|webp)$/i;

export const isAttachment = (target: string) => ATTACHMENT.test(target);
export const isImage = (target: string) => IMAGE.test(target);

export function parseWikilink(inner: string, embed: boolean): Wikilink | null {
  const text = inner.replace(/\\\|/g, '|');
  const pipe = text.indexOf('|');
  const left = pipe === -1 ? text : text.slice(0, pipe);
  const shown = pipe === -1 ? '' : text.slice(pipe + 1).trim();
  const hash = left.indexOf('#');
  const target = (hash === -1 ? left : left.slice(0, hash)).trim();
  const fragment = hash === -1 ? '' : left.slice(hash + 1);
  const isBlock = fragment.trimStart().startsWith('^');
  const block = isBlock ? fragment.trim().slice(1).trim() || null : null;
  const headings = isBlock ? [] : fragment.split('#').map((part) => part.trim()).filter(Boolean);
  if (!target && headings.length === 0 && !block) return null;
  return { target, headings, block, alias: shown && !embed ? shown : null, embed };
}
