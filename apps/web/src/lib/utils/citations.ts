/**
 * `[n]` citation markers, read the way the server's citation check reads them
 * (`apps/server/src/sources/check-citations.ts`), so a chip and the server's verdict never disagree.
 */
import type { Source } from '@tauceti/contracts';
import { isNoteViewerUrl } from './safe-urls.ts';

/**
 * A marker at the start of `text`: `[1]`, `[1, 2]`, `[2-4]`, but not a Markdown link `[1](…)`, a
 * reference definition `[1]: …` or the end of a `[[wikilink]]`. The caller checks the character before.
 */
export const CITATION_MARKER = /^\[(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)\](?![(:\]])/;

/** The numbers inside a marker's brackets: `1, 2` → [1, 2]; `2-4` → [2, 3, 4] (a range over 20 counts its start). */
export function markerNumbers(inner: string): number[] {
  const numbers: number[] = [];
  for (const item of inner.split(',')) {
    const [from, to] = item.split(/[-–]/).map((value) => Number.parseInt(value.trim(), 10));
    if (from === undefined || Number.isNaN(from)) continue;
    const last = to === undefined || Number.isNaN(to) || to < from || to - from > 20 ? from : to;
    for (let n = from; n <= last; n++) if (n > 0 && !numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

/** What a chip shows: the source's kind of evidence, or that there is none. */
export type CitationStatus = Source['status'] | 'dangling';

/** Only these open: a source URL is data from the web and could be `javascript:` or worse. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Where a source opens: a web page in a new tab, a note in the app's viewer. Only a `note` source
 * opens the viewer, and only at its exact `/notes/<id>#anchor` address; null: named, never linked.
 */
export function sourceLink(source: Pick<Source, 'kind' | 'url'>): { href: string; isInApp: boolean } | null {
  if (source.kind === 'note') return isNoteViewerUrl(source.url) ? { href: source.url, isInApp: true } : null;
  return isWebUrl(source.url) ? { href: source.url, isInApp: false } : null;
}

/** "1 citation points at no source: [5]" */
export function danglingSentence(numbers: readonly number[]): string {
  const list = numbers.map((n) => `[${n}]`).join(', ');
  return numbers.length === 1 ? `1 citation points at no source: ${list}` : `${numbers.length} citations point at no source: ${list}`;
}

/** The title people see for a source; a page without one is named by its domain. */
export function sourceTitle(source: Pick<Source, 'title' | 'domain' | 'url'>): string {
  return source.title.trim() || source.domain || source.url;
}
