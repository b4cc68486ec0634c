/**
 * Splits markdown into top-level blocks at blank lines outside code fences, so a streaming answer can
 * keep the HTML of finished blocks and re-render only the last one. `blocks.join('') === text`.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;

export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let fence: { char: string; length: number } | null = null;
  let blockStart = 0;
  let previousBlank = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(lineStart, newline === -1 ? text.length : newline);
    const isBlank = BLANK.test(line);
    // A new block starts on a non-blank, non-indented line after a blank line outside a fence
    // (an indented line continues a list item or an indented code block).
    if (!fence && previousBlank && !isBlank && !/^[ \t]/.test(line)) {
      blocks.push(text.slice(blockStart, lineStart));
      blockStart = lineStart;
    }
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      const closes = marker && marker[0] === fence.char && marker.length >= fence.length && BLANK.test(line.slice(line.indexOf(marker) + marker.length));
      if (closes) fence = null;
    } else if (marker && !(marker[0] === '`' && line.slice(line.indexOf(marker) + marker.length).includes('`'))) {
      fence = { char: marker[0] ?? '`', length: marker.length };
    }
    previousBlank = !fence && isBlank;
    lineStart = lineEnd;
  }
  if (blockStart < text.length || blocks.length === 0) blocks.push(text.slice(blockStart));
  return blocks;
}
