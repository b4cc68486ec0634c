/**
 * Inline code spans (`` `x` ``, ``` ``a ` b`` ```): their text is kept, but never read for links,
 * tags, comments or block ids. Spans are found per line (CommonMark lets them cross a line break
 * inside a paragraph; notes almost never do, and a per-line pass stays linear).
 */

/** [start, end) offsets of the code spans on a line, backticks included. Linear in the line. */
export function inlineCodeSpans(line: string): [number, number][] {
  const runs: { start: number; end: number }[] = [];
  for (let index = line.indexOf('`'); index !== -1; ) {
    let end = index;
    while (line[end] === '`') end++;
    runs.push({ start: index, end });
    index = line.indexOf('`', end);
  }
  // For each run, the next run of the same length: a span closes only on an equal run.
  const nextSameLength: (number | undefined)[] = new Array(runs.length);
  const lastByLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (!run) continue;
    nextSameLength[i] = lastByLength.get(run.end - run.start);
    lastByLength.set(run.end - run.start, i);
  }
  const spans: [number, number][] = [];
  for (let i = 0; i < runs.length; ) {
    const closeIndex = nextSameLength[i];
    const open = runs[i];
    const close = closeIndex === undefined ? undefined : runs[closeIndex];
    if (closeIndex === undefined || !open || !close) {
      i++; // an unmatched run is literal text
      continue;
    }
    spans.push([open.start, close.end]);
    i = closeIndex + 1;
  }
  return spans;
}

/** The line with every code span blanked out (same length, so offsets still match). */
export function maskInlineCode(line: string): string {
  if (!line.includes('`')) return line;
  return maskSpans(line, inlineCodeSpans(line));
}

/** Replaces [start, end) spans with spaces; they may come in any order and overlap. */
export function maskSpans(line: string, spans: readonly (readonly [number, number])[]): string {
  if (spans.length === 0) return line;
  const sorted = spans.length === 1 ? spans : [...spans].sort((a, b) => a[0] - b[0]);
  let masked = '';
  let from = 0;
  for (const [start, end] of sorted) {
    if (end <= from) continue;
    const blankFrom = Math.max(start, from);
    masked += line.slice(from, blankFrom) + ' '.repeat(end - blankFrom);
    from = end;
  }
  return masked + line.slice(from);
}
