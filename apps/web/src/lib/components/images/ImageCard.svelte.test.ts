import type { ImageJob, RerunImageRequest } from '@tauceti/contracts';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { doneJob, imageJob } from '../../__fixtures__/image-jobs.ts';
import type { ImageJobEventsOptions } from '../../api/image-job-events.ts';
import { ImageJobsState } from '../../state/image-jobs.svelte.ts';
import { ImageWorkflowsState } from '../../state/image-workflows.svelte.ts';
import ImageCard from './ImageCard.svelte';

function setup(job: ImageJob, options: { vary?: () => Promise<ImageJob>; rerun?: (id: string, changes: RerunImageRequest) => Promise<ImageJob> } = {}) {
  const streams = new Map<string, ImageJobEventsOptions>();
  const stop = vi.fn(async () => true);
  const jobs = new ImageJobsState({
    subscribe: (id, events) => {
      streams.set(id, events);
      return () => streams.delete(id);
    },
    stop,
    ...options,
  });
  jobs.offer([job]);
  const workflows = new ImageWorkflowsState({ load: async () => ({ workflows: [], defaultWorkflow: 'sdxl', errors: [] }) });
  const onUseAsInput = vi.fn();
  render(ImageCard, { job, known: [job], host: { jobs, workflows, onUseAsInput } });
  return { jobs, streams, stop, onUseAsInput, card: screen.getByTestId('image-card') };
}

describe('ImageCard', () => {
  it('shows the queue position, then the steps with the live preview as the job streams', async () => {
    const { streams, card } = setup(imageJob({ queuePosition: 1 }));
    expect(within(card).getByTestId('image-status')).toHaveTextContent('Queued: 1 job ahead');
    streams.get('job-00000001')?.onJob(imageJob({ state: 'waiting-gpu', queuePosition: null, waitingFor: 'the chat model to unload' }));
    expect(await within(card).findByText('Waiting for the GPU: the chat model to unload')).toBeInTheDocument();
    streams.get('job-00000001')?.onJob(imageJob({ state: 'running', queuePosition: null, step: 12, steps: 30, previewUrl: '/api/images/jobs/job-00000001/preview?n=4' }));
    expect(await within(card).findByText('Step 12 of 30')).toBeInTheDocument();
    expect(within(card).getByTestId('image-progress')).toHaveAttribute('value', '12');
    expect(within(card).getByTestId('image-preview')).toHaveAttribute('src', '/api/images/jobs/job-00000001/preview?n=4');
    expect(within(card).getByTestId('image-stop')).toBeInTheDocument();
  });

  it('opens a finished image full size with the figures that made it', async () => {
    const { card } = setup(doneJob());
    await userEvent.click(within(card).getByTestId('image-thumb'));
    const facts = screen.getByTestId('image-facts');
    for (const text of ['a lighthouse at dusk', 'blurry', '42', '30', '7', '1024 × 1024', 'sdxl', 'sd_xl_base_1.0.safetensors', '8.2 s']) {
      expect(facts).toHaveTextContent(text);
    }
    expect(screen.getByTestId('image-viewer').querySelector('img')).toHaveAttribute('src', '/api/images/image-0001');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('image-viewer')).toBeNull();
    expect(within(card).getByTestId('image-download')).toHaveAttribute('href', '/api/images/image-0001?download=1');
  });

  it('says which node failed', () => {
    const { card } = setup(imageJob({ state: 'failed', queuePosition: null, error: { message: 'CUDA out of memory', node: '3', nodeType: 'KSampler' } }));
    expect(within(card).getByRole('alert')).toHaveTextContent('Failed: KSampler (node 3): CUDA out of memory');
    expect(within(card).queryByTestId('image-stop')).toBeNull();
  });

  it('keeps every variant in a strip, the newest shown, and switches between them', async () => {
    const variant = imageJob({ id: 'job-00000002', variantOf: 'job-00000001', seed: 7, createdAt: 2000 });
    const { card } = setup(doneJob(), { vary: async () => variant });
    await userEvent.click(within(card).getByTestId('image-vary'));
    const strip = await within(card).findAllByTestId('image-variant');
    expect(strip.map((button) => button.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
    expect(card).toHaveAttribute('data-shown-job-id', 'job-00000002');
    await userEvent.click(strip[0] as HTMLElement);
    expect(card).toHaveAttribute('data-shown-job-id', 'job-00000001');
  });

  it('re-runs with the edited prompt and seed, keeping the rest of the form as it was', async () => {
    const rerun = vi.fn(async () => imageJob({ id: 'job-00000003', variantOf: 'job-00000001', createdAt: 3000 }));
    const { card } = setup(doneJob({ params: { prompt: 'a lighthouse at dusk', width: 1216, height: 832 } }), { rerun });
    await userEvent.click(within(card).getByTestId('image-edit'));
    const form = within(card).getByTestId('image-rerun-form');
    const prompt = within(form).getByLabelText('Prompt');
    await userEvent.clear(prompt);
    await userEvent.type(prompt, 'a lighthouse at dawn');
    const seed = within(form).getByLabelText('Seed');
    await userEvent.clear(seed);
    await userEvent.type(seed, '99');
    await userEvent.click(within(form).getByTestId('image-rerun-submit'));
    expect(rerun).toHaveBeenCalledWith('job-00000001', { prompt: 'a lighthouse at dawn', negativePrompt: '', width: 1216, height: 832, seed: 99, workflow: 'sdxl' });
    expect(await within(card).findAllByTestId('image-variant')).toHaveLength(2);
  });

  it('hands the image to the composer as the input of the next one', async () => {
    const done = setup(doneJob());
    await userEvent.click(within(done.card).getByTestId('image-use-input'));
    expect(done.onUseAsInput).toHaveBeenCalledWith(expect.objectContaining({ id: 'image-0001' }));
  });

  it('stops a job that has not finished', async () => {
    const { card, stop } = setup(imageJob({ state: 'running', queuePosition: null, step: 3, steps: 30 }));
    await userEvent.click(within(card).getByTestId('image-stop'));
    expect(stop).toHaveBeenCalledWith('job-00000001');
  });
});
