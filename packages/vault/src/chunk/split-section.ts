import { findLinks } from '../source/find-links.ts';
import { maskInlineCode } from '../source/inline-code.ts';
import { closesFence, FenceTracker, openFence, splitQuote } from '../source/markdown-blocks.ts';

export interface SplitSectionOptions {
  /** The most characters a piece may have, its overlap included. */
  maxChars: number;
  /** About how many characters of the previous piece start the next one. */
  overlapChars: number;
}

export interface SectionPiece {
  /** The piece as indexed: the overlap from the previous piece, then its own text. */
  text: string;
  /** Its own text outside code blocks, where its links are read (the overlap's belong to the previous piece). */
  prose: string;
}

interface Block {
  text: string;
  code: boolean;
  /** The rest of a paragraph split at a sentence: joined with a space, not a blank line. */
  continues: boolean;
}

/**
 * Splits a section's text to fit `maxChars`: at paragraph boundaries, keeping each code block whole
 * when it fits; a paragraph too long on its own is split at sentence ends (never inside a link),
 * a sentence too long at a space. Each piece after the first starts with about `overlapChars` of
 * the previous one, from a sentence or word start, so a fact cut in two is still found whole.
 */
export function splitSection(content: string, options: SplitSectionOptions): SectionPiece[] {
  const blocks = toBlocks(content.split('\n'));
  if (content.length <= options.maxChars) return [{ text: content, prose: proseOf(blocks) }];
  const fitting = blocks.flatMap((block) => {
    if (block.text.length <= options.maxChars) return [block];
    return block.code ? splitCode(block, options.maxChars) : splitProse(block, options.maxChars);
  });
  return pack(fitting, options);
}

/** Paragraphs (separated by blank lines) and whole code blocks (blank lines inside included). */
function toBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  const fences = new FenceTracker();
  let current: string[] = [];
  let inCode = false;
  const flush = (): void => {
    if (current.length > 0) blocks.push({ text: current.join('\n'), code: inCode, continues: false });
    current = [];
    inCode = false;
  };
  for (const line of lines) {
    const state = fences.next(line);
    if (state.endedByQuote || state.opened || (inCode && !state.inCode)) flush();
    if (state.inCode) {
      inCode = true;
      current.push(line);
      if (!fences.inFence) flush(); // the closing fence line
    } else if (line.trim() === '') flush();
    else current.push(line);
  }
  flush();
  return blocks;
}

/** A code block too long for one piece: cut between lines, each part re-fenced so it reads as code. */
function splitCode(block: Block, maxChars: number): Block[] {
  const lines = block.text.split('\n');
  const opener = lines[0] ?? '';
  const quoted = splitQuote(opener);
  const fence = openFence(quoted.content, quoted.depth);
  const last = lines.at(-1) ?? '';
  const closed = lines.length > 1 && fence !== null && closesFence(fence, splitQuote(last, fence.depth).content);
  const closer = closed ? last : (fence?.marker ?? '`').repeat(fence?.length ?? 3);
  const inner = lines.slice(1, closed ? -1 : undefined);
  const room = Math.max(maxChars - opener.length - closer.length - 2, 1);
  return packLines(inner.flatMap((line) => hardSplit(line, room)), room, '\n').map((text) => ({
    text: `${opener}\n${text}\n${closer}`,
    code: true,
    continues: false,
  }));
}

/** A paragraph too long for one piece: its sentences, each cut at spaces if still too long. */
function splitProse(block: Block, maxChars: number): Block[] {
  return sentences(block.text)
    .flatMap((sentence) => hardSplit(sentence, maxChars))
    .map((text, index) => ({ text, code: false, continues: index > 0 || block.continues }));
}

/** Sentence ends (`. ! ? …` then whitespace), except inside `[[links]]` and `[text](links)`. */
function sentences(text: string): string[] {
  const linkSpans: [number, number][] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    for (const [start, end] of findLinks(maskInlineCode(line)).spans) linkSpans.push([offset + start, offset + end]);
    offset += line.length + 1;
  }
  const parts: string[] = [];
  let from = 0;
  for (const match of text.matchAll(/[.!?…]+["'”’)\]]*\s+/g)) {
    const cut = match.index + match[0].length;
    if (linkSpans.some(([start, end]) => match.index >= start && match.index < end)) continue;
    parts.push(text.slice(from, cut).trim());
    from = cut;
  }
  parts.push(text.slice(from).trim());
  return parts.filter((part) => part !== '');
}

/** Cuts text longer than `maxChars` at the last space that fits (or mid-word when there is none). */
function hardSplit(text: string, maxChars: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars);
    const cut = space > maxChars / 2 ? space : Math.max(1, maxChars);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  parts.push(rest);
  return parts;
}

/** Greedy: as many lines as fit in `maxChars` per part. */
function packLines(lines: readonly string[], maxChars: number, joiner: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + joiner.length + line.length > maxChars) {
      parts.push(current);
      current = line;
    } else current = current === '' ? line : current + joiner + line;
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

/** Greedy packing of blocks that each fit, with the overlap in front of every piece after the first. */
function pack(blocks: readonly Block[], options: SplitSectionOptions): SectionPiece[] {
  const pieces: SectionPiece[] = [];
  let parts: Block[] = [];
  let own = '';
  let prefix = '';
  for (const block of blocks) {
    const joiner = block.continues ? ' ' : '\n\n';
    if (parts.length > 0 && prefix.length + own.length + joiner.length + block.text.length > options.maxChars) {
      pieces.push({ text: prefix + own, prose: proseOf(parts) });
      const last = parts.at(-1);
      // Code is not carried over: half a code block in front of prose would read as noise.
      const overlap = last && !last.code ? tail(own, options.overlapChars) : '';
      prefix = overlap && overlap.length + joiner.length + block.text.length <= options.maxChars ? overlap + joiner : '';
      parts = [];
      own = '';
    }
    own = parts.length === 0 ? block.text : own + joiner + block.text;
    parts.push(block);
  }
  if (parts.length > 0) pieces.push({ text: prefix + own, prose: proseOf(parts) });
  return pieces;
}

/** About the last `maxChars` of a text, starting at a sentence start if one is near, else a word start. */
function tail(text: string, maxChars: number): string {
  if (maxChars <= 0) return '';
  if (text.length <= maxChars) return text;
  const window = text.slice(-maxChars);
  const sentence = /[.!?…]["'”’)\]]*\s+(?=\S)/.exec(window);
  if (sentence && window.length - (sentence.index + sentence[0].length) >= maxChars / 3) {
    return window.slice(sentence.index + sentence[0].length).trim();
  }
  const space = window.search(/\s/);
  return (space === -1 ? window : window.slice(space)).trim();
}

function proseOf(blocks: readonly Block[]): string {
  return blocks
    .filter((block) => !block.code)
    .map((block) => block.text)
    .join('\n');
}
