import { hash } from 'node:crypto';
import { findLinks } from '../source/find-links.ts';
import { maskInlineCode } from '../source/inline-code.ts';
import { FenceTracker, matchHeading } from '../source/markdown-blocks.ts';
import type { Chunk, NoteDocument } from '../types.ts';
import { splitSection } from './split-section.ts';

// The viewer's heading slug belongs with the chunks it points into; it lives in its own file.
export { headingAnchor } from './heading-anchor.ts';

export interface ChunkOptions {
  /**
   * The most tokens (estimated as characters / 4) a chunk's `text` may have, its header included.
   * A longer section is split at paragraphs, then sentences. At least 8; a header longer than half
   * the budget leaves the content the other half.
   * @default 350
   */
  maxTokens?: number;
  /**
   * About how many tokens of the previous piece start each further piece of a split section; less
   * than `maxTokens`.
   * @default 40
   */
  overlapTokens?: number;
}

interface Section {
  /** Outermost first; [] for the text before the first heading. */
  headingPath: string[];
  /** Whether the section starts with a heading (a heading with nothing under it is still a chunk). */
  hasHeading: boolean;
  lines: string[];
}

const CHARS_PER_TOKEN = 4;

/**
 * Splits a note into chunks, one per heading section (the text before the first heading too, when
 * there is any), long sections split to `maxTokens`. Pure. Each chunk's `text` is a header line (title ›
 * heading path, aliases, tags) and then its content: what full text and embeddings index, so a
 * section is found by its note's name and place even when its words do not say them.
 *
 * @throws RangeError when the options are out of range.
 */
export function chunkNote(note: NoteDocument, options: ChunkOptions = {}): Chunk[] {
  const maxTokens = options.maxTokens ?? 350;
  const overlapTokens = options.overlapTokens ?? 40;
  if (!(maxTokens >= 8) || !(overlapTokens >= 0) || overlapTokens >= maxTokens) {
    throw new RangeError(
      `chunkNote needs maxTokens ≥ 8 and 0 ≤ overlapTokens < maxTokens (got ${maxTokens} and ${overlapTokens})`,
    );
  }
  const maxChars = maxTokens * CHARS_PER_TOKEN;
  const overlapChars = overlapTokens * CHARS_PER_TOKEN;
  // A target resolves the same way wherever it is written in the note.
  const resolvedByTarget = new Map(note.links.map((link) => [link.target, link.resolved]));
  const chunks: Chunk[] = [];
  const perHeadingPath = new Map<string, number>();
  const headerSuffix = headerSuffixOf(note);
  const noteSections = sections(note.body);
  for (const [index, section] of noteSections.entries()) {
    const content = trimBlankLines(section.lines).join('\n');
    if (content === '' && !needsOwnChunk(section, noteSections[index + 1])) continue;
    const header = headerLine(note.title, section.headingPath, headerSuffix);
    // The header takes room too, but a long one must not starve the content.
    const budget = Math.max(maxChars - header.length - 2, Math.floor(maxChars / 2));
    const pieces =
      content === '' ? [{ text: '', prose: '' }] : splitSection(content, { maxChars: budget, overlapChars });
    for (const piece of pieces) {
      const key = section.headingPath.join('\u0000');
      const nth = perHeadingPath.get(key) ?? 0;
      perHeadingPath.set(key, nth + 1);
      chunks.push({
        id: chunkId(note.path, section.headingPath, nth),
        notePath: note.path,
        noteId: note.id,
        noteTitle: note.title,
        aliases: note.aliases,
        tags: note.tags,
        headingPath: section.headingPath,
        ordinal: chunks.length,
        content: piece.text,
        text: piece.text === '' ? header : `${header}\n\n${piece.text}`,
        links: linkedPaths(piece.prose, resolvedByTarget, note.path),
        contentHash: note.contentHash,
      });
    }
  }
  return chunks;
}

/**
 * `sha1(notePath, headingPath, n)` where n counts the chunks under the same heading path: an edit
 * in one section leaves the ids of the others as they were, so the store rewrites only that one.
 */
function chunkId(notePath: string, headingPath: readonly string[], nth: number): string {
  // One-shot `hash` (Node ≥ 20.12) is about 3× faster than createHash for inputs this small.
  return hash('sha1', [notePath, ...headingPath, String(nth)].join('\u0000'), 'hex').slice(0, 16);
}

/** `Boiler › Pressure (also: Heating, Central heating) #home/heating #maintenance` */
function headerLine(title: string, headingPath: readonly string[], suffix: string): string {
  // A note that repeats its name as its first heading would read `Boiler › Boiler › …`.
  const path = headingPath[0]?.toLowerCase() === title.toLowerCase() ? headingPath.slice(1) : headingPath;
  return (path.length === 0 ? title : `${title} › ${path.join(' › ')}`) + suffix;
}

/** The aliases and tags part of the header line: the same for every chunk of a note. */
function headerSuffixOf(note: NoteDocument): string {
  let suffix = '';
  if (note.aliases.length > 0) suffix += ` (also: ${note.aliases.join(', ')})`;
  if (note.tags.length > 0) suffix += ` ${note.tags.map((tag) => `#${tag}`).join(' ')}`;
  return suffix;
}

/** The body cut at its headings, with the same rules the parser used to list them. */
function sections(body: string): Section[] {
  const result: Section[] = [];
  let current: Section = { headingPath: [], hasHeading: false, lines: [] };
  const stack: { level: number; text: string }[] = [];
  const fences = new FenceTracker();
  for (const line of body.split('\n')) {
    const state = fences.next(line);
    const heading = state.inCode || state.depth > 0 ? null : matchHeading(line);
    if (!heading) {
      current.lines.push(line);
      continue;
    }
    result.push(current);
    while ((stack.at(-1)?.level ?? 0) >= heading.level) stack.pop();
    stack.push(heading);
    current = { headingPath: stack.map((entry) => entry.text), hasHeading: true, lines: [] };
  }
  result.push(current);
  return result;
}

/**
 * An empty section still gets a chunk so its heading can be found, unless the next section is
 * below it: then its heading is in that section's heading path, and so in its header line.
 */
function needsOwnChunk(section: Section, next: Section | undefined): boolean {
  if (!section.hasHeading) return false;
  return !next || next.headingPath.length <= section.headingPath.length;
}

function linkedPaths(prose: string, resolvedByTarget: ReadonlyMap<string, string | null>, selfPath: string): string[] {
  if (!prose.includes('[')) return [];
  const paths = new Set<string>();
  for (const line of prose.split('\n')) {
    for (const link of findLinks(maskInlineCode(line)).links) {
      const resolved = resolvedByTarget.get(link.target);
      if (resolved && resolved !== selfPath) paths.add(resolved);
    }
  }
  return [...paths];
}

function trimBlankLines(lines: readonly string[]): readonly string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}
