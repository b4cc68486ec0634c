/**
 * The page-extraction benchmark (PERFORMANCE.md §4 d), run in a process of its own (see
 * extraction-bench.ts) so its memory figure and timings are not mixed with the mock servers':
 * prints one JSON line with the results.
 */
import { existsSync } from 'node:fs';
import { createExtractionPool } from '@tauceti/server/src/web/extract/extraction-pool.ts';
import { timeStages } from './extraction-breakdown.ts';
import { extractMany, timeInProcess, timePooledFanOut, timePooledOneByOne } from './extraction-timing.ts';
import { timeFetches } from './fetch-timing.ts';
import { generateCorpus } from './fixtures/article-page.ts';
import { startPageServer } from './fixtures/page-server.ts';
import { readRss } from './rss.ts';
import { loadSafeFetch } from './server-web-modules.ts';
import { median } from './stats.ts';

const quick = process.argv.includes('--quick');
const log = (line: string) => process.stderr.write(`  ${line}\n`);

const corpus = generateCorpus(quick ? 12 : 40, 100_000, 300_000);
const elements = corpus.map((page) => page.html.match(/<[a-z]/gi)?.length ?? 0);
// The worker the built server runs (dist/extract-worker.js); from source only if not built.
const builtWorker = new URL('../../apps/server/dist/extract-worker.js', import.meta.url);
const pool = createExtractionPool(existsSync(builtWorker) ? { workerUrl: builtWorker, execArgv: [] } : {});
const server = await startPageServer(corpus.map((page) => ({ body: page.html })));
const safeFetch = (await loadSafeFetch())({ allowlist: ['127.0.0.2'] });

try {
  const rssBefore = readRss(process.pid);
  log('pool: warm-up, one by one, fan-out of 8…');
  // One pass over the corpus first, as the in-process figure warms each page: a cold worker's JIT is not the page's cost.
  await extractMany(pool, corpus, corpus.length);
  const rssWarm = readRss(process.pid);
  const pooled = await timePooledOneByOne(pool, corpus, quick ? 1 : 2);
  const fanOut = await timePooledFanOut(pool, corpus, quick ? 3 : 6);
  const extractions = quick ? 100 : 300;
  log(`pool: ${extractions} more extractions for the memory figure…`);
  await extractMany(pool, corpus, extractions);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssAfter = readRss(process.pid);

  log('fetch vs extract…');
  const largest = corpus.map((_, index) => index).slice(-8);
  const fetches = await timeFetches({ server, safeFetch, pool, pages: corpus.map((_, index) => index), fanOut: largest, reps: quick ? 3 : 6 });

  log('in-process extraction and its stages…');
  const inProcess = timeInProcess(corpus, quick ? 3 : 5);
  const stages = await timeStages(corpus);

  const result = {
    corpus: {
      pages: corpus.length,
      minKb: Math.round(Math.min(...corpus.map((page) => page.bytes)) / 1024),
      maxKb: Math.round(Math.max(...corpus.map((page) => page.bytes)) / 1024),
      medianElements: Math.round(median(elements)),
      medianTextChars: inProcess.medianTextChars,
    },
    inProcess,
    stages,
    pooled,
    fanOut,
    fetches,
    memory: {
      extractions: extractions + corpus.length + pooled.samples + fanOut.reps * 8,
      rssBeforeMb: rssBefore.rssMb,
      rssWarmMb: rssWarm.rssMb,
      rssAfterMb: rssAfter.rssMb,
      peakMb: rssAfter.peakMb,
      growthMb: rssAfter.rssMb - rssBefore.rssMb,
      growthSinceWarmMb: rssAfter.rssMb - rssWarm.rssMb,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await pool.close();
  await safeFetch.close();
  await server.close();
}

export type ExtractionResult = {
  corpus: { pages: number; minKb: number; maxKb: number; medianElements: number; medianTextChars: number };
  inProcess: ReturnType<typeof timeInProcess>;
  stages: Awaited<ReturnType<typeof timeStages>>;
  pooled: Awaited<ReturnType<typeof timePooledOneByOne>>;
  fanOut: Awaited<ReturnType<typeof timePooledFanOut>>;
  fetches: Awaited<ReturnType<typeof timeFetches>>;
  memory: { extractions: number; rssBeforeMb: number; rssWarmMb: number; rssAfterMb: number; peakMb: number; growthMb: number; growthSinceWarmMb: number };
};
