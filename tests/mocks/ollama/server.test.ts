import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, startMockOllama, type MockOllama } from './index.ts';
import { get, post } from './test-utils.ts';

describe('mock Ollama model routes', () => {
  let mock: MockOllama;
  beforeAll(async () => {
    mock = await startMockOllama();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.setScenario(defaultScenario()));

  it('answers GET and HEAD / with "Ollama is running"', async () => {
    const res = await get(mock.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Ollama is running');
    const head = await get(mock.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('reports the scenario version at /api/version', async () => {
    const res = await get(`${mock.url}/api/version`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ version: '0.12.10' });
  });

  it('lists models newest first with the full /api/tags shape', async () => {
    const { models } = await (await get(`${mock.url}/api/tags`)).json();
    expect(models.map((m: { name: string }) => m.name)).toEqual(['qwen3:4b', 'llama3.2:latest', 'llava:7b', 'nomic-embed-text:latest']);
    expect(models[1]).toEqual({
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2025-05-04T17:37:44.706015396-07:00',
      size: 2_019_393_189,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
    });
  });

  it('shows capabilities and model_info context length, by model or legacy name', async () => {
    const body = await (await post(`${mock.url}/api/show`, { model: 'qwen3:4b' })).json();
    expect(body.capabilities).toEqual(['completion', 'tools', 'thinking']);
    expect(body.model_info['qwen3.context_length']).toBe(40_960);
    expect(body.model_info['general.architecture']).toBe('qwen3');
    expect(body.details.family).toBe('qwen3');
    const legacy = await (await post(`${mock.url}/api/show`, { name: 'llama3.2' })).json();
    expect(legacy.model_info['llama.context_length']).toBe(131_072);
  });

  it('answers 404 with single quotes for an unknown model and 400 without a model', async () => {
    const unknown = await post(`${mock.url}/api/show`, { model: 'llama9' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "model 'llama9' not found" });
    const missing = await post(`${mock.url}/api/show`, {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'model is required' });
    const empty = await post(`${mock.url}/api/show`, '');
    expect(await empty.json()).toEqual({ error: 'missing request body' });
  });

  it('returns an empty list, never null, from /api/ps when nothing is loaded', async () => {
    const res = await get(`${mock.url}/api/ps`);
    expect(await res.text()).toBe('{"models":[]}');
  });

  it('lists models the scenario marks loaded in /api/ps with expiry, VRAM and context length', async () => {
    const scenario = defaultScenario();
    scenario.models[0]!.loaded = true;
    scenario.models[0]!.sizeVramBytes = 1_000_000_000;
    mock.setScenario(scenario);
    const { models } = await (await get(`${mock.url}/api/ps`)).json();
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ name: 'llama3.2:latest', size: 2_019_393_189, size_vram: 1_000_000_000, context_length: 4096 });
    const minutesLeft = (Date.parse(models[0].expires_at) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(4.9);
    expect(minutesLeft).toBeLessThanOrEqual(5);
    expect(mock.loaded.map((m) => m.name)).toEqual(['llama3.2:latest']);
  });

  it('answers gin-style 404 and 405 pages for unknown paths and methods', async () => {
    const notFound = await get(`${mock.url}/api/nope`);
    expect([notFound.status, await notFound.text()]).toEqual([404, '404 page not found']);
    const wrongMethod = await get(`${mock.url}/api/chat`);
    expect([wrongMethod.status, await wrongMethod.text()]).toEqual([405, '405 method not allowed']);
  });

  it('logs each request with its parsed body, status and close time', async () => {
    mock.clearRequests();
    await (await post(`${mock.url}/api/show?verbose=1`, { model: 'llava:7b' })).text();
    const record = await mock.waitForRequest((r) => r.path === '/api/show' && r.closedAt !== undefined, 1000);
    expect(record).toMatchObject({ method: 'POST', query: '?verbose=1', body: { model: 'llava:7b' }, status: 200, clientAborted: false });
  });

  it('rejects waitForRequest with the requests it saw when nothing matches in time', async () => {
    await expect(mock.waitForRequest((r) => r.path === '/never', 50)).rejects.toThrow(/No request .* matched within 50 ms/);
  });
});
