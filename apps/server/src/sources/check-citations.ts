import type { CitationCheck } from '@tauceti/contracts';

/** Fenced blocks and inline code: a `[1]` there is code, not a citation. */
const CODE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`/g;
/**
 * `[1]`, `[1, 2]`, `[1][3]`, `[2-4]`, but not a Markdown link `[1](…)` or a reference
 * definition `[1]: …`, and not `[[wikilinks]]`.
 */
const MARKER = /(?<!\[)\[(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)\](?!\(|:|\])/g;

/** The citation numbers written in an answer, in order of first appearance. */
export function citedNumbers(text: string): number[] {
  const prose = text.replace(CODE, ' ');
  const seen = new Set<number>();
  for (const match of prose.matchAll(MARKER)) {
    for (const item of (match[1] as string).split(',')) {
      const [from, to] = item.split(/[-–]/).map((value) => Number.parseInt(value.trim(), 10));
      if (from === undefined || Number.isNaN(from)) continue;
      const last = to === undefined || Number.isNaN(to) || to < from || to - from > 20 ? from : to;
      for (let n = from; n <= last; n++) if (n > 0) seen.add(n);
    }
  }
  return [...seen];
}

/**
 * Checks each `[n]` of an answer against the numbers of the turn's sources: one that points at no
 * source is dangling, to be flagged and never shown as a working link.
 */
export function checkCitations(text: string, hasSource: (n: number) => boolean): CitationCheck {
  const cited: number[] = [];
  const dangling: number[] = [];
  for (const n of citedNumbers(text)) (hasSource(n) ? cited : dangling).push(n);
  return { cited, dangling };
}
