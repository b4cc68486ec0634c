import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSearxngScenario, startMockSearxng, type MockSearxng } from './index.ts';
import { get, scenarioWith } from './test-utils.ts';

describe('mock SearXNG refusals and faults', () => {
  let mock: MockSearxng;
  beforeAll(async () => {
    mock = await startMockSearxng();
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(defaultSearxngScenario());
    mock.clearRequests();
  });

  it("answers format=json with Flask's 403 HTML page when json is not in search.formats", async () => {
    mock.setScenario({ ...defaultSearxngScenario(), jsonEnabled: false });
    const res = await get(mock.url, '/search?q=obsidian&format=json');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(
      "<!doctype html>\n<html lang=en>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n<p>You don&#39;t have the permission to access the requested resource. It is either read-protected or not readable by the server.</p>\n",
    );
    expect((await get(mock.url, '/search?q=obsidian')).status).toBe(200);
  });

  it('checks the format before the query, as webapp.py does', async () => {
    mock.setScenario({ ...defaultSearxngScenario(), jsonEnabled: false });
    expect((await get(mock.url, '/search?format=json')).status).toBe(403);
  });

  it('always serves JSON as searx, which has no search.formats', async () => {
    mock.setScenario({ ...defaultSearxngScenario(), flavor: 'searx', jsonEnabled: false });
    expect((await get(mock.url, '/search?q=obsidian&format=json')).status).toBe(200);
  });

  it('answers a missing or empty q with 400 No query in JSON, and the start page in HTML', async () => {
    for (const path of ['/search?format=json', '/search?q=&format=json']) {
      const res = await get(mock.url, path);
      expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([400, 'application/json', '{"error": "No query"}']);
    }
    expect((await get(mock.url, '/search')).status).toBe(200);
  });

  it('rejects bad parameters with SearxParameterException texts, in webadapter order', async () => {
    const error = async (query: string) => {
      const res = await get(mock.url, `/search?q=x&format=json&${query}`);
      return [res.status, (await res.json()).error];
    };
    expect(await error('time_range=xyz')).toEqual([400, 'Invalid value xyz for parameter time_range']);
    expect(await error('pageno=0')).toEqual([400, 'Invalid value 0 for parameter pageno']);
    expect(await error('pageno=')).toEqual([400, 'Empty pageno parameter']);
    expect(await error('safesearch=3')).toEqual([400, 'Invalid value 3 for parameter safesearch']);
    expect(await error('language=English')).toEqual([400, 'Invalid value English for parameter language']);
    expect(await error('language=xx&time_range=xyz')).toEqual([400, 'Invalid value xyz for parameter time_range']);
    for (const language of ['en', 'en-US', 'all', 'auto']) expect((await get(mock.url, `/search?q=x&format=json&language=${language}`)).status).toBe(200);
    expect((await get(mock.url, '/search?q=x&format=json&time_range=week&safesearch=2&pageno=3')).status).toBe(200);
  });

  it('quotes the value and refuses auto as searx 1.1, which crashes on an out-of-range safesearch', async () => {
    mock.setScenario({ ...defaultSearxngScenario(), flavor: 'searx' });
    const time = await get(mock.url, '/search?q=x&format=json&time_range=xyz');
    expect(await time.json()).toEqual({ error: 'Invalid value "xyz" for parameter time_range' });
    expect((await (await get(mock.url, '/search?q=x&format=json&language=auto')).json()).error).toBe('Invalid value "auto" for parameter language');
    const crash = await get(mock.url, '/search?q=x&format=json&safesearch=3');
    expect([crash.status, await crash.json()]).toEqual([500, { error: 'search error' }]);
  });

  it("answers 429 with the limiter's page and Retry-After for `times` requests, then normally", async () => {
    mock.setScenario(scenarioWith('searxng', [{ status: 429, times: 2, retryAfterSeconds: 3, results: [{ title: 'T', url: 'https://a.example/' }] }]));
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await get(mock.url, '/search?q=x&format=json');
      expect([res.status, res.headers.get('retry-after'), res.headers.get('content-type'), await res.text()]).toEqual([429, '3', 'text/html; charset=utf-8', 'Too Many Requests']);
    }
    const res = await get(mock.url, '/search?q=x&format=json');
    expect(res.status).toBe(200);
    expect((await res.json()).results).toHaveLength(1);
  });

  it('resets the times counters when the scenario is set again', async () => {
    const limited = scenarioWith('searxng', [{ status: 429, times: 1 }]);
    mock.setScenario(limited);
    expect((await get(mock.url, '/search?q=x&format=json')).status).toBe(429);
    expect((await get(mock.url, '/search?q=x&format=json')).status).toBe(200);
    mock.setScenario(limited);
    expect((await get(mock.url, '/search?q=x&format=json')).status).toBe(429);
  });

  it('answers an engine crash with 500 search error after checking the parameters', async () => {
    mock.setScenario(scenarioWith('searxng', [{ status: 500 }]));
    const crash = await get(mock.url, '/search?q=x&format=json');
    expect([crash.status, await crash.text()]).toEqual([500, '{"error": "search error"}']);
    expect((await get(mock.url, '/search?q=x&format=json&pageno=0')).status).toBe(400);
  });

  it("answers another scripted status with werkzeug's page for it", async () => {
    mock.setScenario(scenarioWith('searxng', [{ status: 502 }]));
    const res = await get(mock.url, '/search?q=x&format=json');
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('<title>502 Bad Gateway</title>');
  });

  it('waits delayMs before answering and records a client that gives up meanwhile', async () => {
    mock.setScenario(scenarioWith('searxng', [{ delayMs: 60_000 }]));
    const controller = new AbortController();
    const pending = get(mock.url, '/search?q=x&format=json', { signal: controller.signal });
    await mock.waitForRequest((r) => r.path === '/search', 2000);
    controller.abort();
    await expect(pending).rejects.toThrow();
    const record = await mock.waitForRequest((r) => r.clientAborted, 2000);
    expect(record.status).toBeUndefined();
  });

  it('releases delayed answers on close', async () => {
    const local = await startMockSearxng({ scenario: scenarioWith('searxng', [{ delayMs: 60_000 }]) });
    const pending = get(local.url, '/search?q=x&format=json');
    await local.waitForRequest((r) => r.path === '/search', 2000);
    await local.close();
    await expect(pending).rejects.toThrow();
    expect(local.requests[0]?.clientAborted).toBe(false);
  });
});
