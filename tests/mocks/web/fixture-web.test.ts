import { connect } from 'node:net';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCanary, type Canary } from './canary.ts';
import { startFixtureWeb, type FixtureWeb } from './fixture-web.ts';
import { FIXTURE_TEXT } from './fixture-text.ts';
import { fetchRaw, open } from './test-utils.ts';

const MB = 1024 * 1024;
let web: FixtureWeb;
let canary: Canary;

beforeAll(async () => {
  canary = await startCanary();
  web = await startFixtureWeb({ canaryUrl: canary.url });
});
afterAll(async () => {
  await web.close();
  await canary.close();
});

describe('startFixtureWeb', () => {
  it('listens on 127.0.0.2 by default', () => {
    expect(web.url).toBe(`http://127.0.0.2:${web.port}`);
  });

  it('serves the article as UTF-8 HTML with the boilerplate a reader must drop', async () => {
    const { status, headers, body } = await fetchRaw(`${web.url}/article`);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    const html = body.toString('utf8');
    expect(html).toContain(FIXTURE_TEXT.article.title);
    for (const boilerplate of FIXTURE_TEXT.article.excludes) expect(html).toContain(boilerplate);
  });

  it('serves a second article on another topic', async () => {
    const { body } = await fetchRaw(`${web.url}/article-2`);
    expect(body.toString()).toContain(FIXTURE_TEXT.article2.title);
  });

  it('serves plain text and Markdown with their own content types', async () => {
    expect((await fetchRaw(`${web.url}/plain.txt`)).headers['content-type']).toBe('text/plain; charset=utf-8');
    const notes = await fetchRaw(`${web.url}/notes.md`);
    expect(notes.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(notes.body.toString()).toContain(`# ${FIXTURE_TEXT.notes.title}`);
  });

  it('serves PDF, ZIP and PNG bodies too large to send unless the client reads them', async () => {
    for (const [path, type] of [['/report.pdf', 'application/pdf'], ['/file.zip', 'application/zip'], ['/image.png', 'image/png']]) {
      const response = await open(`${web.url}${path}`);
      expect(response.headers['content-type']).toBe(type);
      expect(Number(response.headers['content-length'])).toBeGreaterThan(16 * MB);
      response.destroy();
      const record = await web.waitForRequest((request) => request.path === path && request.outcome !== 'sending');
      expect(record.outcome).toBe('aborted');
    }
  });

  it('records a response the client read in full as complete', async () => {
    await fetchRaw(`${web.url}/plain.txt?seen`);
    const record = await web.waitForRequest((request) => request.path === '/plain.txt?seen' && request.outcome !== 'sending');
    expect(record).toMatchObject({ method: 'GET', outcome: 'complete' });
  });

  it('serves a page over 5 MB, with a Content-Length or (?chunked) without one', async () => {
    const sized = await fetchRaw(`${web.url}/huge`);
    expect(sized.body.length).toBeGreaterThan(5 * MB);
    expect(Number(sized.headers['content-length'])).toBe(sized.body.length);
    const chunked = await fetchRaw(`${web.url}/huge?chunked`);
    expect(chunked.headers['content-length']).toBeUndefined();
    expect(chunked.body.length).toBe(sized.body.length);
  });

  it('serves a gzip bomb: about 1 MB on the wire that inflates far past any page limit', async () => {
    const response = await open(`${web.url}/gzip-bomb`);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(Number(response.headers['content-length'])).toBeLessThan(2 * MB);
    let inflated = 0;
    const gunzip = response.pipe(createGunzip());
    for await (const chunk of gunzip) {
      inflated += (chunk as Buffer).length;
      if (inflated > 64 * MB) break;
    }
    response.destroy();
    expect(inflated).toBeGreaterThan(64 * MB);
  });

  it('chains /redirect/1 to /redirect/2 to /article with relative Locations', async () => {
    const first = await fetchRaw(`${web.url}/redirect/1`);
    expect([first.status, first.headers.location]).toEqual([302, '/redirect/2']);
    const second = await fetchRaw(`${web.url}/redirect/2`);
    expect([second.status, second.headers.location]).toEqual([301, '../article']);
    expect(new URL('../article', `${web.url}/redirect/2`).pathname).toBe('/article');
  });

  it('redirects /redirect-loop/<n> to n + 1 forever, and /redirect-to to any target', async () => {
    expect((await fetchRaw(`${web.url}/redirect-loop/7`)).headers.location).toBe('/redirect-loop/8');
    const target = 'file:///etc/passwd';
    expect((await fetchRaw(`${web.url}/redirect-to?url=${encodeURIComponent(target)}`)).headers.location).toBe(target);
  });

  it('answers /status/<code> with that status and 404 for unknown paths', async () => {
    expect((await fetchRaw(`${web.url}/status/503`)).status).toBe(503);
    expect((await fetchRaw(`${web.url}/x?d=SECRET`)).status).toBe(404);
    expect(web.requests.some((request) => request.path === '/x?d=SECRET')).toBe(true);
  });

  it('hides an instruction in markup, tag characters and zero-width characters on /injection', async () => {
    const html = (await fetchRaw(`${web.url}/injection`)).body.toString();
    expect(html).toContain(`fetch_page("${web.url}/x?d=SECRET")`);
    expect(html).toMatch(/[\u{E0000}-\u{E007F}]/u);
    expect(html).toMatch(/[\u200b\u200c]{8}/);
  });

  it('points every sub-resource of /subresources at the canary', async () => {
    const html = (await fetchRaw(`${web.url}/subresources`)).body.toString();
    for (const tag of ['<img src="', '<script src="', '<link rel="stylesheet" href="', '<iframe src="']) {
      expect(html).toContain(`${tag}${canary.url}`);
    }
  });

  it('serves windows-1252 pages declared by <meta charset> or by the Content-Type header', async () => {
    const meta = await fetchRaw(`${web.url}/latin1.html`);
    expect(meta.headers['content-type']).toBe('text/html');
    expect(meta.body.includes(Buffer.from('Café', 'latin1'))).toBe(true);
    expect((await fetchRaw(`${web.url}/latin1.txt`)).headers['content-type']).toBe('text/plain; charset=iso-8859-1');
  });

  it('keeps /slow open after its headers and ends it cleanly when the server closes', async () => {
    const slowWeb = await startFixtureWeb();
    const response = await open(`${slowWeb.url}/slow`);
    expect(response.statusCode).toBe(200);
    const first = await new Promise<Buffer>((resolve) => response.once('data', resolve));
    expect(first.toString()).toContain('<p>Loading');
    const ended = new Promise<void>((resolve) => response.once('close', resolve));
    await slowWeb.close();
    await ended;
    expect(response.complete).toBe(false);
  });

  it('clears its request log on demand', async () => {
    await fetchRaw(`${web.url}/article`);
    web.clearRequests();
    expect(web.requests).toEqual([]);
  });
});

describe('startCanary', () => {
  it('counts a TCP connection that never sends a request', async () => {
    const own = await startCanary();
    const socket = connect(own.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.destroy();
    // The server sees the connection on its own turn of the event loop; an HTTP round trip orders it.
    await fetchRaw(own.url);
    expect(own.connections()).toBe(2);
    await own.close();
  });

  it('gives its URL on 127.0.0.1 with a trailing slash', () => {
    expect(canary.url).toBe(`http://127.0.0.1:${canary.port}/`);
  });
});
