import { defaultScenario, type MockOllama, startMockOllama } from '@tauceti/mocks/ollama';
import { type MockSearxng, type SearxngScenario, startMockSearxng } from '@tauceti/mocks/searxng';
import { type Canary, type FixtureWeb, startCanary, startFixtureWeb } from '@tauceti/mocks/web';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { api } from './api.ts';
import { type RunningServer, startServer } from './start-server.ts';

export interface WebServerFixture {
  readonly mock: MockOllama;
  readonly searxng: MockSearxng;
  /** The stand-in for the public web, on 127.0.0.2 (opened through FETCH_ALLOWLIST). */
  readonly web: FixtureWeb;
  /** 127.0.0.1: must never be reached by a tool. */
  readonly canary: Canary;
  readonly server: RunningServer;
  readonly client: ReturnType<typeof api>;
}

/** Search results pointing at the fixture web: the trees article first, the sourdough one second. */
export function webScenario(web: FixtureWeb): SearxngScenario {
  return {
    flavor: 'searxng',
    rules: [
      {
        results: [
          { title: 'Street trees cut summer heat by up to 4 °C, survey finds', url: `${web.url}/article`, content: 'A survey of 40 streets found tree-lined ones stayed cooler.' },
          { title: 'Keeping a sourdough starter alive through winter', url: `${web.url}/article-2`, content: 'Feed it less often in the cold months.' },
        ],
      },
    ],
  };
}

/**
 * The server with every upstream its web tools use: mock Ollama, mock SearXNG, a fixture web and
 * a canary. Only 127.0.0.2 is opened to `fetch_page`; the default policy stays strict otherwise.
 */
export function useWebServer(env: Record<string, string> = {}): WebServerFixture {
  const fixture = {} as { -readonly [K in keyof WebServerFixture]: WebServerFixture[K] };
  beforeAll(async () => {
    [fixture.mock, fixture.searxng, fixture.canary] = await Promise.all([startMockOllama(), startMockSearxng(), startCanary()]);
    fixture.web = await startFixtureWeb({ canaryUrl: fixture.canary.url });
    fixture.server = await startServer({
      ollamaUrl: fixture.mock.url,
      env: { SEARXNG_URL: fixture.searxng.url, FETCH_ALLOWLIST: '127.0.0.2', ...env },
    });
    fixture.client = api(fixture.server.url);
  });
  afterAll(async () => {
    await fixture.server?.stop();
    await Promise.all([fixture.mock?.close(), fixture.searxng?.close(), fixture.web?.close(), fixture.canary?.close()]);
  });
  beforeEach(() => {
    fixture.mock.setScenario(defaultScenario());
    fixture.mock.clearRequests();
    fixture.searxng.setScenario(webScenario(fixture.web));
    fixture.searxng.clearRequests();
    fixture.web.clearRequests();
  });
  return fixture;
}
