import { describe, expect, it } from 'vitest';
import { doneJob, generatedImage, imageJob } from '../__fixtures__/image-jobs.ts';
import { describeJobState, imageFacts } from './image-job.ts';

describe('describeJobState', () => {
  it('says where the job stands, in words', () => {
    expect(describeJobState(imageJob({ queuePosition: 2 }))).toBe('Queued: 2 jobs ahead');
    expect(describeJobState(imageJob({ queuePosition: 0 }))).toBe('Queued: next in line');
    expect(describeJobState(imageJob({ state: 'waiting-gpu', waitingFor: 'the chat model to unload' }))).toBe('Waiting for the GPU: the chat model to unload');
    expect(describeJobState(imageJob({ state: 'running', step: 12, steps: 30 }))).toBe('Step 12 of 30');
    expect(describeJobState(doneJob())).toBe('Done');
    expect(describeJobState(imageJob({ state: 'stopped' }))).toBe('Stopped');
    expect(describeJobState(imageJob({ state: 'interrupted' }))).toMatch(/^Interrupted/);
  });

  it('names the node that failed', () => {
    const failed = imageJob({ state: 'failed', error: { message: 'CUDA out of memory', node: '3', nodeType: 'KSampler' } });
    expect(describeJobState(failed)).toBe('Failed: KSampler (node 3): CUDA out of memory');
    const unreachable = imageJob({ state: 'failed', error: { message: 'ComfyUI is not reachable.', node: null, nodeType: null } });
    expect(describeJobState(unreachable)).toBe('Failed: ComfyUI is not reachable.');
  });
});

describe('imageFacts', () => {
  it('lists what made the image, leaving out what is not known', () => {
    const facts = imageFacts(generatedImage({ cfg: null, negativePrompt: '' }));
    expect(facts.map((fact) => fact.label)).toEqual(['Prompt', 'Seed', 'Steps', 'Size', 'Workflow', 'Checkpoint', 'Duration']);
    expect(facts.find((fact) => fact.label === 'Size')?.value).toBe('1024 × 1024');
    expect(facts.find((fact) => fact.label === 'Duration')?.value).toBe('8.2 s');
  });
});
