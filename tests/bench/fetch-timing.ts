import type { ExtractionPool } from '@tauceti/server/src/web/extract/extraction-pool.ts';
import { spread } from './extraction-timing.ts';
import { loadPageReader, type SafeFetch } from './server-web-modules.ts';
import type { PageServer } from './fixtures/page-server.ts';
import { median, round } from './stats.ts';

/** PERFORMANCE.md §4 (d): a page 50 ms away behind a 50 Mbit/s link (each connection paced on its own). */
export const REMOTE = { ttfbMs: 50, mbit: 50 };

const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

export interface FetchTimingOptions {
  server: PageServer;
  safeFetch: SafeFetch;
  pool: ExtractionPool;
  /** Indices of the pages to fetch one by one. */
  pages: number[];
  /** Indices of the eight pages of the fan-out. */
  fanOut: number[];
  reps: number;
}

/**
 * Fetch and extraction timed apart: a bare `fetch()` + body read over loopback (the baseline), the
 * server's guarded fetch over loopback and from a "remote" page; then eight remote pages read
 * through the server's real page reader (fetch, decode, pool, clean) against fetching them alone.
 */
export async function timeFetches({ server, safeFetch, pool, pages, fanOut, reps }: FetchTimingOptions) {
  const bare: number[] = [];
  const guarded: number[] = [];
  const remote: number[] = [];
  // Warm both connection pools first: a fresh TCP connection is not what is measured.
  await (await fetch(server.pageUrl(0))).arrayBuffer();
  await safeFetch(server.pageUrl(0));
  for (const index of pages) {
    bare.push(await timed(async () => (await fetch(server.pageUrl(index))).arrayBuffer()));
    guarded.push(await timed(() => safeFetch(server.pageUrl(index))));
    remote.push(await timed(() => safeFetch(server.pageUrl(index, REMOTE))));
  }

  const readPage = (await loadPageReader())({ safeFetch, pool });
  const fetchWalls: number[] = [];
  const readWalls: number[] = [];
  const slowestFetch: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const urls = fanOut.map((index) => server.pageUrl(index, REMOTE));
    // Interleaved, so drift on the shared machine hits both alike.
    const each: number[] = [];
    fetchWalls.push(await timed(() => Promise.all(urls.map(async (url) => each.push(await timed(() => safeFetch(url)))))));
    slowestFetch.push(Math.max(...each));
    readWalls.push(await timed(() => Promise.all(urls.map((url) => readPage(url)))));
  }
  return {
    bareLoopback: spread(bare),
    guardedLoopback: spread(guarded),
    guardedRemote: spread(remote),
    fanOut: {
      fetchWallP50: round(median(fetchWalls), 1),
      slowestFetchP50: round(median(slowestFetch), 1),
      readWallP50: round(median(readWalls), 1),
      /** Reading eight pages minus the slowest of their fetches alone: what extraction adds to the wait. */
      addedP50: round(median(readWalls.map((wall, i) => wall - (slowestFetch[i] as number))), 1),
      reps,
    },
  };
}
