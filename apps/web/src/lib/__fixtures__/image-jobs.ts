/** Image jobs and images as the server sends them, for the tests of the cards, the store and the gallery. */
import type { GeneratedImage, ImageJob } from '@tauceti/contracts';

export function generatedImage(overrides: Partial<GeneratedImage> = {}): GeneratedImage {
  const id = overrides.id ?? 'image-0001';
  return {
    id, jobId: 'job-00000001', url: `/api/images/${id}`, thumbnailUrl: `/api/images/${id}/thumbnail`, mediaType: 'image/png',
    width: 1024, height: 1024, sizeBytes: 123_456, prompt: 'a lighthouse at dusk', negativePrompt: 'blurry', seed: 42,
    steps: 30, cfg: 7, workflow: 'sdxl', checkpoint: 'sd_xl_base_1.0.safetensors', durationMs: 8200,
    conversationId: 'conv-00000001', messageId: 'answer-0001', createdAt: 1000, ...overrides,
  };
}

export function imageJob(overrides: Partial<ImageJob> = {}): ImageJob {
  return {
    id: 'job-00000001', conversationId: 'conv-00000001', messageId: 'answer-0001', state: 'queued',
    params: { prompt: 'a lighthouse at dusk' }, workflow: 'sdxl', checkpoint: 'sd_xl_base_1.0.safetensors', seed: 42,
    variantOf: null, queuePosition: 0, step: null, steps: null, waitingFor: null, previewUrl: null, images: [], error: null,
    createdAt: 1000, startedAt: null, finishedAt: null, ...overrides,
  };
}

/** The job once done, with one image of its own. */
export function doneJob(overrides: Partial<ImageJob> = {}): ImageJob {
  const id = overrides.id ?? 'job-00000001';
  const image = generatedImage({ id: `image-${id.slice(-4)}`, jobId: id, seed: overrides.seed ?? 42 });
  return imageJob({ state: 'done', queuePosition: null, step: 30, steps: 30, images: [image], startedAt: 1100, finishedAt: 9300, ...overrides, id });
}
