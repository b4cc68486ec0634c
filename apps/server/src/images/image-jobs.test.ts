import type { ImageJob } from '@tauceti/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../storage/create-store.ts';
import { openDatabase } from '../storage/open-database.ts';
import { ImageJobError, type ImageBackend } from './image-jobs.ts';
import { createTestImageJobs, testPng as png } from './test-utils.ts';

let store: Store;
beforeEach(() => {
  store = createStore(openDatabase(':memory:'));
});
afterEach(() => store.db.close());

const jobs = (backend: Partial<ImageBackend>) => createTestImageJobs(store.images, backend);

describe('image jobs', () => {
  it('runs a job to its stored images with the figures that made them', async () => {
    const service = jobs({});
    const started = service.start({ params: { prompt: 'a lighthouse at dusk', seed: 42 }, conversationId: null, messageId: null });
    expect(started.state).toBe('queued');
    const done = (await service.finished(started.id)) as ImageJob;
    expect(done).toMatchObject({ state: 'done', workflow: 'sdxl', seed: 42, error: null });
    expect(done.images).toHaveLength(1);
    expect(done.images[0]).toMatchObject({ width: 64, height: 48, prompt: 'a lighthouse at dusk', seed: 42, steps: 30, durationMs: 1200 });
  });

  it('tells subscribers about 1,000 progress events in a handful of updates, ending with the finished job', async () => {
    const service = jobs({
      run: async (_graph, { onProgress }) => {
        for (let step = 1; step <= 1000; step++) {
          onProgress({ phase: 'running', step, steps: 1000 });
          if (step % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        return { images: [await png()], durationMs: 10 };
      },
    });
    const seen: ImageJob[] = [];
    const started = service.start({ params: { prompt: 'fast' }, conversationId: null, messageId: null });
    service.subscribe(started.id, (job) => seen.push(job));
    await service.finished(started.id);
    expect(seen.length).toBeLessThan(50);
    expect(seen.at(-1)?.state).toBe('done');
  });

  it('records the failing node when ComfyUI reports an execution error', async () => {
    const service = jobs({
      run: async () => {
        throw new ImageJobError('ComfyUI failed in KSampler (node 3): CUDA out of memory', '3', 'KSampler');
      },
    });
    const started = service.start({ params: { prompt: 'too big' }, conversationId: null, messageId: null });
    expect(await service.finished(started.id)).toMatchObject({ state: 'failed', error: { node: '3', nodeType: 'KSampler' } });
  });

  it('stops a running job and says so', async () => {
    let running!: () => void;
    const isRunning = new Promise<void>((resolve) => (running = resolve));
    const service = jobs({
      run: (_graph, { signal }) =>
        new Promise((_resolve, reject) => {
          running();
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    const started = service.start({ params: { prompt: 'slow' }, conversationId: null, messageId: null });
    await isRunning;
    expect(service.stop(started.id)).toBe(true);
    expect(await service.finished(started.id)).toMatchObject({ state: 'stopped', images: [] });
  });
});

describe('image jobs after a restart', () => {
  const leftBehind = (id: string, promptId: string | null) => {
    store.images.insertJob({ id, conversationId: null, messageId: null, variantOf: null, state: 'queued', params: { prompt: 'left behind' }, workflow: 'sdxl', checkpoint: null, seed: 5, promptId, createdAt: 1 });
    store.images.updateJob(id, { state: 'running' });
  };

  it('takes the images of a job that finished while the server was down, and never sends it again', async () => {
    leftBehind('job-left01', '3f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50');
    let runs = 0;
    const service = jobs({
      run: async () => {
        runs += 1;
        return { images: [], durationMs: 0 };
      },
      reconcile: async () => ({ state: 'success', images: [await png()] }),
    });
    expect(await service.reconcile(new AbortController().signal)).toBe(1);
    expect(service.get('job-left01')).toMatchObject({ state: 'done', images: [{ seed: 5 }] });
    expect(runs).toBe(0);
  });

  it('marks a job interrupted when ComfyUI never had it', async () => {
    leftBehind('job-left02', null);
    leftBehind('job-left03', '4f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f51');
    const service = jobs({ reconcile: async () => ({ state: 'unknown' }) });
    await service.reconcile(new AbortController().signal);
    expect([service.get('job-left02')?.state, service.get('job-left03')?.state]).toEqual(['interrupted', 'interrupted']);
  });
});
