import { createServer } from 'node:net';
import { defaultScenario, type MockOllama, startMockOllama } from '@tauceti/mocks/ollama';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { api } from './api.ts';
import { type RunningServer, startServer, type StartServerOptions } from './start-server.ts';

export interface ServerFixture {
  readonly mock: MockOllama;
  readonly server: RunningServer;
  readonly client: ReturnType<typeof api>;
}

/**
 * One mock Ollama and one real server process for the test file (started before it, stopped
 * after); the mock goes back to the default scenario and an empty request log before each test.
 */
export function useServer(options: Omit<StartServerOptions, 'ollamaUrl'> = {}): ServerFixture {
  const fixture = {} as { mock: MockOllama; server: RunningServer; client: ReturnType<typeof api> };
  beforeAll(async () => {
    fixture.mock = await startMockOllama();
    fixture.server = await startServer({ ...options, ollamaUrl: fixture.mock.url });
    fixture.client = api(fixture.server.url);
  });
  afterAll(async () => {
    await fixture.server?.stop();
    await fixture.mock?.close();
  });
  beforeEach(() => {
    fixture.mock.setScenario(defaultScenario());
    fixture.mock.clearRequests();
  });
  return fixture;
}

/** A port nothing listens on (an Ollama that is down). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
