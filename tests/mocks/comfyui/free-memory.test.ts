import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { connect, get, post, queuePrompt } from './test-utils.ts';

describe('mock ComfyUI VRAM residency and /free', () => {
  let mock: MockComfyui;

  beforeAll(async () => {
    mock = await startMockComfyui();
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 1, vramTotal: 24_000_000_000 });
    await post(`${mock.url}/free`, { unload_models: true, free_memory: true });
    await mock.waitFor(() => mock.freeRequests.every((record) => record.appliedAt !== undefined));
  });

  const vramFree = async () => (await (await get(`${mock.url}/system_stats`)).json()).devices[0].vram_free as number;

  it('keeps the sampled checkpoint in VRAM and reports it in /system_stats', async () => {
    expect(await vramFree()).toBe(24_000_000_000);
    const { prompt_id } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1 }) });
    await mock.waitForPrompt(prompt_id);
    expect(mock.loadedModels.map((model) => model.name)).toEqual(['v1-5-pruned-emaonly.ckpt']);
    expect(mock.vramUsed).toBe(2_132_000_000);
    expect(await vramFree()).toBe(24_000_000_000 - 2_132_000_000);
  });

  it('counts VRAM held by other processes against vram_free', async () => {
    mock.scenario.externalVramBytes = 10_000_000_000;
    expect(await vramFree()).toBe(14_000_000_000);
  });

  it('applies unload_models at once when the worker is idle', async () => {
    const { prompt_id } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1 }) });
    await mock.waitForPrompt(prompt_id);
    expect(mock.loadedModels).toHaveLength(1);
    expect((await post(`${mock.url}/free`, { unload_models: true })).status).toBe(200);
    await mock.waitFor(() => mock.loadedModels.length === 0);
    expect(mock.freeRequests.at(-1)).toMatchObject({ unloadModels: true, freeMemory: false, appliedAt: expect.any(Number) });
  });

  it('applies /free posted during a run only after that prompt has finished', async () => {
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 10000, positive: 'long run' }) });
    await mock.waitForEvent((event) => event.type === 'progress' && (event.data as { prompt_id: string }).prompt_id === promptId);
    await post(`${mock.url}/free`, { unload_models: true, free_memory: true });
    expect(mock.loadedModels.map((model) => model.name)).toEqual(['v1-5-pruned-emaonly.ckpt']);
    expect(mock.freeRequests.at(-1)!.appliedAt).toBeUndefined();
    await post(`${mock.url}/interrupt`, {});
    await mock.waitForPrompt(promptId);
    await mock.waitFor(() => mock.freeRequests.at(-1)!.appliedAt !== undefined);
    expect(mock.loadedModels).toEqual([]);
  });

  it('drops the node cache on free_memory, so the next run loads the checkpoint again', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'cache-free' });
    const graph = textToImageWorkflow({ steps: 1, positive: 'free memory' });
    const first = await queuePrompt(mock.url, { prompt: graph, client_id: 'cache-free' });
    await mock.waitForPrompt(first.prompt_id);
    const again = await queuePrompt(mock.url, { prompt: graph, client_id: 'cache-free' });
    expect((await socket.waitForJson('execution_cached', (data) => data.prompt_id === again.prompt_id)).nodes).toEqual(['3', '4', '5', '6', '7', '8', '9']);
    await mock.waitForPrompt(again.prompt_id);

    await post(`${mock.url}/free`, { free_memory: true });
    await mock.waitFor(() => mock.freeRequests.at(-1)!.appliedAt !== undefined);
    const fresh = await queuePrompt(mock.url, { prompt: graph, client_id: 'cache-free' });
    expect((await socket.waitForJson('execution_cached', (data) => data.prompt_id === fresh.prompt_id)).nodes).toEqual([]);
    await socket.close();
  });

  it('keeps the node cache on unload_models alone and moves the model back into VRAM on the next run', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'unload-only' });
    const first = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, seed: 1 }), client_id: 'unload-only' });
    await mock.waitForPrompt(first.prompt_id);
    await post(`${mock.url}/free`, { unload_models: true });
    await mock.waitFor(() => mock.loadedModels.length === 0);
    const next = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, seed: 2 }), client_id: 'unload-only' });
    expect((await socket.waitForJson('execution_cached', (data) => data.prompt_id === next.prompt_id)).nodes).toContain('4');
    await mock.waitForPrompt(next.prompt_id);
    expect(mock.loadedModels.map((model) => model.name)).toEqual(['v1-5-pruned-emaonly.ckpt']);
    await socket.close();
  });

  it('evicts the least recently used checkpoint when the next one does not fit', async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 0, vramTotal: 8_000_000_000 });
    for (const checkpoint of ['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors']) {
      const { prompt_id } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, checkpoint }) });
      await mock.waitForPrompt(prompt_id);
    }
    expect(mock.loadedModels.map((model) => model.name)).toEqual(['sd_xl_base_1.0.safetensors']);
  });

  it('answers /free with an empty 200 and a non-JSON body with 500', async () => {
    const ok = await post(`${mock.url}/free`, { unload_models: false });
    expect([ok.status, await ok.text()]).toEqual([200, '']);
    expect((await post(`${mock.url}/free`, 'nope')).status).toBe(500);
  });
});
