import type { ImageJob } from '@tauceti/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageJobError } from '../../images/image-jobs.ts';
import { createTestImageJobs } from '../../images/test-utils.ts';
import { createTurnSources } from '../../sources/turn-sources.ts';
import { createStore, type Store } from '../../storage/create-store.ts';
import { openDatabase } from '../../storage/open-database.ts';
import type { ToolContext } from '../types.ts';
import { generateImageTool } from './generate-image.tool.ts';

let store: Store;
beforeEach(() => {
  store = createStore(openDatabase(':memory:'));
});
afterEach(() => store.db.close());

function context(shown: ImageJob[]): ToolContext {
  return {
    toolCallId: 'call-1',
    signal: new AbortController().signal,
    sources: createTurnSources(() => {}),
    maxResultChars: 4000,
    isKnownUrl: () => false,
    addKnownUrls: () => {},
    requestApproval: async () => false,
    memo: new Map(),
    images: { conversationId: null, messageId: null, gpuLease: null, show: (job) => shown.push(job) },
  };
}

describe('generate_image', () => {
  it('shows the job while it runs and tells the model what was made, without the image itself', async () => {
    const tool = generateImageTool({ images: { jobs: createTestImageJobs(store.images), unavailableReason: () => null } });
    const shown: ImageJob[] = [];
    const result = await tool.execute({ prompt: 'a lighthouse at dusk', seed: 42 }, context(shown));
    expect(shown.map((job) => job.state)).toEqual(['queued', 'done']);
    expect(result.text).toContain('Made 1 image (64×48, seed 42, workflow sdxl');
    expect(result.text).not.toMatch(/\/api\/images|base64|!\[/);
  });

  it('tells the model the node that failed, so it can say so', async () => {
    const jobs = createTestImageJobs(store.images, {
      run: async () => {
        throw new ImageJobError('ComfyUI failed in KSampler (node 3): CUDA out of memory', '3', 'KSampler');
      },
    });
    const tool = generateImageTool({ images: { jobs, unavailableReason: () => null } });
    await expect(tool.execute({ prompt: 'huge' }, context([]))).rejects.toThrow('The image could not be made: ComfyUI failed in KSampler (node 3): CUDA out of memory');
  });

  it('is not offered without ComfyUI, and says which setting turns it on', () => {
    expect(generateImageTool({ images: null }).unavailableReason).toMatch(/COMFYUI_URL/);
  });
});
