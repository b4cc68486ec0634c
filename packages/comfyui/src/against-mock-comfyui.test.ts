/**
 * The whole package against `@tauceti/mocks/comfyui`, the protocol-faithful mock the e2e tests use:
 * the same vocabulary at both levels.
 */
import { defaultScenario, startMockComfyui, type ComfyScenario, type MockComfyui } from '@tauceti/mocks/comfyui';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  applyParameters,
  builtinWorkflows,
  ComfyuiExecutionError,
  ComfyuiValidationError,
  createComfyuiClient,
  defaultCheckpoint,
  reconcilePrompt,
  runPrompt,
  type ComfyuiClient,
  type ComfyuiEvents,
  type RunProgress,
} from './index.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('against the mock ComfyUI', () => {
  let mock: MockComfyui;
  let client: ComfyuiClient;
  let events: ComfyuiEvents;

  beforeAll(async () => {
    mock = await startMockComfyui();
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 1 });
    client = createComfyuiClient({ baseUrl: mock.url, requestTimeoutMs: 500 });
    events = client.events({ reconnectDelayMs: 10 });
    await events.whenOpen();
    mock.clearRequests();
  });
  afterEach(() => events.close());

  const scenario = (changes: Partial<ComfyScenario>) => mock.setScenario({ ...defaultScenario(), stepMs: 1, ...changes });
  const prompts = () => mock.requests.filter((request) => request.method === 'POST' && request.route === '/prompt');
  const sdxlGraph = async (prompt: string, extra: { steps?: number } = {}) => {
    const { checkpoint } = defaultCheckpoint(await client.checkpoints());
    return applyParameters(builtinWorkflows().sdxl, { prompt, checkpoint: checkpoint ?? undefined, steps: extra.steps ?? 3, width: 256, height: 256 }).graph;
  };

  it('runs the built-in SDXL workflow with the SDXL checkpoint it picks and fetches a PNG', async () => {
    expect(defaultCheckpoint(await client.checkpoints()).checkpoint).toBe('sd_xl_base_1.0.safetensors');
    const progress: RunProgress[] = [];
    const result = await runPrompt(client, events, await sdxlGraph('a lighthouse'), { onProgress: (step) => progress.push(step) });
    expect(result.images).toHaveLength(1);
    const image = await client.view(result.images[0]!);
    expect(image.contentType).toBe('image/png');
    expect([...image.bytes.slice(0, 4)]).toEqual(PNG_SIGNATURE);
    expect(progress).toContainEqual({ phase: 'running', node: '3', nodeType: 'KSampler', step: 3, steps: 3 });
  });

  it('queues the job once when the POST answer never comes', async () => {
    scenario({ faults: [{ postPrompt: { drop: 'hang' }, times: 1 }] });
    const result = await runPrompt(client, events, await sdxlGraph('hang'));
    expect(result.images).toHaveLength(1);
    expect(prompts()).toHaveLength(1);
  });

  it('queues the job once when the connection is reset after ComfyUI queued it', async () => {
    scenario({ faults: [{ postPrompt: { drop: 'reset' }, times: 1 }] });
    await runPrompt(client, events, await sdxlGraph('reset'));
    expect(prompts()).toHaveLength(1);
  });

  it('sends once more, with the same prompt id, after a 500 that queued nothing', async () => {
    scenario({ faults: [{ postPrompt: { crashBeforeQueue: true }, times: 1 }] });
    const result = await runPrompt(client, events, await sdxlGraph('crash'));
    expect(prompts().map((request) => (request.body as { prompt_id: string }).prompt_id)).toEqual([result.promptId, result.promptId]);
    expect(prompts().some((request) => request.duplicatePromptId)).toBe(false);
  });

  it('explains a checkpoint that is not installed', async () => {
    const { graph } = applyParameters(builtinWorkflows().sdxl, { prompt: 'x', checkpoint: 'missing.safetensors' });
    const error = await client.queuePrompt(graph).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ComfyuiValidationError);
    expect((error as Error).message).toContain("Checkpoint 'missing.safetensors' is not installed in ComfyUI; available: v1-5-pruned-emaonly.ckpt, sd_xl_base_1.0.safetensors");
  });

  it('fails with the node and the message when the sampler runs out of memory', async () => {
    scenario({ faults: [{ executionError: { oom: true, atStep: 2 } }] });
    const error = await runPrompt(client, events, await sdxlGraph('oom')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ComfyuiExecutionError);
    expect((error as Error).message).toMatch(/^ComfyUI failed in KSampler \(node 3\): .*out of memory/is);
  });

  it('still gets the images when the WebSocket drops in the middle of the job', async () => {
    scenario({ faults: [{ wsDrop: { atStep: 2 } }] });
    const result = await runPrompt(client, events, await sdxlGraph('drop', { steps: 4 }), { pollIntervalMs: 20 });
    expect(result.images).toHaveLength(1);
    expect(mock.requests.some((request) => request.route === `/history/${result.promptId}`)).toBe(true);
  });

  it('interrupts the job in ComfyUI when aborted', async () => {
    scenario({ stepMs: 20 });
    const controller = new AbortController();
    const run = runPrompt(client, events, await sdxlGraph('abort', { steps: 200 }), {
      signal: controller.signal,
      onProgress: (step) => {
        if (step.phase === 'running' && step.step === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const interrupt = await mock.waitForRequest((request) => request.route === '/interrupt');
    const history = await mock.waitForPrompt((interrupt.body as { prompt_id: string }).prompt_id);
    expect(history.status.status_str).toBe('error');
  });

  it('previews with the prompt id once ComfyUI is started with a preview method', async () => {
    scenario({ previewMethod: 'auto' });
    const previews: RunProgress[] = [];
    await runPrompt(client, events, await sdxlGraph('previews'), { onProgress: (step) => step.phase === 'preview' && previews.push(step) });
    expect(previews.length).toBeGreaterThan(0);
    expect(previews[0]).toMatchObject({ phase: 'preview', mime: 'image/jpeg' });
  });

  it('runs image-to-image on an uploaded picture', async () => {
    const { bytes } = await client.view((await runPrompt(client, events, await sdxlGraph('source'))).images[0]!);
    const uploaded = await client.uploadImage(bytes, 'source.png');
    expect(uploaded).toMatchObject({ name: 'source.png', type: 'input' });
    const { checkpoint } = defaultCheckpoint(await client.checkpoints());
    const { graph } = applyParameters(builtinWorkflows().img2img, { prompt: 'at night', inputImage: uploaded.name, checkpoint: checkpoint ?? undefined, steps: 2 });
    expect((await runPrompt(client, events, graph)).images).toHaveLength(1);
  });

  it('reads checkpoints in the V3 combo form and the GPU from /system_stats', async () => {
    scenario({ comboFormat: 'v3' });
    expect(await client.checkpoints()).toEqual(['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors']);
    const stats = await client.systemStats();
    expect(stats.system.comfyuiVersion).toBe('0.3.64');
    expect(stats.devices[0]).toMatchObject({ type: 'cuda', vramTotal: 25_447_170_048 });
  });

  it('reconciles a finished job, and calls one lost in a restart unknown', async () => {
    const { promptId } = await client.queuePrompt(await sdxlGraph('reconcile'));
    await mock.waitForPrompt(promptId);
    expect(await reconcilePrompt(client, promptId)).toMatchObject({ state: 'success', images: [expect.objectContaining({ type: 'output' })] });
    await mock.down();
    await mock.up();
    expect(await reconcilePrompt(client, promptId)).toEqual({ state: 'unknown' });
  });
});
