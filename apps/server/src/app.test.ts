import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OllamaClient } from '@tauceti/ollama';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { createDeps, type Deps } from './deps.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './http/logger.ts';
import { languageModelsFrom } from './llm/create-language-models.ts';

const usage = { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 2, text: 2, reasoning: 0 } };

type StreamPart = Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer P> ? P : never;

function streamOf(parts: StreamPart[]) {
  return async () => ({ stream: simulateReadableStream({ chunks: parts, chunkDelayInMs: null, initialDelayInMs: null }) });
}

/** An Ollama with one loaded chat model; the chat itself is the AI SDK's mock model. */
const fakeOllama = {
  listModels: async () => [
    { name: 'llama3.2:latest', digest: 'd1', family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M', sizeBytes: 2e9 },
  ],
  show: async () => ({ capabilities: ['completion', 'tools'], contextLength: 131072 }),
  listLoaded: async () => [{ name: 'llama3.2:latest' }],
  version: async () => '0.12.10',
} as unknown as OllamaClient;

const opened: Deps[] = [];
function appWith(model: MockLanguageModelV3) {
  const env = loadEnv({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tauceti-app-')), LOG_LEVEL: 'silent' });
  const deps = createDeps(env, { ollama: fakeOllama, languageModels: languageModelsFrom(() => model), logger: createLogger('silent') });
  opened.push(deps);
  return { app: createApp(deps), deps };
}
afterEach(() => {
  for (const deps of opened.splice(0)) deps.store.db.close();
});

const ask = (text: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'llama3.2:latest', trigger: 'submit-message', parentId: null, message: { id: crypto.randomUUID(), text, attachmentIds: [] } }),
});

describe('createApp', () => {
  it('answers /healthz and puts security headers on every response', async () => {
    const { app } = appWith(new MockLanguageModelV3());
    const response = await app.request('/healthz');
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('streams a model answer through the chat route and stores it', async () => {
    const model = new MockLanguageModelV3({
      doStream: streamOf([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Hi ' },
        { type: 'text-delta', id: 't', delta: 'there' },
        { type: 'text-end', id: 't' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
      ]),
    });
    const { app, deps } = appWith(model);
    const body = await (await app.request('/api/chat', ask('hello'))).text();
    expect(body).toContain('"type":"finish","messageMetadata":{"status":"done"');
    const [conversation] = deps.store.conversations.list({ limit: 1 });
    const messages = deps.store.messages.listByConversation(conversation?.id ?? '');
    expect(messages.map((message) => [message.role, message.text, message.status])).toEqual([
      ['user', 'hello', 'done'],
      ['assistant', 'Hi there', 'done'],
    ]);
    expect(messages[1]?.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(model.doStreamCalls[0]?.prompt.at(-1)).toEqual({ role: 'user', content: [{ type: 'text', text: 'hello' }] });
  });

  it('keeps the partial text and stores the error when the model fails mid-answer', async () => {
    const model = new MockLanguageModelV3({
      doStream: streamOf([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Half' },
        { type: 'error', error: new Error('boom') },
      ]),
    });
    const { app, deps } = appWith(model);
    const body = await (await app.request('/api/chat', ask('fail please'))).text();
    expect(body).toContain('"type":"error"');
    const [conversation] = deps.store.conversations.list({ limit: 1 });
    const answer = deps.store.messages.listByConversation(conversation?.id ?? '')[1];
    expect(answer).toMatchObject({ status: 'error', text: 'Half' });
    // Not an Ollama failure: the message is generic and the details stay in the log.
    expect(answer?.error).toMatch(/internal error/);
  });

  it('refuses a chat request that is not JSON with 415', async () => {
    const { app } = appWith(new MockLanguageModelV3());
    const response = await app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(response.status).toBe(415);
  });

  it('lists only the chat models of Ollama with their capabilities', async () => {
    const { app } = appWith(new MockLanguageModelV3());
    const body = await (await app.request('/api/models')).json();
    expect(body).toMatchObject({ error: null, models: [{ name: 'llama3.2:latest', capabilities: ['completion', 'tools'], loaded: true }] });
  });
});
