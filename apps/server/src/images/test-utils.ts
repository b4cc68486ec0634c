import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createGpuScheduler } from '../gpu/gpu-scheduler.ts';
import type { ImageStore } from '../storage/image-store.ts';
import { createImageFiles } from './image-files.ts';
import { createImageJobs, type ImageBackend } from './image-jobs.ts';

/** A small real PNG, as ComfyUI's `/view` would send. */
export const testPng = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();

/** Image jobs over a GPU nobody else uses and a backend that makes one PNG, unless told otherwise. */
export function createTestImageJobs(store: ImageStore, backend: Partial<ImageBackend> = {}) {
  const gpu = createGpuScheduler({
    policy: 'exclusive',
    card: { ollamaLoaded: async () => [], unloadOllama: async () => {}, comfyStats: async () => null, freeComfy: async () => {} },
    unloadTimeoutMs: 100,
    freeTimeoutMs: 100,
    idleFreeMs: 1000,
    warn: () => {},
  });
  return createImageJobs({
    store,
    files: createImageFiles(mkdtempSync(join(tmpdir(), 'image-jobs-'))),
    gpu,
    warn: () => {},
    backend: {
      prepare: async (params) => ({ graph: {}, workflow: 'sdxl', checkpoint: 'sd_xl_base_1.0.safetensors', seed: params.seed ?? 7, steps: 30, cfg: 7, negativePrompt: '' }),
      run: async () => ({ images: [await testPng()], durationMs: 1200 }),
      ...backend,
    },
  });
}
