import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { defaultScenario, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { connect, get, post, queuePrompt } from './test-utils.ts';

describe('mock ComfyUI event routing', () => {
  let mock: MockComfyui;

  beforeAll(async () => {
    mock = await startMockComfyui();
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario({ ...defaultScenario(), stepMs: 1 });
  });

  it('sends per-prompt events only to the socket of the prompt client_id', async () => {
    const mine = await connect(mock.wsUrl, { clientId: 'mine' });
    const other = await connect(mock.wsUrl, { clientId: 'other' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 2, positive: 'routed' }), client_id: 'mine' });
    await mine.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);
    await mock.waitForPrompt(promptId);
    const otherTypes = new Set(other.json.map(({ type }) => type));
    expect([...otherTypes]).toEqual(['status']);
    expect(mine.json.some(({ type }) => type === 'progress')).toBe(true);
    await Promise.all([mine.close(), other.close()]);
  });

  it('broadcasts progress and progress_state of a prompt without client_id, and sends no executing or executed', async () => {
    const a = await connect(mock.wsUrl, { clientId: 'a' });
    const b = await connect(mock.wsUrl);
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 2, positive: 'no client' }) });
    await mock.waitForPrompt(promptId);
    // The trailing status (queue_remaining 0) comes after the last progress event.
    await Promise.all([a, b].map((socket) => socket.waitForJson('status', (data) => data.status.exec_info.queue_remaining === 0 && socket.json.some(({ type }) => type === 'progress'))));
    for (const socket of [a, b]) {
      const types = new Set(socket.json.map(({ type }) => type));
      expect(types).toEqual(new Set(['status', 'progress_state', 'progress']));
    }
    expect(mock.events.filter((event) => event.type === 'progress' && event.data && (event.data as { prompt_id: string }).prompt_id === promptId).every((event) => event.sid === null)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('delivers nothing to a client_id that is not connected, and buffers nothing for later', async () => {
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 2, positive: 'nobody home' }), client_id: 'ghost' });
    await mock.waitForPrompt(promptId);
    const progress = mock.events.filter((event) => event.type === 'progress' && (event.data as { prompt_id?: string }).prompt_id === promptId);
    expect(progress.length).toBe(2);
    expect(progress.every((event) => event.sid === 'ghost' && event.delivered === 0)).toBe(true);
    const late = await connect(mock.wsUrl, { clientId: 'ghost' });
    await late.waitForJson('status');
    expect(late.json.map(({ type }) => type)).toEqual(['status']);
    await late.close();
  });

  it('re-sends executing with the current node (no prompt_id) to a client reconnecting mid-run, and routes to the new socket only', async () => {
    mock.setScenario({ ...defaultScenario(), stepMs: 20 });
    const first = await connect(mock.wsUrl, { clientId: 'again' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 50, positive: 'reconnect' }), client_id: 'again' });
    await first.waitForJson('progress');
    const second = await connect(mock.wsUrl, { clientId: 'again' });
    const greeting = await second.waitFor((message) => message.kind === 'json' && message.type === 'executing');
    expect(greeting).toEqual({ kind: 'json', type: 'executing', data: { node: '3' } });
    await second.waitForJson('progress');
    const firstCount = first.json.length;
    await second.waitForJson('progress', (data) => data.value >= 5);
    expect(first.json.length).toBe(firstCount);
    await fetch(`${mock.url}/interrupt`, { method: 'POST' });
    await mock.waitForPrompt(promptId);
    await Promise.all([first.close(), second.close()]);
  });

  it('serves every route under /api too, with aiohttp 404 and 405 pages', async () => {
    expect((await (await get(`${mock.url}/api/prompt`)).json())).toEqual({ exec_info: { queue_remaining: 0 } });
    const missing = await get(`${mock.url}/nope`);
    expect([missing.status, await missing.text()]).toEqual([404, '404: Not Found']);
    const wrongMethod = await fetch(`${mock.url}/interrupt`);
    expect([wrongMethod.status, await wrongMethod.text()]).toEqual([405, '405: Method Not Allowed']);
    const postUnknown = await post(`${mock.url}/nope`, {});
    expect(postUnknown.status).toBe(405);
    const head = await fetch(`${mock.url}/queue`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('refuses a loopback request whose Origin names another host with 403, and lets a matching Origin through', async () => {
    const host = new URL(mock.url).host;
    const foreign = await post(`${mock.url}/prompt`, { prompt: textToImageWorkflow() }, { headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' } });
    expect([foreign.status, await foreign.text()]).toEqual([403, '']);
    const same = await get(`${mock.url}/queue`, { headers: { Origin: `http://${host}` } });
    expect(same.status).toBe(200);
    const portless = await get(`${mock.url}/queue`, { headers: { Origin: 'http://127.0.0.1' } });
    expect(portless.status).toBe(200);
    const otherPort = await get(`${mock.url}/queue`, { headers: { Origin: 'http://127.0.0.1:5173' } });
    expect(otherPort.status).toBe(403);
  });

  it('refuses a WebSocket upgrade from a foreign Origin with 403', async () => {
    const ws = new WebSocket(`${mock.wsUrl}?clientId=x`, { headers: { Origin: 'http://evil.example' } });
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });
});
