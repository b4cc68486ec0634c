import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOllamaClient, OllamaError } from './index.ts';
import { requestJson } from './request-json.ts';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fetch that answers every call with `body` and `status`. */
const answering = (body: string, status = 200, statusText = 'OK'): typeof fetch => async () =>
  new Response(body, { status, statusText, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

const context = (fetch: typeof globalThis.fetch, timeoutMs = 1000) => ({ baseUrl: 'http://ollama.test:11434', fetch, timeoutMs });

describe('requestJson', () => {
  it('says Ollama is unreachable, and how to fix it, when nothing listens', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const error = await createOllamaClient({ baseUrl }).version().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OllamaError);
    expect(error).toMatchObject({
      message: `Ollama is not reachable at ${baseUrl} (connect ECONNREFUSED). Start Ollama or set OLLAMA_URL.`,
      status: null,
      code: 'unreachable',
      retryable: true,
      url: `${baseUrl}/api/version`,
    });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("uses Ollama's error text for a non-2xx answer and marks 5xx retryable", async () => {
    const error = await requestJson(context(answering('{"error":"llama runner process has terminated"}', 500)), {
      method: 'GET',
      path: '/api/ps',
      schema: z.object({}),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'llama runner process has terminated', status: 500, code: 'http', retryable: true });
  });

  it('describes a non-2xx answer without an Ollama error body', async () => {
    const error = await requestJson(context(answering('<html>bad gateway</html>', 502, 'Bad Gateway')), {
      method: 'GET',
      path: '/api/tags',
      schema: z.object({}),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'Ollama at http://ollama.test:11434 answered 502 Bad Gateway to GET /api/tags.', status: 502 });
  });

  it('rejects an answer of the wrong shape as invalid_response', async () => {
    const client = createOllamaClient({ baseUrl: 'http://ollama.test:11434', fetch: answering('{"models":"nope"}') });
    const error = await client.listModels().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid_response', status: 200, retryable: false });
    expect((error as Error).message).toMatch(/unexpected answer to GET \/api\/tags \(models: /);
    const notJson = await client.version().catch((caught: unknown) => caught);
    expect((notJson as Error).message).toMatch(/unexpected answer to GET \/api\/version/);
  });

  it('tolerates extra keys and missing optional ones', async () => {
    const client = createOllamaClient({
      baseUrl: 'http://ollama.test:11434',
      fetch: answering('{"models":[{"name":"a:latest","size":1,"extra":true,"details":null}],"more":1}'),
    });
    expect(await client.listLoaded()).toEqual([
      { name: 'a:latest', digest: '', sizeBytes: 1, vramBytes: 0, expiresAt: null, contextLength: null, family: null, families: [], parameterSize: null, quantization: null, format: null },
    ]);
  });

  it("rejects with the caller's AbortError, not an OllamaError, when the caller aborts", async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const controller = new AbortController();
    const pending = requestJson(context(hanging), { method: 'GET', path: '/api/ps', schema: z.object({}), signal: controller.signal });
    controller.abort();
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(OllamaError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('sends JSON bodies to the base URL without a trailing /api', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const recording: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), init });
      return new Response('{"done":true,"done_reason":"unload"}');
    };
    await createOllamaClient({ baseUrl: 'http://ollama.test:11434/api/', fetch: recording }).unload('llama3.2');
    expect(seen[0]?.url).toBe('http://ollama.test:11434/api/chat');
    expect(seen[0]?.init).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"model":"llama3.2","messages":[],"keep_alive":0}' });
  });
});
