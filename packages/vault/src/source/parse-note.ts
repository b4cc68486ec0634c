import type { NoteDocument, NoteHeading, NoteLink } from '../types.ts';
import { findLinks } from './find-links.ts';
import { findTags } from './find-tags.ts';
import { maskInlineCode, maskSpans } from './inline-code.ts';
import { FenceTracker, matchHeading, type Fence } from './markdown-blocks.ts';
import { matchCallout } from './match-callout.ts';
import { noteId } from './note-id.ts';
import { noteProperties, parseFrontmatter } from './parse-frontmatter.ts';
import { stripComments } from './strip-comments.ts';

/** A note parsed from its text alone: no file facts yet, and every `links[].resolved` is null. */
export type ParsedNote = Omit<NoteDocument, 'contentHash' | 'size' | 'mtimeMs'>;

export interface ParseNoteInput {
  /** Vault-relative, `/` separators, with `.md`. */
  path: string;
  text: string;
}

// ` ^id` at the end of a line, or `^id` alone on one; ids are Latin letters, digits and `-`.
const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)[ \t]*$/;

/**
 * Parses a note in one pass over its lines, without a Markdown parser: frontmatter (title,
 * aliases, tags), headings, links and embeds, inline tags, block ids, and the readable `body`
 * (frontmatter and `%% comments %%` left out; callouts as plain text). Code blocks and inline code
 * stay in the body but are never read for links, tags or headings. Pure; never throws: what cannot
 * be read as intended (bad YAML) becomes a warning.
 */
export function parseNote(input: ParseNoteInput): ParsedNote {
  const text = input.text.startsWith('\uFEFF') ? input.text.slice(1) : input.text;
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  const frontmatter = parseFrontmatter(lines);
  const properties = noteProperties(frontmatter.data);
  const reader = new NoteLineReader();
  for (let index = frontmatter.lineCount; index < lines.length; index++) reader.read(lines[index] ?? '', index);

  const warnings = frontmatter.warning ? [frontmatter.warning] : [];
  if (reader.inComment) warnings.push('A %% comment is never closed: the rest of the note is left out');
  // Links in properties (`related: "[[Other]]"`) count, as they do in Obsidian's graph.
  const propertyLinks = properties.texts.flatMap((value) => findLinks(value.replace(/\n/g, ' ')).links);
  return {
    path: input.path,
    id: noteId(input.path),
    title: properties.title ?? fileTitle(input.path),
    aliases: [...properties.aliases],
    tags: [...new Set([...properties.tags, ...reader.tags])],
    headings: reader.headings,
    links: [...propertyLinks, ...reader.links],
    blockIds: [...new Set(reader.blockIds)],
    body: reader.bodyLines.join('\n'),
    warnings,
  };
}

/** `Garden/Tomato feed.md` → `Tomato feed`. */
function fileTitle(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

/** The per-line state machine of `parseNote`: code fences, comments, callouts. */
class NoteLineReader {
  readonly bodyLines: string[] = [];
  readonly headings: NoteHeading[] = [];
  readonly links: NoteLink[] = [];
  readonly tags: string[] = [];
  readonly blockIds: string[] = [];
  inComment = false;
  readonly #fences = new FenceTracker();
  /** The quote depth of the callout being read, 0 outside one. */
  #calloutDepth = 0;
  #fenceInCallout = false;

  read(rawLine: string, lineNumber: number): void {
    let line = rawLine;
    if (!this.#fences.inFence && (this.inComment || line.includes('%%'))) {
      const stripped = stripComments(line, this.inComment);
      this.inComment = stripped.inComment;
      if (stripped.removed && stripped.text.trim() === '') return; // only a comment: nothing to keep
      line = stripped.text;
    }
    const state = this.#fences.next(line);
    // A callout's body is written without `>`, so a fence left open by its end is closed here, or
    // the rest of the body would read as code to the chunker.
    if (state.endedByQuote && this.#fenceInCallout) this.bodyLines.push(fenceMarker(state.endedByQuote));
    if (state.depth < this.#calloutDepth) this.#calloutDepth = 0;
    if (state.inCode) {
      if (state.opened) this.#fenceInCallout = this.#calloutDepth > 0;
      this.bodyLines.push(this.#calloutDepth > 0 ? state.content : line);
      return;
    }

    let masked = maskInlineCode(state.content);
    let bodyLine = line;
    const callout = state.depth > 0 && matchCallout(masked) ? matchCallout(state.content) : null;
    if (callout && this.#calloutDepth === 0) this.#calloutDepth = state.depth;
    if (callout) {
      // `> [!tip]- Title` → `Title`: the marker is noise to a search, the title is not.
      bodyLine = plainText(callout.title);
      masked = maskInlineCode(bodyLine);
    } else if (this.#calloutDepth > 0) {
      // Inside a callout a `## Heading` is not a heading of the note: kept as plain text.
      bodyLine = plainText(state.content);
    } else if (state.depth === 0) {
      const heading = matchHeading(line);
      if (heading) this.headings.push({ level: heading.level, text: heading.text, line: lineNumber });
    }
    this.#scan(masked);
    this.bodyLines.push(bodyLine);
  }

  #scan(masked: string): void {
    const found = findLinks(masked);
    for (const link of found.links) this.links.push(link);
    for (const tag of findTags(maskSpans(masked, found.spans))) this.tags.push(tag);
    if (masked.includes('^')) {
      const blockId = BLOCK_ID.exec(masked)?.[1];
      if (blockId) this.blockIds.push(blockId);
    }
  }
}

/** Heading markers removed (`## Text` → `Text`), so no line of a callout reads as a heading later. */
function plainText(content: string): string {
  let text = content;
  for (let heading = matchHeading(text); heading; heading = matchHeading(text)) text = heading.text;
  return text;
}

function fenceMarker(fence: Fence): string {
  return fence.marker.repeat(fence.length);
}
