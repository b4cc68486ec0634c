import type { ToolStep } from '@tauceti/contracts';
import { defaultScenario, type MockOllama, startMockOllama } from '@tauceti/mocks/ollama';
import { type FixtureWeb, startFixtureWeb } from '@tauceti/mocks/web';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api.ts';
import { freshDataDir, type RunningServer, startServer } from './support/start-server.ts';
import { readUiStream } from './support/ui-stream.ts';

let mock: MockOllama;
let web: FixtureWeb;
const servers: RunningServer[] = [];
beforeAll(async () => {
  [mock, web] = await Promise.all([startMockOllama(), startFixtureWeb()]);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop('SIGKILL')));
  mock.setScenario(defaultScenario());
});
afterAll(async () => {
  await Promise.all([mock?.close(), web?.close()]);
});

async function boot(dataDir: string) {
  const server = await startServer({ ollamaUrl: mock.url, dataDir, env: { FETCH_ALLOWLIST: '127.0.0.2' } });
  servers.push(server);
  return server;
}

describe('tool steps survive what the answer survives', () => {
  it('keeps the steps that had come when the server is killed, and marks the answer interrupted', async () => {
    const dataDir = freshDataDir();
    const server = await boot(dataDir);
    // The first page is read; the second waits for the person when the process dies.
    mock.enqueueChat({
      match: { stream: true, afterTool: false },
      toolCalls: [
        { name: 'fetch_page', arguments: { url: `${web.url}/notes.md` } },
        { name: 'fetch_page', arguments: { url: `${web.url}/plain.txt?nobody-asked` } },
      ],
    });
    let conversationId = '';
    const reads = new Set<string>();
    for await (const chunk of readUiStream(await api(server.url).ask(`Compare ${web.url}/notes.md with the other one`))) {
      if (chunk.type === 'data-conversation') conversationId = (chunk.data as { id: string }).id;
      const step = chunk.type === 'data-tool' ? (chunk.data as ToolStep) : null;
      if (step) reads.add(`${step.id}:${step.state}`);
      if ([...reads].some((entry) => entry.endsWith(':done')) && [...reads].some((entry) => entry.endsWith(':awaiting-approval'))) break;
    }
    await server.stop('SIGKILL');

    const restarted = await boot(dataDir);
    const answer = (await api(restarted.url).conversation(conversationId)).messages.find((message) => message.role === 'assistant');
    expect(answer?.status).toBe('interrupted');
    const states = answer?.parts.flatMap((part) => (part.type === 'tool' ? [part.step.state] : [])).sort();
    expect(states).toEqual(['awaiting-approval', 'done']);
    expect(answer?.sources.map((source) => source.url)).toEqual([`${web.url}/notes.md`]);
  });
});
