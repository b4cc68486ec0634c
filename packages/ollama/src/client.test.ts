import { defaultScenario, startMockOllama, type MockOllama } from '@tauceti/mocks/ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOllamaClient, OllamaError, type OllamaClient } from './index.ts';

describe('createOllamaClient against the mock Ollama', () => {
  let mock: MockOllama;
  let ollama: OllamaClient;

  beforeAll(async () => {
    mock = await startMockOllama();
    ollama = createOllamaClient({ baseUrl: `${mock.url}/` });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(defaultScenario());
    mock.clearRequests();
  });

  it('reads the version', async () => {
    expect(await ollama.version()).toBe('0.12.10');
  });

  it('lists installed models newest first as camelCase data', async () => {
    const models = await ollama.listModels();
    expect(models.map((model) => model.name)).toEqual(['qwen3:4b', 'llama3.2:latest', 'llava:7b', 'nomic-embed-text:latest']);
    expect(models[1]).toEqual({
      name: 'llama3.2:latest',
      modifiedAt: '2025-05-04T17:37:44.706015396-07:00',
      sizeBytes: 2_019_393_189,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      capabilities: null,
      family: 'llama',
      families: ['llama'],
      parameterSize: '3.2B',
      quantization: 'Q4_K_M',
      format: 'gguf',
    });
  });

  it('shows capabilities, context length and embedding width', async () => {
    expect(await ollama.show('qwen3:4b')).toMatchObject({
      name: 'qwen3:4b',
      capabilities: ['completion', 'tools', 'thinking'],
      contextLength: 40_960,
      embeddingLength: 2560,
      parameterCount: 4_000_000_000,
      family: 'qwen3',
    });
    expect((await ollama.show('nomic-embed-text')).capabilities).toEqual(['embedding']);
  });

  it("throws Ollama's own message with status 404 for a missing model", async () => {
    const error = await ollama.show('llama9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OllamaError);
    expect(error).toMatchObject({ message: "model 'llama9' not found", status: 404, code: 'http', retryable: false, url: `${mock.url}/api/show` });
  });

  it('loads and unloads a model, as listLoaded shows', async () => {
    expect(await ollama.listLoaded()).toEqual([]);
    await ollama.load('llama3.2', { keepAlive: '10m', numCtx: 8192 });
    expect(mock.requests.at(-1)?.body).toEqual({ model: 'llama3.2', keep_alive: '10m', options: { num_ctx: 8192 }, messages: [] });
    const [loaded] = await ollama.listLoaded();
    expect(loaded).toMatchObject({ name: 'llama3.2:latest', sizeBytes: 2_019_393_189, vramBytes: 2_019_393_189, contextLength: 8192, family: 'llama' });
    expect(Date.parse(loaded!.expiresAt!) - Date.now()).toBeGreaterThan(9 * 60_000);
    await ollama.unload('llama3.2');
    expect(mock.requests.at(-1)?.body).toEqual({ model: 'llama3.2', messages: [], keep_alive: 0 });
    expect(await ollama.listLoaded()).toEqual([]);
  });

  it('loads an embedding-only model through /api/embed, since Ollama refuses it a chat', async () => {
    await ollama.load('nomic-embed-text');
    expect(mock.requests.map((request) => request.path)).toEqual(['/api/chat', '/api/embed']);
    expect((await ollama.listLoaded()).map((model) => model.name)).toEqual(['nomic-embed-text:latest']);
  });

  it('embeds a batch into one vector per text', async () => {
    const result = await ollama.embed({ model: 'nomic-embed-text', input: ['first text', 'second text'], keepAlive: -1 });
    expect(result.model).toBe('nomic-embed-text');
    expect(result.embeddings.map((vector) => vector.length)).toEqual([768, 768]);
    expect(result.promptTokens).toBeGreaterThan(0);
    expect(mock.requests.at(-1)?.body).toEqual({ model: 'nomic-embed-text', input: ['first text', 'second text'], keep_alive: -1 });
  });

  it('returns no vectors for no texts without calling Ollama', async () => {
    expect(await ollama.embed({ model: 'nomic-embed-text', input: [] })).toEqual({ model: 'nomic-embed-text', embeddings: [], promptTokens: 0 });
    expect(mock.requests).toEqual([]);
  });

  it('waits for a cold load within its time limit and reports a timeout beyond it', async () => {
    const scenario = defaultScenario();
    scenario.models[1]!.loadMs = 300;
    mock.setScenario(scenario);
    const impatient = createOllamaClient({ baseUrl: mock.url, timeoutMs: 50 });
    const error = await impatient.load('qwen3:4b').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'OllamaError', code: 'timeout', status: null, retryable: true });
    expect((error as Error).message).toMatch(/did not answer POST \/api\/chat within 0.05 s/);
    await ollama.load('qwen3:4b');
    expect((await ollama.listLoaded()).map((model) => model.name)).toEqual(['qwen3:4b']);
  });
});
