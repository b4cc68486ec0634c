import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, startMockComfyui, textToImageWorkflow, type ComfyScenario, type FaultRule, type MockComfyui } from './index.ts';
import { connect, get, post, queuePrompt } from './test-utils.ts';

describe('mock ComfyUI scripted faults', () => {
  let mock: MockComfyui;
  const withFaults = (...faults: FaultRule[]): ComfyScenario => ({ ...defaultScenario(), stepMs: 1, faults });

  beforeAll(async () => {
    mock = await startMockComfyui();
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(withFaults());
    mock.clearRequests();
  });

  it('queues the prompt but answers the POST late, so a client that gives up finds its job in /queue or /history', async () => {
    mock.setScenario(withFaults({ postPrompt: { delayMs: 60_000 }, times: 1 }));
    const promptId = '5f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50';
    const pending = post(`${mock.url}/prompt`, { prompt: textToImageWorkflow({ steps: 1 }), prompt_id: promptId }, { signal: AbortSignal.timeout(200) });
    await expect(pending).rejects.toThrow();
    const record = await mock.waitForRequest((r) => r.route === '/prompt' && r.clientAborted);
    expect(record).toMatchObject({ promptId, postPromptFault: 'delay' });
    await mock.waitForPrompt(promptId);
    expect(Object.keys(await (await get(`${mock.url}/history/${promptId}`)).json())).toEqual([promptId]);
  });

  it('can hang the POST until the client leaves, or reset the connection after queueing', async () => {
    mock.setScenario(withFaults({ match: { promptIncludes: 'HANG' }, postPrompt: { drop: 'hang' } }, { match: { promptIncludes: 'reset' }, postPrompt: { drop: 'reset' } }));
    const controller = new AbortController();
    const hanging = post(`${mock.url}/prompt`, { prompt: textToImageWorkflow({ steps: 1, positive: 'please hang' }) }, { signal: controller.signal });
    const hung = await mock.waitForRequest((r) => r.postPromptFault === 'hang');
    controller.abort();
    await expect(hanging).rejects.toThrow();
    await mock.waitForPrompt(hung.promptId!);

    await expect(post(`${mock.url}/prompt`, { prompt: textToImageWorkflow({ steps: 1, positive: 'reset me' }) })).rejects.toThrow(/fetch failed/);
    const reset = await mock.waitForRequest((r) => r.postPromptFault === 'reset' && r.closedAt !== undefined);
    expect(reset.clientAborted).toBe(false);
    await mock.waitForPrompt(reset.promptId!);
  });

  it('answers 500 without queueing for crashBeforeQueue', async () => {
    mock.setScenario(withFaults({ postPrompt: { crashBeforeQueue: true }, times: 1 }));
    const res = await post(`${mock.url}/prompt`, { prompt: textToImageWorkflow() });
    expect(res.status).toBe(500);
    expect(mock.queue.pending).toEqual([]);
    expect(mock.queue.running).toEqual([]);
    expect((await post(`${mock.url}/prompt`, { prompt: textToImageWorkflow() })).status).toBe(200);
  });

  it('fails the sampler with a CUDA OOM at a step: execution_error with every field, history error, models unloaded', async () => {
    mock.setScenario(withFaults({ match: { promptIncludes: 'oom' }, executionError: { oom: true, atStep: 3 } }));
    const socket = await connect(mock.wsUrl, { clientId: 'oom' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 20, positive: 'trigger oom', seed: 5 }), client_id: 'oom' });
    const error = await socket.waitForJson('execution_error');
    expect(error).toMatchObject({
      prompt_id: promptId,
      node_id: '3',
      node_type: 'KSampler',
      exception_type: 'torch.OutOfMemoryError',
      current_outputs: ['3', '4', '5', '6', '7', '8', '9'],
      timestamp: expect.any(Number),
    });
    // Nodes cached by earlier tests are not re-executed, so only the new prompt text node is sure to be listed.
    expect(error.executed).toContain('6');
    expect(error.executed).not.toContain('3');
    expect(error.exception_message).toMatch(/^CUDA out of memory\..*\nThis error means you ran out of memory on your GPU\./s);
    expect(error.traceback.every((line: unknown) => typeof line === 'string')).toBe(true);
    expect(error.current_inputs).toMatchObject({ seed: [5], steps: [20], cfg: [8], model: [expect.stringMatching(/^<comfy\.model_patcher\.ModelPatcher object at 0x[0-9a-f]+>$/)] });
    expect(socket.json.filter(({ type, data }) => type === 'progress' && data.prompt_id === promptId)).toHaveLength(2);
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);
    const entry = await mock.waitForPrompt(promptId);
    expect(entry.status).toMatchObject({ status_str: 'error', completed: false });
    expect(entry.status.messages.at(-1)[0]).toBe('execution_error');
    expect(mock.loadedModels).toEqual([]);
    await socket.close();
  });

  it('raises a scripted exception at a node given by class_type, with ComfyUI appending a newline', async () => {
    mock.setScenario(withFaults({ executionError: { node: 'VAEDecode', exceptionType: 'RuntimeError', exceptionMessage: 'decoder exploded' }, times: 1 }));
    const socket = await connect(mock.wsUrl, { clientId: 'vae' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: 'vae fault' }), client_id: 'vae' });
    const error = await socket.waitForJson('execution_error');
    expect([error.node_id, error.exception_message, error.exception_type]).toEqual(['8', 'decoder exploded\n', 'RuntimeError']);
    await mock.waitForPrompt(promptId);
    const retry = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: 'vae fault' }), client_id: 'vae' });
    expect((await mock.waitForPrompt(retry.prompt_id)).status.status_str).toBe('success');
    await socket.close();
  });

  it('drops the client sockets mid-job while the job runs on and lands in history', async () => {
    mock.setScenario(withFaults({ wsDrop: { atStep: 2 }, times: 1 }));
    const socket = await connect(mock.wsUrl, { clientId: 'dropped' });
    const bystander = await connect(mock.wsUrl, { clientId: 'bystander' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 5, positive: 'drop' }), client_id: 'dropped' });
    expect(await socket.closed()).toBe(1006);
    expect(socket.json.filter(({ type, data }) => type === 'progress' && data.prompt_id === promptId).map(({ data }) => data.value)).toEqual([1]);
    const entry = await mock.waitForPrompt(promptId);
    expect(entry.status.status_str).toBe('success');
    expect(entry.outputs['9'].images).toHaveLength(1);
    expect(mock.connections.find((c) => c.sid === 'dropped')).toMatchObject({ closedBy: 'mock' });
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
    await bystander.close();
  });

  it('writes hostile bytes under a .png name, served as image/png', async () => {
    mock.setScenario(withFaults({ hostileOutput: 'svg' }));
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: 'hostile' }) });
    const name = (await mock.waitForPrompt(promptId)).outputs['9'].images[0].filename;
    const res = await get(`${mock.url}/view?filename=${name}`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(await res.text()).toContain('<svg');
  });

  it('refuses connections while down and comes back up empty, files kept', async () => {
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: 'before crash' }) });
    const name = (await mock.waitForPrompt(promptId)).outputs['9'].images[0].filename;
    const socket = await connect(mock.wsUrl, { clientId: 'crash' });
    await mock.down();
    expect(mock.isDown).toBe(true);
    expect(await socket.closed()).toBe(1006);
    await expect(get(`${mock.url}/queue`)).rejects.toThrow(/fetch failed/);
    await mock.up();
    expect(await (await get(`${mock.url}/history`)).json()).toEqual({});
    expect(mock.loadedModels).toEqual([]);
    expect((await get(`${mock.url}/view?filename=${name}`)).status).toBe(200);
    const after = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1 }) });
    expect(after.number).toBe(0);
    await mock.waitForPrompt(after.prompt_id);
  });

  it('loses the running job when the process goes down mid-run', async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 5 });
    const socket = await connect(mock.wsUrl, { clientId: 'lost' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 10000, positive: 'lost job' }), client_id: 'lost' });
    await socket.waitForJson('progress');
    await mock.down();
    // A request while down also makes the client drop its pooled keep-alive socket to the dead process.
    await expect(get(`${mock.url}/queue`)).rejects.toThrow(/fetch failed/);
    await mock.up();
    expect(await (await get(`${mock.url}/history/${promptId}`)).json()).toEqual({});
    expect(await (await get(`${mock.url}/queue`)).json()).toEqual({ queue_running: [], queue_pending: [] });
  });
});
