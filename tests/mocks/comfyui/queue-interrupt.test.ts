import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { connect, get, post, queuePrompt } from './test-utils.ts';

describe('mock ComfyUI queue, history and interrupt', () => {
  let mock: MockComfyui;
  /** A slow prompt that runs until interrupted. */
  const slow = (text: string) => textToImageWorkflow({ steps: 10000, positive: text });

  beforeAll(async () => {
    mock = await startMockComfyui();
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 5 });
    await post(`${mock.url}/queue`, { clear: true });
  });

  it('interrupts the running prompt at its next step with execution_interrupted and a trailing executing null', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'stop-me' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: slow('interrupt me'), client_id: 'stop-me' });
    await socket.waitForJson('progress', (data) => data.value >= 3);
    expect((await post(`${mock.url}/interrupt`, '')).status).toBe(200);
    const interrupted = await socket.waitForJson('execution_interrupted');
    expect(interrupted).toEqual({ prompt_id: promptId, node_id: '3', node_type: 'KSampler', executed: ['4', '5', '7', '6'], timestamp: expect.any(Number) });
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);
    const entry = await mock.waitForPrompt(promptId);
    expect(entry.status).toMatchObject({ status_str: 'error', completed: false });
    expect(entry.status.messages.map(([event]: [string]) => event)).toEqual(['execution_start', 'execution_cached', 'execution_interrupted']);
    const steps = socket.json.filter(({ type }) => type === 'progress').length;
    expect(steps).toBeLessThan(10000);
    await socket.close();
  });

  it('ignores an interrupt for a prompt_id that is not running', async () => {
    const { prompt_id: running } = await queuePrompt(mock.url, { prompt: slow('keep going'), client_id: 'keep' });
    await mock.waitForEvent((event) => event.type === 'progress' && (event.data as { prompt_id: string }).prompt_id === running);
    await post(`${mock.url}/interrupt`, { prompt_id: '00000000-0000-4000-8000-000000000000' });
    const count = mock.eventCount('progress');
    await mock.waitForEvent((event) => event.type === 'progress' && mock.eventCount('progress') > count + 3);
    expect(mock.queue.running.map((entry) => entry.promptId)).toEqual([running]);
    await post(`${mock.url}/interrupt`, { prompt_id: running });
    await mock.waitForPrompt(running);
  });

  it('lists running and pending prompts as tuples in /queue and deletes a pending one', async () => {
    const first = await queuePrompt(mock.url, { prompt: slow('first'), client_id: 'q' });
    const second = await queuePrompt(mock.url, { prompt: slow('second'), client_id: 'q' });
    const third = await queuePrompt(mock.url, { prompt: slow('third'), client_id: 'q' });
    await mock.waitFor(() => mock.queue.running.length === 1);
    const queue = await (await get(`${mock.url}/queue`)).json();
    expect(queue.queue_running.map((item: unknown[]) => item[1])).toEqual([first.prompt_id]);
    expect(queue.queue_running[0]).toHaveLength(5);
    expect(queue.queue_running[0][3]).toMatchObject({ client_id: 'q' });
    expect(queue.queue_pending.map((item: unknown[]) => item[1])).toEqual([second.prompt_id, third.prompt_id]);

    await post(`${mock.url}/queue`, { delete: [second.prompt_id] });
    expect(mock.queue.pending.map((entry) => entry.promptId)).toEqual([third.prompt_id]);
    await post(`${mock.url}/interrupt`, {});
    await mock.waitFor(() => mock.queue.running[0]?.promptId === third.prompt_id);
    await post(`${mock.url}/interrupt`, {});
    await mock.waitForPrompt(third.prompt_id);
    expect(await (await get(`${mock.url}/history/${second.prompt_id}`)).json()).toEqual({});
  });

  it('puts a front prompt at the head with its number negated', async () => {
    const running = await queuePrompt(mock.url, { prompt: slow('head') });
    await mock.waitFor(() => mock.queue.running.length === 1);
    const back = await queuePrompt(mock.url, { prompt: slow('back') });
    const front = await queuePrompt(mock.url, { prompt: slow('front'), front: true });
    expect(front.number).toBe(-(back.number + 1));
    expect(mock.queue.pending.map((entry) => entry.promptId)[0]).toBe(front.prompt_id);
    await post(`${mock.url}/queue`, { clear: true });
    await post(`${mock.url}/interrupt`, { prompt_id: running.prompt_id });
    await mock.waitForPrompt(running.prompt_id);
  });

  it('broadcasts status with queue_remaining on every queue change', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'watch' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: 'status' }) });
    await mock.waitForPrompt(promptId);
    await socket.waitFor(() => socket.json.filter(({ type }) => type === 'status').length === 4);
    const remaining = socket.json.filter(({ type }) => type === 'status').map(({ data }) => data.status.exec_info.queue_remaining);
    expect(remaining).toEqual([0, 1, 1, 0]);
    await socket.close();
  });

  it('keeps history in order, limits it with max_items and deletes or clears it', async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 0 });
    await post(`${mock.url}/history`, { clear: true });
    const ids: string[] = [];
    for (const text of ['h1', 'h2', 'h3']) ids.push((await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: text }) })).prompt_id);
    await mock.waitForPrompt(ids[2]!);
    expect(Object.keys(await (await get(`${mock.url}/history`)).json())).toEqual(ids);
    expect(Object.keys(await (await get(`${mock.url}/history?max_items=1`)).json())).toEqual([ids[2]]);
    await post(`${mock.url}/history`, { delete: [ids[0]] });
    expect(Object.keys(await (await get(`${mock.url}/history`)).json())).toEqual(ids.slice(1));
    await post(`${mock.url}/history`, { clear: true });
    expect(await (await get(`${mock.url}/history`)).json()).toEqual({});
  });

  it('answers {} for the history of a prompt that is still running', async () => {
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: slow('not yet') });
    await mock.waitForEvent((event) => event.type === 'progress' && (event.data as { prompt_id: string }).prompt_id === promptId);
    expect(await (await get(`${mock.url}/history/${promptId}`)).json()).toEqual({});
    await post(`${mock.url}/interrupt`, {});
    await mock.waitForPrompt(promptId);
  });

  it('queues a repeated prompt_id again, as ComfyUI does, and flags the request as a duplicate', async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 0 });
    const promptId = '11111111-2222-4333-8444-555555555555';
    await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1 }), prompt_id: promptId });
    await mock.waitForPrompt(promptId);
    const again = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1 }), prompt_id: promptId });
    expect(again.prompt_id).toBe(promptId);
    const posts = mock.requests.filter((record) => record.route === '/prompt' && record.promptId === promptId);
    expect(posts.map((record) => record.duplicatePromptId)).toEqual([false, true]);
  });
});
