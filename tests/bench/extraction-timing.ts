import type { ExtractionPool } from '@tauceti/server/src/web/extract/extraction-pool.ts';
import { extractReadable } from '@tauceti/server/src/web/extract/extract-readable.ts';
import type { GeneratedPage } from './fixtures/article-page.ts';
import { median, p95, round } from './stats.ts';

const urlOf = (page: GeneratedPage) => `http://127.0.0.2/pages/${page.seed}`;

export interface Spread {
  p50: number;
  p95: number;
  max: number;
}
export const spread = (values: number[]): Spread => ({ p50: round(median(values), 1), p95: round(p95(values), 1), max: round(Math.max(...values), 1) });

/**
 * `extractReadable` on this thread, as PERFORMANCE.md §3.5 measured it: per page one warm-up, then
 * the median of `runs`; the spread is over the pages' medians.
 */
export function timeInProcess(pages: readonly GeneratedPage[], runs: number) {
  const medians: number[] = [];
  let worst = 0;
  const textChars: number[] = [];
  for (const page of pages) {
    textChars.push(extractReadable(page.html, urlOf(page)).text.length);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      extractReadable(page.html, urlOf(page));
      times.push(performance.now() - started);
    }
    medians.push(median(times));
    worst = Math.max(worst, ...times);
  }
  return { ...spread(medians), worstSingle: round(worst, 1), runsPerPage: runs, medianTextChars: Math.round(median(textChars)), perPage: medians };
}

/** One page at a time through the pool, as the caller sees it: posting the HTML, waiting, the reply. */
export async function timePooledOneByOne(pool: ExtractionPool, pages: readonly GeneratedPage[], rounds: number) {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const page of pages) {
      const started = performance.now();
      await pool.extract(page.html, urlOf(page));
      times.push(performance.now() - started);
    }
  }
  return { ...spread(times), samples: times.length };
}

/** Eight pages handed to the pool at once (a search's fan-out): wall time until the last is read. */
export async function timePooledFanOut(pool: ExtractionPool, pages: readonly GeneratedPage[], reps: number) {
  const walls: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const eight = Array.from({ length: 8 }, (_, i) => pages[(rep * 8 + i) % pages.length] as GeneratedPage);
    const started = performance.now();
    await Promise.all(eight.map((page) => pool.extract(page.html, urlOf(page))));
    walls.push(performance.now() - started);
  }
  return { wallP50: round(median(walls), 1), wallMax: round(Math.max(...walls), 1), reps, poolSize: pool.stats.size };
}

/** `count` more extractions, eight in flight at a time, for the memory figure. */
export async function extractMany(pool: ExtractionPool, pages: readonly GeneratedPage[], count: number): Promise<void> {
  for (let done = 0; done < count; done += 8) {
    const batch = Array.from({ length: Math.min(8, count - done) }, (_, i) => pages[(done + i) % pages.length] as GeneratedPage);
    await Promise.all(batch.map((page) => pool.extract(page.html, urlOf(page))));
  }
}
