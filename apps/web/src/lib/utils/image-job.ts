/** What people read about an image job and its images: where it stands, why it failed, how it was made. */
import type { GeneratedImage, ImageJob } from '@tauceti/contracts';
import { formatStepDuration } from './format.ts';

/** "KSampler (node 3): CUDA out of memory", or the message alone when ComfyUI named no node. */
export function describeJobError(error: NonNullable<ImageJob['error']>): string {
  if (error.node === null) return error.message;
  const where = error.nodeType ? `${error.nodeType} (node ${error.node})` : `Node ${error.node}`;
  return `${where}: ${error.message}`;
}

/** One line for the card: where the job stands. */
export function describeJobState(job: ImageJob): string {
  switch (job.state) {
    case 'queued':
      return job.queuePosition ? `Queued: ${job.queuePosition} ${job.queuePosition === 1 ? 'job' : 'jobs'} ahead` : 'Queued: next in line';
    case 'waiting-gpu':
      return job.waitingFor ? `Waiting for the GPU: ${job.waitingFor}` : 'Waiting for the GPU…';
    case 'running':
      return job.step !== null && job.steps !== null ? `Step ${job.step} of ${job.steps}` : 'Rendering…';
    case 'done':
      return job.images.length === 1 ? 'Done' : `Done: ${job.images.length} images`;
    case 'failed':
      return job.error ? `Failed: ${describeJobError(job.error)}` : 'Failed';
    case 'stopped':
      return 'Stopped';
    case 'interrupted':
      return 'Interrupted: the server stopped before the image was made';
  }
}

export interface ImageFact {
  label: string;
  value: string;
}

/** The figures that made an image, for the viewer: prompt first, then what would make it again. */
export function imageFacts(image: GeneratedImage): ImageFact[] {
  const facts: ImageFact[] = [{ label: 'Prompt', value: image.prompt }];
  if (image.negativePrompt) facts.push({ label: 'Negative prompt', value: image.negativePrompt });
  facts.push({ label: 'Seed', value: String(image.seed) });
  if (image.steps !== null) facts.push({ label: 'Steps', value: String(image.steps) });
  if (image.cfg !== null) facts.push({ label: 'CFG', value: String(image.cfg) });
  facts.push({ label: 'Size', value: `${image.width} × ${image.height}` });
  facts.push({ label: 'Workflow', value: image.workflow });
  if (image.checkpoint) facts.push({ label: 'Checkpoint', value: image.checkpoint });
  if (image.durationMs !== null) facts.push({ label: 'Duration', value: formatStepDuration(image.durationMs) });
  return facts;
}
