import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeComfyui, type FakeComfyui } from './__fixtures__/fake-comfyui.ts';
import { ComfyuiExecutionError, ComfyuiInterruptedError, createComfyuiClient, reconcilePrompt, type ComfyuiClient } from './index.ts';

describe('reconcilePrompt', () => {
  let fake: FakeComfyui;
  let client: ComfyuiClient;
  beforeAll(async () => {
    fake = await startFakeComfyui();
    client = createComfyuiClient({ baseUrl: fake.url });
  });
  afterAll(() => fake.close());

  it('tells a waiting job, with its place, from a running one', async () => {
    fake.state.running = [[0, 'running', {}, {}, ['9']]];
    fake.state.pending = [[2, 'second', {}, {}, ['9']], [1, 'first', {}, {}, ['9']]];
    expect(await reconcilePrompt(client, 'running')).toEqual({ state: 'running' });
    expect(await reconcilePrompt(client, 'first')).toEqual({ state: 'pending', position: 1 });
    expect(await reconcilePrompt(client, 'second')).toEqual({ state: 'pending', position: 2 });
  });

  it('returns the saved images of a finished job', async () => {
    fake.finish('done', {
      outputs: { '9': { images: [{ filename: 'a.png', subfolder: '', type: 'output' }] }, '10': { images: [{ filename: 'p.png', subfolder: '', type: 'temp' }] } },
    });
    expect(await reconcilePrompt(client, 'done')).toEqual({ state: 'success', images: [{ filename: 'a.png', subfolder: '', type: 'output' }] });
  });

  it('returns why a job failed or that it was interrupted', async () => {
    fake.finish('failed', { status: 'error', messages: [['execution_error', { node_id: '3', node_type: 'KSampler', exception_message: 'OOM', exception_type: 'torch.OutOfMemoryError' }]] });
    fake.finish('stopped', { status: 'error', messages: [['execution_interrupted', { node_id: '3', node_type: 'KSampler' }]] });
    const failed = await reconcilePrompt(client, 'failed');
    expect(failed.state).toBe('error');
    expect(failed.error).toBeInstanceOf(ComfyuiExecutionError);
    expect(failed.error?.message).toBe('ComfyUI failed in KSampler (node 3): OOM');
    expect((await reconcilePrompt(client, 'stopped')).error).toBeInstanceOf(ComfyuiInterruptedError);
  });

  it('says unknown for a job ComfyUI has never seen or has lost', async () => {
    expect(await reconcilePrompt(client, crypto.randomUUID())).toEqual({ state: 'unknown' });
  });
});
