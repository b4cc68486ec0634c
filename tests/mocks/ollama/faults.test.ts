import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, startMockOllama, type MockOllama } from './index.ts';
import { post, readNdjson } from './test-utils.ts';

describe('mock Ollama scripted faults', () => {
  let mock: MockOllama;
  const chat = (body: Record<string, unknown> = {}, init?: RequestInit) =>
    post(`${mock.url}/api/chat`, { model: 'llama3.2', messages: [{ role: 'user', content: 'go' }], ...body }, init);

  beforeAll(async () => {
    mock = await startMockOllama();
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(defaultScenario());
    mock.clearRequests();
  });

  it('ends a started stream with an error line, status 200 and no done chunk', async () => {
    mock.enqueueChat({ content: 'one two three', errorAfterChunks: { count: 2, message: 'an error was encountered while running the model' } });
    const res = await chat();
    expect(res.status).toBe(200);
    const lines = await readNdjson(res);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toEqual({ error: 'an error was encountered while running the model' });
    expect(lines.some((line) => line.done === true)).toBe(false);
  });

  it('sends a 500 JSON error when the error comes before anything was written', async () => {
    mock.enqueueChat({ content: 'one', errorAfterChunks: { count: 0, message: 'boom' } });
    const res = await chat();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'boom' });
  });

  it('answers stream:false with a 500 JSON error whatever the chunk count', async () => {
    mock.enqueueChat({ content: 'one two', errorAfterChunks: { count: 1, message: 'boom' } });
    const res = await chat({ stream: false });
    expect([res.status, await res.json()]).toEqual([500, { error: 'boom' }]);
  });

  it('answers a scripted status at once with the error envelope', async () => {
    mock.enqueueChat({ status: 503, error: 'server busy, please try again.  maximum pending requests exceeded' });
    const res = await chat();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'server busy, please try again.  maximum pending requests exceeded' });
  });

  it('destroys the socket mid-stream for disconnectAfterChunks, without blaming the client', async () => {
    mock.enqueueChat({ content: 'one two three', disconnectAfterChunks: 1 });
    const res = await chat();
    await expect(res.text()).rejects.toThrow();
    const record = await mock.waitForRequest((r) => r.path === '/api/chat' && r.closedAt !== undefined, 1000);
    expect(record).toMatchObject({ chunks: 1, clientAborted: false });
  });

  it('fails the fetch itself when disconnecting before the status line', async () => {
    mock.enqueueChat({ content: 'one', disconnectAfterChunks: 0 });
    await expect(chat()).rejects.toThrow(/fetch failed/);
  });

  it('stalls with the socket open and records the client abort with its close time', async () => {
    mock.enqueueChat({ content: 'one two three', stallAfterChunks: 1 });
    const controller = new AbortController();
    const res = await chat({}, { signal: controller.signal });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(first).message.content).toBe('one');
    const stalled = await Promise.race([reader.read().then(() => 'data'), new Promise((resolve) => setTimeout(resolve, 150, 'stalled'))]);
    expect(stalled).toBe('stalled');
    const abortedAt = Date.now();
    controller.abort();
    const record = await mock.waitForRequest((r) => r.path === '/api/chat' && r.clientAborted, 1000);
    expect(record.closedAt).toBeGreaterThanOrEqual(abortedAt);
    expect(record.chunks).toBe(1);
  });

  it('stops writing when the client aborts a slow stream', async () => {
    mock.enqueueChat({ content: 'a b c d e f g h i j', intervalMs: 40 });
    const controller = new AbortController();
    const res = await chat({}, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    const record = await mock.waitForRequest((r) => r.clientAborted, 1000);
    const chunksAtAbort = record.chunks;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(record.chunks).toBe(chunksAtAbort);
    expect(record.chunks).toBeLessThan(10);
  });

  it('records a client that gives up during a cold load', async () => {
    const scenario = defaultScenario();
    scenario.models[0]!.loadMs = 300;
    mock.setScenario(scenario);
    const controller = new AbortController();
    const pending = chat({}, { signal: controller.signal });
    await mock.waitForRequest((r) => r.path === '/api/chat', 1000);
    controller.abort();
    await expect(pending).rejects.toThrow();
    const record = await mock.waitForRequest((r) => r.clientAborted, 1000);
    expect(record.status).toBeUndefined();
  });

  it('releases stalled streams on close', async () => {
    const local = await startMockOllama();
    local.enqueueChat({ content: 'x', stallAfterChunks: 0 });
    const pending = post(`${local.url}/api/chat`, { model: 'llama3.2', messages: [{ role: 'user', content: 'x' }] });
    await local.waitForRequest((r) => r.path === '/api/chat', 1000);
    await local.close();
    await expect(pending).rejects.toThrow();
  });
});
