import type { ModelsResponse, StatusResponse } from '@tauceti/contracts';
import { defaultScenario, type MockOllama, startMockOllama } from '@tauceti/mocks/ollama';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api.ts';
import { freshDataDir, type RunningServer, runServerToExit, startServer } from './support/start-server.ts';
import { collectUiStream, readUiStream } from './support/ui-stream.ts';
import { closedPort } from './support/use-server.ts';

let mock: MockOllama;
const servers: RunningServer[] = [];
beforeAll(async () => {
  mock = await startMockOllama();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop('SIGKILL')));
  mock.setScenario(defaultScenario());
});
afterAll(() => mock?.close());

async function boot(options: Partial<Parameters<typeof startServer>[0]> = {}) {
  const server = await startServer({ ollamaUrl: mock.url, ...options });
  servers.push(server);
  return server;
}

describe('bad configuration', () => {
  it('stops start-up with a message naming the variable', async () => {
    const { code, output } = await runServerToExit({ PORT: 'eighty', OLLAMA_URL: 'gopher://x' });
    expect(code).toBe(1);
    expect(output).toMatch(/PORT: expected a port number/);
    expect(output).toMatch(/OLLAMA_URL: expected an http:\/\/ or https:\/\/ URL/);
  });
});

describe('when Ollama is unreachable', () => {
  it('starts anyway, says why on the status route, and answers a message with a clear error in the conversation', async () => {
    const ollamaUrl = `http://127.0.0.1:${await closedPort()}`;
    const server = await boot({ ollamaUrl });
    const client = api(server.url);

    const status = await client.json<StatusResponse>('/api/status');
    expect(status.ollama).toMatchObject({ reachable: false, url: ollamaUrl });
    expect(status.ollama.error).toMatch(/not reachable/);
    const models = await client.json<ModelsResponse>('/api/models');
    expect(models.models).toEqual([]);
    expect(models.error).toMatch(/Ollama is not reachable at/);

    const started = Date.now();
    const chunks = await collectUiStream(await client.ask('anyone there?'));
    expect(Date.now() - started).toBeLessThan(5000);
    const error = chunks.find((chunk) => chunk.type === 'error');
    expect(error?.errorText).toMatch(new RegExp(`Ollama is not reachable at ${ollamaUrl.replaceAll('.', '\\.')}.*Start Ollama or check OLLAMA_URL`));
    const stored = await client.conversation((chunks[0]?.data as { id: string }).id);
    expect(stored.messages.map((message) => message.status)).toEqual(['done', 'error']);
  });
});

describe('answers cut short by the server', () => {
  it('keeps the partial answer as interrupted after the process is killed mid-stream', async () => {
    const dataDir = freshDataDir();
    const server = await boot({ dataDir });
    mock.enqueueChat({ match: { stream: true }, chunks: Array.from({ length: 300 }, (_, i) => `k${i} `), intervalMs: 10 });
    const response = await api(server.url).ask('a long story');
    const reader = readUiStream(response);
    let conversationId = '';
    let deltas = 0;
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      if (next.value.type === 'data-conversation') conversationId = (next.value.data as { id: string }).id;
      // Past the once-a-second save, so some text is on disk.
      if (next.value.type === 'text-delta' && ++deltas === 130) break;
    }
    await server.stop('SIGKILL');

    const restarted = await boot({ dataDir });
    const answer = (await api(restarted.url).conversation(conversationId)).messages[1];
    expect(answer?.status).toBe('interrupted');
    expect(answer?.text).toMatch(/^k0 k1 k2 /);
  });

  it('saves answers in progress as interrupted and exits promptly on SIGTERM', async () => {
    const dataDir = freshDataDir();
    const server = await boot({ dataDir });
    mock.enqueueChat({ match: { stream: true }, chunks: Array.from({ length: 300 }, (_, i) => `q${i} `), intervalMs: 10 });
    const reader = readUiStream(await api(server.url).ask('keep talking'));
    let conversationId = '';
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      if (next.value.type === 'data-conversation') conversationId = (next.value.data as { id: string }).id;
      if (next.value.type === 'text-delta') break;
    }
    const stoppedAt = Date.now();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    await mock.waitForRequest((request) => request.path === '/api/chat' && request.clientAborted, 2000);

    const restarted = await boot({ dataDir });
    const answer = (await api(restarted.url).conversation(conversationId)).messages[1];
    expect(answer?.status).toBe('interrupted');
    expect(answer?.text).toMatch(/^q0 /);
  });

  it('ends an answer that stalls with a clear error and closes the socket to Ollama', async () => {
    const server = await boot({ env: { OLLAMA_STALL_TIMEOUT: '1' } });
    mock.enqueueChat({ match: { stream: true }, chunks: ['still ', 'here ', 'then nothing'], stallAfterChunks: 2 });
    const chunks = await collectUiStream(await api(server.url).ask('stall'));
    expect(chunks.find((chunk) => chunk.type === 'error')?.errorText).toMatch(/stopped sending the answer for 1 s/);
    const stored = await api(server.url).conversation((chunks[0]?.data as { id: string }).id);
    expect(stored.messages[1]).toMatchObject({ status: 'error', text: 'still here ' });
    await mock.waitForRequest((request) => request.path === '/api/chat' && request.clientAborted, 2000);
  });
});
