import { defaultSearxngScenario, startMockSearxng, type MockResult, type MockSearxng, type SearxngScenario } from '@tauceti/mocks/searxng';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSearxngClient, type SearxngClient } from './index.ts';

const withResults = (flavor: SearxngScenario['flavor'], results: MockResult[]): SearxngScenario => ({ flavor, rules: [{ results }] });

describe('createSearxngClient against the mock SearXNG', () => {
  let mock: MockSearxng;
  let searxng: SearxngClient;

  beforeAll(async () => {
    mock = await startMockSearxng();
    searxng = createSearxngClient({ baseUrl: `${mock.url}/` });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(defaultSearxngScenario());
    mock.clearRequests();
  });

  it('sends GET /search with q, format=json and pageno=1, asking for JSON', async () => {
    await searxng.search({ query: 'obsidian links' });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({ method: 'GET', path: '/search', query: { q: 'obsidian links', format: 'json', pageno: '1' } });
    expect(mock.requests[0]?.headers.accept).toBe('application/json');
  });

  it('passes language and time_range only when given', async () => {
    await searxng.search({ query: 'tides', language: 'en-US', timeRange: 'week' });
    expect(mock.requests[0]?.query).toEqual({ q: 'tides', format: 'json', pageno: '1', language: 'en-US', time_range: 'week' });
  });

  it('reads current SearXNG results, answers, suggestions and unresponsive engines as plain data', async () => {
    const response = await searxng.search({ query: 'obsidian' });
    expect(response.query).toBe('obsidian');
    expect(response.results[0]).toEqual({
      title: 'Internal links - Obsidian Help',
      url: 'https://help.obsidian.md/links',
      snippet: 'Learn how to link to notes, attachments, and other files from your notes, using internal links.',
      engine: 'duckduckgo',
      engines: ['duckduckgo', 'brave'],
      publishedDate: null,
      score: 3,
    });
    expect(response.results[1]?.publishedDate).toBe('2024-05-01T12:00:00.000Z');
    expect(response.answers).toEqual(['Obsidian is a Markdown-based note-taking app.']);
    expect(response.suggestions).toEqual(['obsidian markdown links', 'obsidian wikilinks']);
    expect(response.unresponsiveEngines).toEqual([
      { engine: 'google', reason: 'timeout' },
      { engine: 'startpage', reason: 'Suspended: CAPTCHA' },
    ]);
  });

  it("gives the same data from Debian's searx 1.1, answers as strings and dates localized", async () => {
    const current = await searxng.search({ query: 'obsidian' });
    mock.setScenario({ ...defaultSearxngScenario(), flavor: 'searx' });
    const legacy = await searxng.search({ query: 'obsidian' });
    expect(legacy.results).toEqual(current.results);
    expect(legacy.answers).toEqual(current.answers);
    expect(legacy.suggestions).toEqual(current.suggestions);
    expect(new Set(legacy.unresponsiveEngines)).toEqual(new Set(current.unresponsiveEngines));
  });

  it("reads searx's pubdate when its publishedDate is a relative text", async () => {
    const recent = new Date(Date.now() - 2 * 3600_000).toISOString().slice(0, 19);
    mock.setScenario(withResults('searx', [{ title: 'Fresh', url: 'https://news.example/', publishedDate: `${recent}+00:00` }]));
    const [result] = (await searxng.search({ query: 'news' })).results;
    expect(result?.publishedDate).toBe(`${recent}.000Z`);
  });

  it('strips HTML tags and decodes entities in titles and snippets', async () => {
    mock.setScenario(withResults('searxng', [
      { title: '<b>Tides</b> &amp; <span class="x">moons</span>', url: 'https://a.example/', content: 'High<br>low &quot;water&quot; &#8212; <em>tables</em>' },
    ]));
    const [result] = (await searxng.search({ query: 'tides' })).results;
    expect(result).toMatchObject({ title: 'Tides & moons', snippet: 'High low "water" — tables' });
  });

  it('caps long snippets at about 400 characters, cut at a word', async () => {
    mock.setScenario(withResults('searxng', [{ title: 'Long', url: 'https://a.example/', content: 'word '.repeat(200) }]));
    const [result] = (await searxng.search({ query: 'long' })).results;
    expect(result!.snippet.length).toBeLessThanOrEqual(400);
    expect(result!.snippet).toMatch(/ word…$/);
  });

  it('keeps only http(s) results and drops repeated URLs, keeping the first', async () => {
    mock.setScenario(withResults('searxng', [
      { title: 'First', url: 'https://a.example/page' },
      { title: 'Torrent', url: 'magnet:?xt=urn:btih:abc' },
      { title: 'Again', url: 'https://a.example/page' },
      { title: 'Section', url: 'https://a.example/page#part-2' },
      { title: 'Relative', url: '/local/path' },
      { title: 'Second', url: 'http://b.example/' },
    ]));
    const { results } = await searxng.search({ query: 'x' });
    expect(results.map((result) => [result.title, result.url])).toEqual([
      ['First', 'https://a.example/page'],
      ['Second', 'http://b.example/'],
    ]);
  });

  it('returns 8 results by default, `limit` when given, and never more than 20', async () => {
    const many = Array.from({ length: 25 }, (_, index) => ({ title: `Result ${index + 1}`, url: `https://example.org/${index + 1}` }));
    mock.setScenario(withResults('searxng', many));
    expect((await searxng.search({ query: 'x' })).results).toHaveLength(8);
    expect((await searxng.search({ query: 'x', limit: 3 })).results.map((result) => result.title)).toEqual(['Result 1', 'Result 2', 'Result 3']);
    expect((await searxng.search({ query: 'x', limit: 50 })).results).toHaveLength(20);
  });

  it('returns an empty result list, not an error, when nothing matched', async () => {
    expect(await searxng.search({ query: 'nothing here' })).toEqual({ query: 'nothing here', results: [], answers: [], suggestions: [], unresponsiveEngines: [] });
  });

  it('accepts a base URL ending in /search', async () => {
    const client = createSearxngClient({ baseUrl: `${mock.url}/search/` });
    expect(client.baseUrl).toBe(mock.url);
    expect((await client.search({ query: 'obsidian' })).results).toHaveLength(3);
  });
});
