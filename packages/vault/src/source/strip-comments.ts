import { inlineCodeSpans } from './inline-code.ts';

/**
 * Obsidian comments: `%%inline%%`, and `%%` … `%%` across lines. Their text is visible only in
 * Editing view and is often private (a password, a draft), so it is never indexed. A `%%` inside
 * inline code is literal; the caller never passes lines of a code block.
 */
export interface StrippedLine {
  /** What is left of the line. */
  text: string;
  /** Whether a comment is still open at the end of the line. */
  inComment: boolean;
  /** Whether anything was removed (a line that was only a comment is then dropped, not kept blank). */
  removed: boolean;
}

/** Removes the comment parts of one line, given whether a comment was open before it. */
export function stripComments(line: string, inComment: boolean): StrippedLine {
  let text = '';
  let rest = line;
  let open = inComment;
  let removed = inComment;
  for (;;) {
    if (open) {
      // Inside a comment everything is comment, backticks too: only the closing `%%` counts.
      const close = rest.indexOf('%%');
      if (close === -1) return { text, inComment: true, removed: true };
      rest = rest.slice(close + 2);
      open = false;
      continue;
    }
    const start = firstMarkerOutsideCode(rest);
    if (start === -1) return { text: text + rest, inComment: false, removed };
    text += rest.slice(0, start);
    rest = rest.slice(start + 2);
    open = true;
    removed = true;
  }
}

function firstMarkerOutsideCode(text: string): number {
  let index = text.indexOf('%%');
  if (index === -1 || !text.includes('`')) return index;
  const spans = inlineCodeSpans(text);
  while (index !== -1) {
    const at = index;
    const span = spans.find(([start, end]) => at >= start && at < end);
    if (!span) return index;
    index = text.indexOf('%%', span[1]);
  }
  return -1;
}
