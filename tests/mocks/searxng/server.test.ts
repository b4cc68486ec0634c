import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSearxngScenario, startMockSearxng, type MockSearxng } from './index.ts';
import { get, postForm } from './test-utils.ts';

describe('mock SearXNG routes', () => {
  let mock: MockSearxng;
  beforeAll(async () => {
    mock = await startMockSearxng();
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(defaultSearxngScenario());
    mock.clearRequests();
  });

  it('listens on 127.0.0.1 on a free port by default', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
  });

  it('answers GET /healthz with OK as text/plain', async () => {
    const res = await get(mock.url, '/healthz');
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'text/plain; charset=utf-8', 'OK']);
  });

  it("sends SearXNG's default security headers", async () => {
    const res = await get(mock.url, '/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('redirects / with a query to /search with 308, keeping the query string', async () => {
    const res = await get(mock.url, '/?q=obsidian&format=json');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/search?q=obsidian&format=json');
    expect(await res.text()).toContain('<a href="/search?q=obsidian&amp;format=json">');
  });

  it('lets a redirected POST to / arrive at /search with its form body', async () => {
    const res = await postForm(mock.url, '/', { q: 'obsidian', format: 'json' });
    expect(res.status).toBe(200);
    expect((await res.json()).results).toHaveLength(3);
    expect(mock.requests.map((record) => `${record.method} ${record.path}`)).toEqual(['POST /', 'POST /search']);
  });

  it('serves the start page at / without a query', async () => {
    const res = await get(mock.url, '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<form id="search"');
  });

  it("answers unknown paths with werkzeug's 404 page", async () => {
    const res = await get(mock.url, '/api/search');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<title>404 Not Found</title>');
  });

  it('answers a method the route lacks with 405 and an Allow header', async () => {
    const res = await get(mock.url, '/search', { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('treats a form-urlencoded POST /search like a GET, form fields winning over the URL', async () => {
    const res = await postForm(mock.url, '/search?q=ignored&format=json', { q: 'obsidian' });
    expect((await res.json()).query).toBe('obsidian');
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/search',
      query: { q: 'ignored', format: 'json' },
      form: { q: 'obsidian' },
      params: { q: 'obsidian', format: 'json' },
    });
  });

  it('logs each request with its query parameters, headers, status and close time', async () => {
    await (await get(mock.url, '/search?q=obsidian&format=json&pageno=1', { headers: { Accept: 'application/json' } })).text();
    const record = await mock.waitForRequest((r) => r.path === '/search' && r.closedAt !== undefined, 2000);
    expect(record).toMatchObject({ method: 'GET', query: { q: 'obsidian', format: 'json', pageno: '1' }, status: 200, clientAborted: false });
    expect(record.headers.accept).toBe('application/json');
  });

  it('rejects waitForRequest with the requests it saw when nothing matches in time', async () => {
    await (await get(mock.url, '/healthz')).text();
    await expect(mock.waitForRequest((r) => r.path === '/never', 50)).rejects.toThrow(/matched within 50 ms; received: GET \/healthz/);
  });
});
