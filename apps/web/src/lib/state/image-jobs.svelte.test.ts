import type { ImageJob } from '@tauceti/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { doneJob, imageJob } from '../__fixtures__/image-jobs.ts';
import type { ImageJobEventsOptions } from '../api/image-job-events.ts';
import { ApiError } from '../api/http.ts';
import { ImageJobsState } from './image-jobs.svelte.ts';

/** Event streams the test drives by hand: which are open, and what each delivers. */
function fakeStreams() {
  const open = new Map<string, ImageJobEventsOptions>();
  const opened: string[] = [];
  const subscribe = vi.fn((id: string, options: ImageJobEventsOptions) => {
    open.set(id, options);
    opened.push(id);
    return () => open.delete(id);
  });
  const send = (job: ImageJob) => open.get(job.id)?.onJob(job);
  return { open, opened, subscribe, send };
}

const running = (step: number) => imageJob({ state: 'running', queuePosition: null, step, steps: 30, previewUrl: `/api/images/jobs/job-00000001/preview?n=${step}` });

describe('ImageJobsState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows an unfinished job until it finishes, then closes its stream', () => {
    const streams = fakeStreams();
    const jobs = new ImageJobsState({ subscribe: streams.subscribe });
    jobs.offer([imageJob()]);
    expect(streams.opened).toEqual(['job-00000001']);
    streams.send(running(12));
    expect(jobs.get('job-00000001')).toMatchObject({ state: 'running', step: 12 });
    streams.send(doneJob());
    expect(jobs.get('job-00000001')?.state).toBe('done');
    expect(streams.open.size).toBe(0);
    expect(jobs.isFollowing('job-00000001')).toBe(false);
  });

  it('does not follow a finished job, nor the same job twice', () => {
    const streams = fakeStreams();
    const jobs = new ImageJobsState({ subscribe: streams.subscribe });
    jobs.offer([doneJob({ id: 'job-done-0001' })]);
    jobs.offer([imageJob(), imageJob()]);
    jobs.offer([imageJob()]);
    expect(streams.opened).toEqual(['job-00000001']);
  });

  it('keeps what the stream said over an older snapshot of a stored message', () => {
    const streams = fakeStreams();
    const jobs = new ImageJobsState({ subscribe: streams.subscribe });
    jobs.offer([imageJob()]);
    streams.send(running(20));
    // A conversation reload that was read while the job was at step 5.
    jobs.offer([running(5)]);
    expect(jobs.get('job-00000001')?.step).toBe(20);
    // A finished snapshot is further along: taken, and the stream is closed.
    jobs.offer([doneJob()]);
    expect(jobs.get('job-00000001')?.state).toBe('done');
    expect(streams.open.size).toBe(0);
  });

  it('opens at most two streams; the others are asked for until a stream is free', async () => {
    const streams = fakeStreams();
    const getJob = vi.fn(async (id: string) => imageJob({ id, queuePosition: 1 }));
    const jobs = new ImageJobsState({ subscribe: streams.subscribe, getJob, pollMs: 1000 });
    jobs.offer(['job-a-000001', 'job-b-000001', 'job-c-000001'].map((id) => imageJob({ id, queuePosition: 2 })));
    expect(streams.opened).toEqual(['job-a-000001', 'job-b-000001']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(getJob).toHaveBeenCalledWith('job-c-000001');
    expect(jobs.get('job-c-000001')?.queuePosition).toBe(1);
    streams.send(doneJob({ id: 'job-a-000001' }));
    expect(streams.opened).toEqual(['job-a-000001', 'job-b-000001', 'job-c-000001']);
  });

  it('asks for the job again when its stream is refused, and follows it again while it runs', async () => {
    const streams = fakeStreams();
    const getJob = vi.fn(async () => running(3));
    const jobs = new ImageJobsState({ subscribe: streams.subscribe, getJob, pollMs: 500 });
    jobs.offer([imageJob()]);
    streams.open.get('job-00000001')?.onClosed?.();
    expect(jobs.isFollowing('job-00000001')).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(getJob).toHaveBeenCalledTimes(1);
    expect(jobs.get('job-00000001')?.step).toBe(3);
    expect(streams.opened).toEqual(['job-00000001', 'job-00000001']);
  });

  it('gives up on a job the server no longer knows', async () => {
    const streams = fakeStreams();
    const getJob = vi.fn(async () => Promise.reject(new ApiError('No such image job.', { status: 404, code: 'not_found' })));
    const jobs = new ImageJobsState({ subscribe: streams.subscribe, getJob, pollMs: 100 });
    jobs.offer([imageJob()]);
    streams.open.get('job-00000001')?.onClosed?.();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(getJob).toHaveBeenCalledTimes(1);
    expect(streams.opened).toHaveLength(1);
  });

  it('adds the job a vary makes and follows it', async () => {
    const streams = fakeStreams();
    const variant = imageJob({ id: 'job-00000002', variantOf: 'job-00000001', seed: 7, createdAt: 2000 });
    const vary = vi.fn(async () => variant);
    const jobs = new ImageJobsState({ subscribe: streams.subscribe, vary });
    jobs.offer([doneJob()]);
    expect(await jobs.vary('job-00000001')).toEqual(variant);
    expect(vary).toHaveBeenCalledWith('job-00000001');
    expect(jobs.get('job-00000002')).toEqual(variant);
    expect(streams.opened).toEqual(['job-00000002']);
  });

  it('groups a card: the root and the jobs made from it, through variants of variants, oldest first', () => {
    const jobs = new ImageJobsState({ subscribe: fakeStreams().subscribe });
    const root = doneJob();
    const first = doneJob({ id: 'job-00000002', variantOf: root.id, createdAt: 2000 });
    const second = imageJob({ id: 'job-00000003', variantOf: first.id, createdAt: 3000 });
    const otherCard = doneJob({ id: 'job-00000009', createdAt: 1500 });
    jobs.offer([second]);
    expect(jobs.card(root, [otherCard, first, root]).map((job) => job.id)).toEqual(['job-00000001', 'job-00000002', 'job-00000003']);
    expect(jobs.card(otherCard, [otherCard, first, root]).map((job) => job.id)).toEqual(['job-00000009']);
  });

  it('asks for the job after a stop the server had nothing left to stop for', async () => {
    const streams = fakeStreams();
    const jobs = new ImageJobsState({ subscribe: streams.subscribe, stop: async () => false, getJob: async () => doneJob() });
    jobs.offer([running(28)]);
    expect(await jobs.stop('job-00000001')).toBe(false);
    expect(jobs.get('job-00000001')?.state).toBe('done');
    expect(streams.open.size).toBe(0);
  });
});
