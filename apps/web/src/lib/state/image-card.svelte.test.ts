import type { ImageJob } from '@tauceti/contracts';
import { describe, expect, it, vi } from 'vitest';
import { doneJob, imageJob } from '../__fixtures__/image-jobs.ts';
import { ApiError } from '../api/http.ts';
import { ImageCardState } from './image-card.svelte.ts';
import { ImageJobsState } from './image-jobs.svelte.ts';

function setup(options: { known?: ImageJob[]; vary?: (id: string) => Promise<ImageJob> } = {}) {
  const root = doneJob();
  const jobs = new ImageJobsState({ subscribe: () => () => {}, ...(options.vary ? { vary: options.vary } : {}) });
  const card = new ImageCardState({ jobs, getRoot: () => root, getKnown: () => options.known ?? [root] });
  return { root, jobs, card };
}

describe('ImageCardState', () => {
  it('shows the newest variant, keeps them all, and lets another be picked', () => {
    const root = doneJob();
    const variant = doneJob({ id: 'job-00000002', variantOf: root.id, seed: 7, createdAt: 2000 });
    const { card } = setup({ known: [root, variant] });
    expect(card.variants.map((job) => job.id)).toEqual(['job-00000001', 'job-00000002']);
    expect(card.shown.id).toBe('job-00000002');
    card.select('job-00000001');
    expect(card.shown.id).toBe('job-00000001');
  });

  it('varies the job shown and shows the new variant at once', async () => {
    const made = imageJob({ id: 'job-00000003', variantOf: 'job-00000001', createdAt: 3000 });
    const vary = vi.fn(async () => made);
    const { card } = setup({ vary });
    const pending = card.vary();
    expect(card.pending).toBe('vary');
    await pending;
    expect(vary).toHaveBeenCalledWith('job-00000001');
    expect(card.pending).toBeNull();
    expect(card.variants.map((job) => job.id)).toEqual(['job-00000001', 'job-00000003']);
    expect(card.shown).toMatchObject({ id: 'job-00000003', state: 'queued' });
    expect(card.canStop).toBe(true);
  });

  it('says why an action failed and keeps the job shown', async () => {
    const { card } = setup({ vary: async () => Promise.reject(new ApiError('ComfyUI is not reachable.', { status: 502, code: 'upstream_unreachable' })) });
    await card.vary();
    expect(card.error).toBe('ComfyUI is not reachable.');
    expect(card.shown.id).toBe('job-00000001');
  });
});
