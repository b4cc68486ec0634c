/**
 * The few block-level Markdown rules the parser and the chunker share: quote markers, code fences
 * and ATX headings. Both run them over lines, so the chunker finds exactly the headings the parser
 * listed (a full Markdown lexer is 6× slower, PERFORMANCE §3.2, and we need only these).
 */

export interface Fence {
  marker: '`' | '~';
  length: number;
  /** How many `>` markers the opening line had: the fence ends with the quote that holds it. */
  depth: number;
}

export interface QuotedLine {
  /** How many `>` markers were stripped. */
  depth: number;
  /** The line without them (and without the one space after each). */
  content: string;
}

const QUOTE_MARKER = /^ {0,3}> ?/;

/** Strips up to `maxDepth` blockquote markers (`> > text` → depth 2, `text`). */
export function splitQuote(line: string, maxDepth = Infinity): QuotedLine {
  let depth = 0;
  let content = line;
  while (depth < maxDepth) {
    const marker = QUOTE_MARKER.exec(content);
    if (!marker) break;
    content = content.slice(marker[0].length);
    depth++;
  }
  return { depth, content };
}

// Any indentation: fences inside nested list items are indented past CommonMark's 3 spaces, and
// treating them as text would read code as links and tags.
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/** The fence a line opens (after its quote markers are stripped), or null. */
export function openFence(content: string, depth: number): Fence | null {
  const match = FENCE_OPEN.exec(content);
  if (!match?.[1]) return null;
  const run = match[1];
  // CommonMark: a backtick fence's info string cannot hold a backtick (that is inline code).
  if (run[0] === '`' && match[2]?.includes('`')) return null;
  return { marker: run[0] === '`' ? '`' : '~', length: run.length, depth };
}

/** Whether a line (quote markers stripped) closes a fence: same marker, at least as long, nothing after. */
export function closesFence(fence: Fence, content: string): boolean {
  const match = FENCE_CLOSE.exec(content);
  return match?.[1] !== undefined && match[1][0] === fence.marker && match[1].length >= fence.length;
}

/** What the tracker knows of the line it last read. */
export interface LineState extends QuotedLine {
  /** Inside a code block, the fence lines included: never read for links, tags or headings. */
  readonly inCode: boolean;
  /** The fence this line opened, if it did. */
  readonly opened: Fence | null;
  /** A fence that ended before this line because its quote ended (no closing marker was written). */
  readonly endedByQuote: Fence | null;
}

/**
 * Follows code fences line by line; one per note, fed every line in order. `next` returns the
 * tracker itself, its fields describing that line until the next call: this runs on every line of
 * every note, and an object per line was a third of the parse time in garbage collection.
 */
export class FenceTracker implements LineState {
  depth = 0;
  content = '';
  inCode = false;
  opened: Fence | null = null;
  endedByQuote: Fence | null = null;
  #fence: Fence | null = null;

  get inFence(): boolean {
    return this.#fence !== null;
  }

  next(line: string): LineState {
    this.endedByQuote = null;
    this.opened = null;
    if (this.#fence) {
      const fence = this.#fence;
      this.#strip(line, fence.depth);
      if (this.depth >= fence.depth) {
        if (closesFence(fence, this.content)) this.#fence = null;
        this.inCode = true;
        return this;
      }
      this.endedByQuote = fence;
      this.#fence = null;
    }
    this.#strip(line, Infinity);
    this.opened = openFence(this.content, this.depth);
    this.#fence = this.opened;
    this.inCode = this.opened !== null;
    return this;
  }

  #strip(line: string, maxDepth: number): void {
    const first = line.charCodeAt(0);
    // Most lines are no quote: skip the regex unless the line starts with `>` or a space.
    if (first !== 62 /* > */ && first !== 32 /* space */) {
      this.depth = 0;
      this.content = line;
      return;
    }
    const quoted = splitQuote(line, maxDepth);
    this.depth = quoted.depth;
    this.content = quoted.content;
  }
}

export interface AtxHeading {
  level: number;
  text: string;
}

// A space (or the end of the line) after the hashes: `#tag` at the start of a line is a tag.
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

/** An ATX heading (`## Text ##`), or null. Empty headings are null: nothing to find or link to. */
export function matchHeading(content: string): AtxHeading | null {
  if (!content.includes('#')) return null;
  const match = ATX_HEADING.exec(content);
  if (!match?.[1]) return null;
  // The optional closing run of hashes is not part of the text (`## Title ##`).
  const text = (match[2] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
  return text === '' ? null : { level: match[1].length, text };
}
