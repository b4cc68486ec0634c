import { defaultSearxngScenario, startMockSearxng, type MockSearxng, type SearchRule } from '@tauceti/mocks/searxng';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSearxngClient, SearxngError, type SearxngClient } from './index.ts';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const caught = (promise: Promise<unknown>) => promise.then(
  () => { throw new Error('expected the search to fail'); },
  (error: unknown) => error,
);

describe('createSearxngClient failures against the mock SearXNG', () => {
  let mock: MockSearxng;
  let searxng: SearxngClient;
  const script = (...rules: SearchRule[]) => mock.setScenario({ flavor: 'searxng', rules });

  beforeAll(async () => {
    mock = await startMockSearxng();
    searxng = createSearxngClient({ baseUrl: mock.url, retryDelayMs: 0 });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(defaultSearxngScenario());
    mock.clearRequests();
  });

  it('says how to enable JSON output when SearXNG answers 403', async () => {
    mock.setScenario({ ...defaultSearxngScenario(), jsonEnabled: false });
    const error = await caught(searxng.search({ query: 'obsidian' }));
    expect(error).toBeInstanceOf(SearxngError);
    expect(error).toMatchObject({
      message: `SearXNG at ${mock.url} refuses JSON output (HTTP 403). Add "json" to search.formats in its settings.yml and restart SearXNG.`,
      code: 'json_disabled',
      status: 403,
      retryable: false,
      url: `${mock.url}/search?q=obsidian&format=json&pageno=1`,
    });
  });

  it('honours Retry-After over retryDelayMs and retries a 429 once', async () => {
    script({ status: 429, times: 1, retryAfterSeconds: 0, results: [{ title: 'After the wait', url: 'https://a.example/' }] });
    const patient = createSearxngClient({ baseUrl: mock.url, retryDelayMs: 60_000 });
    const { results } = await patient.search({ query: 'x' });
    expect(results.map((result) => result.title)).toEqual(['After the wait']);
    expect(mock.requests.map((record) => record.status)).toEqual([429, 200]);
  });

  it('waits retryDelayMs after a 429 without Retry-After', async () => {
    script({ status: 429, times: 1, results: [{ title: 'Second try', url: 'https://a.example/' }] });
    expect((await searxng.search({ query: 'x' })).results).toHaveLength(1);
    expect(mock.requests).toHaveLength(2);
  });

  it('reports rate_limited after a second 429', async () => {
    script({ status: 429 });
    const error = await caught(searxng.search({ query: 'x' }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryable: true });
    expect((error as Error).message).toBe(
      `SearXNG at ${mock.url} is rate limiting searches (HTTP 429, twice), or its upstream engines are. Try again later; for a private instance, raise the limits in limiter.toml or set server.limiter: false in settings.yml.`,
    );
    expect(mock.requests).toHaveLength(2);
  });

  it('gives up at once when the 429 wait would not fit in the time limit', async () => {
    script({ status: 429, retryAfterSeconds: 3 });
    const hurried = createSearxngClient({ baseUrl: mock.url, timeoutMs: 2000 });
    const error = await caught(hurried.search({ query: 'x' }));
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect((error as Error).message).toContain('asked to wait 3 s');
    expect(mock.requests).toHaveLength(1);
  });

  it('reports a timeout when SearXNG does not answer within timeoutMs', async () => {
    script({ delayMs: 60_000 });
    const impatient = createSearxngClient({ baseUrl: mock.url, timeoutMs: 200 });
    const error = await caught(impatient.search({ query: 'x' }));
    expect(error).toMatchObject({ name: 'SearxngError', code: 'timeout', status: null, retryable: true });
    expect((error as Error).message).toMatch(new RegExp(`^SearXNG at ${mock.url} did not answer within 0.2 s\\.`));
    await mock.waitForRequest((record) => record.clientAborted, 5000);
  });

  it("rejects with the caller's AbortError, not a SearxngError, when the caller aborts", async () => {
    script({ delayMs: 60_000 });
    const controller = new AbortController();
    const pending = caught(searxng.search({ query: 'x', signal: controller.signal }));
    await mock.waitForRequest((record) => record.path === '/search', 5000);
    controller.abort();
    const error = await pending;
    expect(error).not.toBeInstanceOf(SearxngError);
    expect((error as Error).name).toBe('AbortError');
  });

  it("rejects with the signal's own reason, also while waiting to retry", async () => {
    script({ status: 429, retryAfterSeconds: 5 });
    const unhurried = createSearxngClient({ baseUrl: mock.url, timeoutMs: 60_000 });
    const controller = new AbortController();
    const reason = new Error('turn stopped');
    const pending = caught(unhurried.search({ query: 'x', signal: controller.signal }));
    await mock.waitForRequest((record) => record.status === 429, 5000);
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(mock.requests).toHaveLength(1);
  });

  it('does not call SearXNG for a signal that is already aborted', async () => {
    const error = await caught(searxng.search({ query: 'x', signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe('AbortError');
    expect(mock.requests).toEqual([]);
  });

  it('says SearXNG is unreachable, and how to fix it, when nothing listens', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const error = await caught(createSearxngClient({ baseUrl }).search({ query: 'x' }));
    expect(error).toMatchObject({
      message: `SearXNG is not reachable at ${baseUrl} (ECONNREFUSED). Start SearXNG or check SEARXNG_URL.`,
      code: 'unreachable',
      status: null,
      retryable: true,
    });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("reports a 400 as bad_request in SearXNG's own words", async () => {
    const error = await caught(searxng.search({ query: 'x', language: 'English' }));
    expect(error).toMatchObject({
      message: `SearXNG at ${mock.url} rejected the search: Invalid value English for parameter language (HTTP 400).`,
      code: 'bad_request',
      status: 400,
      retryable: false,
    });
    const empty = await caught(searxng.search({ query: '' }));
    expect(empty).toMatchObject({ message: `SearXNG at ${mock.url} rejected the search: No query (HTTP 400).`, code: 'bad_request' });
  });

  it('reports an engine crash as a retryable http error', async () => {
    script({ status: 500 });
    const error = await caught(searxng.search({ query: 'x' }));
    expect(error).toMatchObject({ code: 'http', status: 500, retryable: true });
    expect((error as Error).message).toBe(
      `SearXNG at ${mock.url} failed the search (HTTP 500: search error). SearXNG or its engines are failing; try again later, and check its log if this persists.`,
    );
  });

  it("names the status of another non-2xx answer, such as a proxy's 502", async () => {
    script({ status: 502 });
    const error = await caught(searxng.search({ query: 'x' }));
    expect(error).toMatchObject({ code: 'http', status: 502, retryable: true });
    expect((error as Error).message).toContain('(HTTP 502 BAD GATEWAY)');
  });
});

describe('createSearxngClient with answers that are not SearXNG JSON', () => {
  /** A fetch that answers every call with `body`. */
  const answering = (body: string, contentType = 'application/json'): typeof globalThis.fetch => async () =>
    new Response(body, { status: 200, headers: { 'Content-Type': contentType } });
  const search = (body: string, contentType?: string) =>
    caught(createSearxngClient({ baseUrl: 'http://searxng.test:8888', fetch: answering(body, contentType) }).search({ query: 'x' }));

  it('rejects garbage JSON as invalid_response', async () => {
    const error = await search('{"results": [oops');
    expect(error).toMatchObject({ code: 'invalid_response', status: 200, retryable: false, url: 'http://searxng.test:8888/search?q=x&format=json&pageno=1' });
    expect((error as Error).message).toBe(
      'SearXNG at http://searxng.test:8888 answered the search with application/json that is not its JSON search format (HTTP 200). Check that SEARXNG_URL points at SearXNG itself, not a proxy or login page.',
    );
  });

  it('rejects JSON of another shape, and an HTML page, as invalid_response', async () => {
    expect(await search('{"results": "none"}')).toMatchObject({ code: 'invalid_response' });
    const page = await search('<!DOCTYPE html><title>Sign in</title>', 'text/html');
    expect((page as Error).message).toContain('answered the search with an HTML page (HTTP 200)');
  });

  it('tolerates missing optional keys, extra keys and odd values', async () => {
    const body = JSON.stringify({
      results: [{ url: 'https://a.example/', extra: { nested: true }, score: 'high', engines: 'x' }, { title: 'no url' }, 42],
      answers: [{ answer: '42' }, { translations: [] }, 'plain'],
      suggestions: 'not a list',
      unresponsive_engines: [['bing', 'timeout'], ['lonely'], 'garbage'],
    });
    const client = createSearxngClient({ baseUrl: 'http://searxng.test:8888', fetch: answering(body) });
    expect(await client.search({ query: 'x' })).toEqual({
      query: 'x',
      results: [{ title: 'https://a.example/', url: 'https://a.example/', snippet: '', engine: null, engines: [], publishedDate: null, score: null }],
      answers: ['42', 'plain'],
      suggestions: [],
      unresponsiveEngines: [{ engine: 'bing', reason: 'timeout' }, { engine: 'lonely', reason: '' }],
    });
  });
});
