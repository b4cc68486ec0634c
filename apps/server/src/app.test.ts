import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OllamaClient } from '@tauceti/ollama';
import { InvalidPromptError, simulateReadableStream } from 'ai';
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

type ErrorBody = { error: { message: string } };

describe('createApp request guards', () => {
  function guardedApp(env: Record<string, string> = {}, model = new MockLanguageModelV3()) {
    const webDist = mkdtempSync(join(tmpdir(), 'tauceti-web-'));
    writeFileSync(join(webDist, 'index.html'), '<html><head></head><body>app</body></html>');
    const deps = createDeps(loadEnv({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tauceti-app-')), LOG_LEVEL: 'silent', ...env }), {
      ollama: fakeOllama,
      languageModels: languageModelsFrom(() => model),
      logger: createLogger('silent'),
    });
    opened.push(deps);
    return createApp(deps, { webDist });
  }
  const completions = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const openAiShape = (code: string, message: RegExp) => ({ error: { message: expect.stringMatching(message), type: 'invalid_request_error', param: null, code } });

  it('refuses a chat completion not sent as JSON with 415 in OpenAI\'s shape, before the model runs', async () => {
    const model = new MockLanguageModelV3();
    const app = guardedApp({}, model);
    const body = { model: 'llama3.2:latest', messages: [{ role: 'user', content: 'hi' }] };
    const response = await app.request('/v1/chat/completions', completions(body, { 'content-type': 'text/plain', origin: 'http://evil.example' }));
    expect(response.status).toBe(403);
    const plain = await app.request('/v1/chat/completions', completions(body, { 'content-type': 'text/plain' }));
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual(openAiShape('unsupported_media_type', /Content-Type: application\/json/));
    expect(model.doStreamCalls).toHaveLength(0);
  });

  it('refuses a /v1 body over 16 MB with 413 in OpenAI\'s shape and closes the connection', async () => {
    const app = guardedApp();
    const response = await app.request('/v1/chat/completions', completions('x'.repeat(16 * 1024 * 1024 + 1)));
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual(openAiShape('payload_too_large', /16 MB/));
  });

  it('answers 400 invalid_request_error to a chat completion with only system and developer messages', async () => {
    const response = await guardedApp().request(
      '/v1/chat/completions',
      completions({ model: 'llama3.2:latest', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'developer', content: 'Be kind.' }] }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'messages', message: expect.stringMatching(/at least one user message/i) } });
  });

  it('answers 400 when the AI SDK refuses the prompt, instead of a 500', async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new InvalidPromptError({ prompt: null, message: 'something the SDK dislikes' });
      },
    });
    const response = await guardedApp({}, model).request('/v1/chat/completions', completions({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'hi' }] }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'Invalid prompt: something the SDK dislikes' } });
  });

  it('answers an unknown /v1 route with 404 in OpenAI\'s shape', async () => {
    const response = await guardedApp().request('/v1/embeddings', completions({ input: 'x' }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'not_found' } });
  });

  it('refuses cross-site changes on every route, stopping a conversation included', async () => {
    const app = guardedApp();
    const stop = await app.request(`/api/conversations/${crypto.randomUUID()}/stop`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(stop.status).toBe(403);
    expect(await stop.json()).toMatchObject({ error: { code: 'forbidden' } });
    const remove = await app.request(`/api/conversations/${crypto.randomUUID()}`, { method: 'DELETE', headers: { origin: 'null' } });
    expect(remove.status).toBe(403);
    const sameSite = await app.request('/api/chat', { ...ask('hi'), headers: { 'content-type': 'application/json', origin: 'http://localhost', 'sec-fetch-site': 'same-origin' } });
    expect(sameSite.status).toBe(200);
  });

  it('refuses a Host it does not know with 421, static files included, and serves the configured ones', async () => {
    const app = guardedApp({ ALLOWED_HOSTS: 'tauceti.tail1234.ts.net', PUBLIC_URL: 'https://chat.example.org/' });
    for (const path of ['/api/conversations', '/', '/c/x', '/healthz']) {
      const response = await app.request(path, { headers: { host: 'evil.example:8080' } });
      expect(response.status, path).toBe(421);
      expect(((await response.json()) as ErrorBody).error.message).toMatch(/ALLOWED_HOSTS/);
    }
    expect((await app.request('/', { headers: { host: 'TAUCETI.tail1234.ts.net' } })).status).toBe(200);
    expect((await app.request('/api/conversations', { headers: { host: 'chat.example.org' } })).status).toBe(200);
    expect((await app.request('/api/conversations', { headers: { host: '127.0.0.1:8080' } })).status).toBe(200);
  });

  it('answers 400 to an upload whose multipart boundary is missing or wrong', async () => {
    const app = guardedApp();
    const part = '--right\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nx\r\n--right--\r\n';
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=wrong']) {
      const response = await app.request('/api/uploads', { method: 'POST', headers: { 'content-type': type }, body: part });
      expect(response.status, type).toBe(400);
      expect(((await response.json()) as ErrorBody).error.message).toMatch(/boundary/);
    }
  });
});
