import { readFileSync } from 'node:fs';
import { FIXTURE_TEXT } from '@tauceti/mocks/web';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtractionPool, type ExtractionPool } from './extraction-pool.ts';

const article = readFileSync(new URL('../../../../../tests/mocks/web/pages/article.html', import.meta.url), 'utf8');
const scripted = new URL('./__fixtures__/scripted-worker.mjs', import.meta.url);
const pools: ExtractionPool[] = [];
const track = (pool: ExtractionPool) => (pools.push(pool), pool);

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe('createExtractionPool', () => {
  it('extracts a page in a worker thread from the TypeScript source, by default', async () => {
    const pool = track(createExtractionPool());
    expect(pool.stats.workers).toBe(0);
    const extracted = await pool.extract(article, 'https://courier.example/trees');
    expect(extracted.title).toBe(FIXTURE_TEXT.article.title);
    expect(extracted.text).toContain(FIXTURE_TEXT.article.includes[0]);
    expect(pool.stats).toMatchObject({ workers: 1, started: 1, completed: 1, busy: 0 });
  });

  it('leaves the event loop free while a page is extracted', async () => {
    const pool = track(createExtractionPool());
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    await pool.extract(article.repeat(20), 'https://courier.example/trees');
    spinning = false;
    // Run on this thread, the extraction would finish before the first setImmediate turn.
    expect(turns).toBeGreaterThan(0);
  });

  it('queues work beyond its size and starts at most `size` workers', async () => {
    const pool = track(createExtractionPool({ size: 2, workerUrl: scripted }));
    const titles = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((page) => pool.extract(page, 'https://example.com/').then((result) => result.title)));
    expect(titles).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pool.stats).toMatchObject({ started: 2, completed: 5, queued: 0 });
  });

  it('terminates a stuck worker at the timeout and replaces it for the next page', async () => {
    const pool = track(createExtractionPool({ size: 1, workerUrl: scripted, timeoutMs: 200 }));
    const stuck = pool.extract('hang', 'https://example.com/');
    const next = pool.extract('after', 'https://example.com/');
    await expect(stuck).rejects.toMatchObject({
      name: 'FetchPageError',
      reason: 'extraction_timeout',
      message: 'fetch_page failed: reading the page took longer than 0.2 s',
    });
    expect((await next).title).toBe('after');
    expect(pool.stats).toMatchObject({ started: 2, timedOut: 1, completed: 1 });
  });

  it('fails the page, not the pool, when a worker crashes or exits', async () => {
    const pool = track(createExtractionPool({ size: 1, workerUrl: scripted }));
    await expect(pool.extract('crash', 'https://example.com/')).rejects.toMatchObject({
      reason: 'extraction_failed',
      message: expect.stringContaining('scripted crash'),
    });
    await expect(pool.extract('exit', 'https://example.com/')).rejects.toMatchObject({
      reason: 'extraction_failed',
      message: expect.stringContaining('exit code 3'),
    });
    expect((await pool.extract('fine', 'https://example.com/')).title).toBe('fine');
    expect(pool.stats.started).toBe(3);
  });

  it('rejects a queued page at once when its signal aborts, and runs the rest', async () => {
    const pool = track(createExtractionPool({ size: 1, workerUrl: scripted }));
    const controller = new AbortController();
    const first = pool.extract('first', 'https://example.com/');
    const cancelled = pool.extract('cancelled', 'https://example.com/', { signal: controller.signal });
    controller.abort(new Error('the user pressed stop'));
    await expect(cancelled).rejects.toThrow('the user pressed stop');
    expect((await first).title).toBe('first');
    expect(pool.stats.completed).toBe(1);
  });

  it('rejects a page whose signal has already aborted without starting a worker', async () => {
    const pool = track(createExtractionPool({ workerUrl: scripted }));
    await expect(pool.extract('x', 'https://example.com/', { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(pool.stats.started).toBe(0);
  });

  it('rejects running and queued work on close, and new work after it', async () => {
    const pool = createExtractionPool({ size: 1, workerUrl: scripted });
    const outcomes = Promise.allSettled([pool.extract('hang', 'https://example.com/'), pool.extract('queued', 'https://example.com/')]);
    await pool.close();
    const shutDown = { status: 'rejected', reason: expect.objectContaining({ message: 'fetch_page failed: the page reader is shut down' }) };
    expect(await outcomes).toEqual([shutDown, shutDown]);
    await expect(pool.extract('late', 'https://example.com/')).rejects.toMatchObject({ reason: 'extraction_failed' });
    expect(pool.stats.workers).toBe(0);
  });
});
