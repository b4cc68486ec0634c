import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSearxngScenario, startMockSearxng, type MockSearxng } from './index.ts';
import { get, scenarioWith } from './test-utils.ts';

/** Every key of a current SearXNG `MainResult`, in struct order. */
const MAIN_RESULT_KEYS = [
  'url', 'engine', 'parsed_url', 'template', 'title', 'content', 'img_src', 'iframe_src', 'audio_src', 'thumbnail',
  'publishedDate', 'pubdate', 'length', 'views', 'author', 'metadata', 'priority', 'engines', 'open_group', 'close_group',
  'positions', 'score', 'category',
];

describe('mock SearXNG JSON search (current SearXNG)', () => {
  let mock: MockSearxng;
  beforeAll(async () => {
    mock = await startMockSearxng();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.setScenario(defaultSearxngScenario()));

  it('answers application/json with the top-level keys of get_json_response, without number_of_results', async () => {
    const res = await get(mock.url, '/search?q=obsidian&format=json');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(await res.json())).toEqual(['query', 'results', 'answers', 'corrections', 'infoboxes', 'suggestions', 'unresponsive_engines']);
  });

  it('emits every MainResult field, with parsed_url as a 6-element list and a float score', async () => {
    const body = await (await get(mock.url, '/search?q=obsidian&format=json')).json();
    expect(Object.keys(body.results[0])).toEqual(MAIN_RESULT_KEYS);
    expect(body.results[0]).toMatchObject({
      url: 'https://help.obsidian.md/links',
      parsed_url: ['https', 'help.obsidian.md', '/links', '', '', ''],
      template: 'default.html',
      engines: ['duckduckgo', 'brave'],
      positions: [1, 2],
      score: 3,
      publishedDate: null,
      pubdate: '',
      length: null,
      open_group: false,
      category: 'general',
    });
    expect(body.results[1]).toMatchObject({ publishedDate: '2024-05-01T12:00:00', pubdate: '2024-05-01 12:00:00', positions: [2], score: 0.5 });
  });

  it('writes JSON the way Python json.dumps does', async () => {
    mock.setScenario(scenarioWith('searxng', [{ results: [{ title: 'Café', url: 'https://example.org/', engine: 'bing' }] }]));
    const text = await (await get(mock.url, '/search?q=caf%C3%A9&format=json')).text();
    expect(text.startsWith('{"query": "caf\\u00e9", "results": [{"url": "https://example.org/", "engine": "bing", ')).toBe(true);
    expect(text).toContain('"title": "Caf\\u00e9"');
    expect(text).toContain('"score": 1.0');
  });

  it('sends answers as objects and unresponsive engines as sorted pairs', async () => {
    const body = await (await get(mock.url, '/search?q=obsidian&format=json')).json();
    expect(body.answers).toEqual([{ url: null, engine: '', parsed_url: null, template: 'answer/legacy.html', answer: 'Obsidian is a Markdown-based note-taking app.' }]);
    expect(body.unresponsive_engines).toEqual([['google', 'timeout'], ['startpage', 'Suspended: CAPTCHA']]);
    expect(body.suggestions).toEqual(['obsidian markdown links', 'obsidian wikilinks']);
  });

  it('keeps HTML in titles but collapses whitespace, and empties content equal to the title', async () => {
    mock.setScenario(scenarioWith('searxng', [{ results: [{ title: '<b>Tides</b>\n  and   moons', url: 'https://a.example/', content: '<b>Tides</b> and moons' }] }]));
    const [result] = (await (await get(mock.url, '/search?q=tides&format=json')).json()).results;
    expect([result.title, result.content]).toEqual(['<b>Tides</b> and moons', '']);
  });

  it('answers a search no rule matches with no results', async () => {
    const body = await (await get(mock.url, '/search?q=nothing+matches&format=json')).json();
    expect(body).toEqual({ query: 'nothing matches', results: [], answers: [], corrections: [], infoboxes: [], suggestions: [], unresponsive_engines: [] });
  });

  it('sends number_of_results when the scenario asks, as older releases do', async () => {
    mock.setScenario({ ...defaultSearxngScenario(), numberOfResults: 0 });
    const body = await (await get(mock.url, '/search?q=obsidian&format=json')).json();
    expect(Object.keys(body).slice(0, 3)).toEqual(['query', 'number_of_results', 'results']);
  });

  it('adds extra keys and leaves out omitted ones, as engine and legacy results do', async () => {
    mock.setScenario(scenarioWith('searxng', [{ results: [{ title: 'T', url: 'https://a.example/', extra: { address: { locality: 'Oslo' } }, omitKeys: ['engines', 'score'] }] }]));
    const [result] = (await (await get(mock.url, '/search?q=x&format=json')).json()).results;
    expect(result.address).toEqual({ locality: 'Oslo' });
    expect(result).not.toHaveProperty('engines');
    expect(result).not.toHaveProperty('score');
  });

  it('answers a search without format=json with an HTML results page', async () => {
    const res = await get(mock.url, '/search?q=obsidian&format=xml');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<a href="https://help.obsidian.md/links">Internal links - Obsidian Help</a>');
  });

  it('matches rules case-insensitively, first match winning', async () => {
    mock.setScenario(scenarioWith('searxng', [
      { match: { queryIncludes: 'Moon' }, results: [{ title: 'first', url: 'https://a.example/' }] },
      { results: [{ title: 'catch-all', url: 'https://b.example/' }] },
    ]));
    const titles = async (q: string) => (await (await get(mock.url, `/search?q=${q}&format=json`)).json()).results.map((r: { title: string }) => r.title);
    expect(await titles('full+moon')).toEqual(['first']);
    expect(await titles('sun')).toEqual(['catch-all']);
  });
});

describe('mock SearXNG JSON search (Debian searx 1.1)', () => {
  let mock: MockSearxng;
  beforeAll(async () => {
    mock = await startMockSearxng({ scenario: { ...defaultSearxngScenario(), flavor: 'searx' } });
  });
  afterAll(() => mock.close());

  it('sends number_of_results 0, answers as strings and unresponsive engines in their own order', async () => {
    const body = await (await get(mock.url, '/search?q=obsidian&format=json')).json();
    expect(body.number_of_results).toBe(0);
    expect(body.answers).toEqual(['Obsidian is a Markdown-based note-taking app.']);
    expect(body.unresponsive_engines).toEqual([['startpage', 'Suspended: CAPTCHA'], ['google', 'timeout']]);
  });

  it('sends legacy result dicts with pretty_url, and pubdate plus a localized publishedDate only when dated', async () => {
    const [first, second] = (await (await get(mock.url, '/search?q=obsidian&format=json')).json()).results;
    expect(Object.keys(first)).toEqual(['url', 'title', 'content', 'engine', 'parsed_url', 'engines', 'positions', 'score', 'category', 'pretty_url']);
    expect(second).toMatchObject({ publishedDate: 'May 1, 2024', pubdate: '2024-05-01 12:00:00', pretty_url: 'https://obsidian.md/' });
  });

  it('strips HTML and entities from titles and content', async () => {
    mock.setScenario(scenarioWith('searx', [{ results: [{ title: '<b>Tides</b> &amp;\n moons', url: 'https://a.example/', content: '<p>High <em>and</em> low</p>' }] }]));
    const [result] = (await (await get(mock.url, '/search?q=tides&format=json')).json()).results;
    expect([result.title, result.content]).toEqual(['Tides & moons', 'High and low']);
  });

  it('writes a date from the last day as hours and minutes ago, and keeps the offset in pubdate', async () => {
    const recent = new Date(Date.now() - (2 * 3600 + 5 * 60 + 30) * 1000).toISOString().slice(0, 19);
    mock.setScenario(scenarioWith('searx', [{ results: [
      { title: 'Recent', url: 'https://a.example/', publishedDate: recent },
      { title: 'Old', url: 'https://b.example/', publishedDate: '2023-02-03T10:00:00+00:00' },
    ] }]));
    const [first, second] = (await (await get(mock.url, '/search?q=x&format=json')).json()).results;
    expect(first.publishedDate).toBe('2 hour(s), 5 minute(s) ago');
    expect(second).toMatchObject({ publishedDate: 'Feb 3, 2023', pubdate: '2023-02-03 10:00:00+0000' });
  });

  it('shortens long URLs in pretty_url around [...]', async () => {
    const url = `https://example.org/${'a'.repeat(100)}`;
    mock.setScenario(scenarioWith('searx', [{ results: [{ title: 'Long', url }] }]));
    const [result] = (await (await get(mock.url, '/search?q=x&format=json')).json()).results;
    expect(result.pretty_url).toBe(`${url.slice(0, 38)}[...]${url.slice(-38)}`);
  });
});
