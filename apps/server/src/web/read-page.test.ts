import { FIXTURE_TEXT, startCanary, startFixtureWeb, type Canary, type FixtureWeb } from '@tauceti/mocks/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractionPool, type ExtractionPool } from './extract/extraction-pool.ts';
import { createPageReader, type PageReader } from './read-page.ts';
import { createSafeFetch, type SafeFetch } from './safe-fetch.ts';
import { pokeCanary } from './test-utils.ts';

const INVISIBLE = /[\p{Cf}\u{E0000}-\u{E007F}]/u;
let canary: Canary;
let web: FixtureWeb;
let safeFetch: SafeFetch;
let pool: ExtractionPool;
let readPage: PageReader;

beforeAll(async () => {
  canary = await startCanary();
  web = await startFixtureWeb({ canaryUrl: canary.url });
  safeFetch = createSafeFetch({ allowlist: ['127.0.0.2'] });
  pool = createExtractionPool({ size: 1 });
  readPage = createPageReader({ safeFetch, pool });
});
afterAll(async () => {
  await pool.close();
  await safeFetch.close();
  await web.close();
  await canary.close();
});

describe('readPage', () => {
  it('reads the article without its navigation, cookie banner, ads or comments', async () => {
    const page = await readPage(`${web.url}/article`);
    expect(page).toMatchObject({
      url: `${web.url}/article`,
      title: FIXTURE_TEXT.article.title,
      siteName: FIXTURE_TEXT.article.siteName,
      contentType: 'text/html',
      truncated: false,
    });
    expect(page.byline).toContain(FIXTURE_TEXT.article.byline);
    expect(page.bytes).toBeGreaterThan(page.text.length);
    for (const sentence of FIXTURE_TEXT.article.includes) expect(page.text).toContain(sentence);
    for (const boilerplate of FIXTURE_TEXT.article.excludes) expect(page.text).not.toContain(boilerplate);
    expect(pool.stats.completed).toBeGreaterThan(0);
  });

  it('reports the final URL after redirects', async () => {
    const page = await readPage(`${web.url}/redirect/1`);
    expect(page.url).toBe(`${web.url}/article`);
    expect(page.title).toBe(FIXTURE_TEXT.article.title);
  });

  it('reads the second article on its own topic', async () => {
    const page = await readPage(`${web.url}/article-2`);
    expect(page.title).toBe(FIXTURE_TEXT.article2.title);
    for (const sentence of FIXTURE_TEXT.article2.includes) expect(page.text).toContain(sentence);
    for (const boilerplate of FIXTURE_TEXT.article2.excludes) expect(page.text).not.toContain(boilerplate);
  });

  it('keeps hidden prompt injections and smuggled characters out of the text', async () => {
    const page = await readPage(`${web.url}/injection`);
    expect(page.title).toBe(FIXTURE_TEXT.injection.title);
    for (const visible of FIXTURE_TEXT.injection.includes) expect(page.text).toContain(visible);
    for (const hidden of FIXTURE_TEXT.injection.excludes) expect(page.text).not.toContain(hidden);
    expect(page.text).not.toMatch(INVISIBLE);
    expect(web.requests.some((request) => request.path.startsWith('/x'))).toBe(false);
  });

  it('never fetches the sub-resources a page points at', async () => {
    const page = await readPage(`${web.url}/subresources`);
    for (const sentence of FIXTURE_TEXT.subresources.includes) expect(page.text).toContain(sentence);
    await pokeCanary(canary);
    expect(canary.connections(), 'only our own poke reached the canary').toBe(1);
  });

  it('returns plain text as it is, titled by its URL', async () => {
    const page = await readPage(`${web.url}/plain.txt`);
    expect(page).toMatchObject({ title: `${web.url}/plain.txt`, contentType: 'text/plain', byline: null, siteName: null });
    for (const sentence of FIXTURE_TEXT.plain.includes) expect(page.text).toContain(sentence);
  });

  it('returns Markdown as it is, titled by its first heading', async () => {
    const page = await readPage(`${web.url}/notes.md`);
    expect(page).toMatchObject({ title: FIXTURE_TEXT.notes.title, contentType: 'text/markdown' });
    for (const sentence of FIXTURE_TEXT.notes.includes) expect(page.text).toContain(sentence);
    expect(page.text).toContain('## Decisions\n\n1. The raised beds');
  });

  it('decodes a legacy charset from <meta charset> or from the Content-Type header', async () => {
    for (const path of ['/latin1.html', '/latin1.txt']) {
      const page = await readPage(`${web.url}${path}`);
      for (const words of FIXTURE_TEXT.latin1.includes) expect(page.text, path).toContain(words);
      expect(page.text).not.toContain('\ufffd');
    }
  });

  it('cuts a long page at a paragraph boundary and says so', async () => {
    const short = createPageReader({ safeFetch, pool, maxChars: 600 });
    const page = await short(`${web.url}/article`);
    expect(page.truncated).toBe(true);
    expect(page.text.length).toBeLessThanOrEqual(600);
    expect(page.text).toMatch(/[.!?:"”]$/);
  });

  it('passes safeFetch refusals through unchanged', async () => {
    await expect(readPage(`${web.url}/image.png`)).rejects.toMatchObject({ name: 'FetchPageError', reason: 'content_type' });
    await expect(readPage(`http://127.0.0.1:${canary.port}/`)).rejects.toMatchObject({ reason: 'private_address' });
  });

  it('rejects with the signal reason when the caller aborts', async () => {
    await expect(readPage(`${web.url}/article`, { signal: AbortSignal.abort(new Error('stopped')) })).rejects.toThrow('stopped');
  });
});
