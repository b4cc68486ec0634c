import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFixtureWeb, type FixtureWeb } from '@tauceti/mocks/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetch, type SafeFetch } from './safe-fetch.ts';

const MB = 1024 * 1024;
let web: FixtureWeb;
let safeFetch: SafeFetch;

beforeAll(async () => {
  web = await startFixtureWeb();
  safeFetch = createSafeFetch({ allowlist: ['127.0.0.2'] });
});
afterAll(async () => {
  await safeFetch.close();
  await web.close();
});

describe('safeFetch', () => {
  it('returns the final URL, status, MIME type, charset and body of a page', async () => {
    const page = await safeFetch(`${web.url}/article`);
    expect(page).toMatchObject({ url: `${web.url}/article`, status: 200, contentType: 'text/html', charset: 'utf-8', redirects: [] });
    expect(page.body.toString('utf8')).toContain('<article class="story">');
  });

  it('accepts plain text, Markdown and a charset it does not normalise', async () => {
    expect(await safeFetch(`${web.url}/plain.txt`)).toMatchObject({ contentType: 'text/plain', charset: 'utf-8' });
    expect(await safeFetch(`${web.url}/notes.md`)).toMatchObject({ contentType: 'text/markdown' });
    expect(await safeFetch(`${web.url}/latin1.txt`)).toMatchObject({ contentType: 'text/plain', charset: 'iso-8859-1' });
    expect(await safeFetch(`${web.url}/latin1.html`)).toMatchObject({ contentType: 'text/html', charset: null });
  });

  it('sends its user agent and the Accept header the caller asked for', async () => {
    const own = createSafeFetch({ allowlist: ['127.0.0.2'], userAgent: 'TauCeti-test/1' });
    await own(`${web.url}/plain.txt?ua`, { accept: 'text/plain' });
    const request = await web.waitForRequest((record) => record.path === '/plain.txt?ua');
    expect(request.headers).toMatchObject({ 'user-agent': 'TauCeti-test/1', accept: 'text/plain' });
    await own.close();
  });

  it.each([
    ['/report.pdf', 'application/pdf'],
    ['/file.zip', 'application/zip'],
    ['/image.png', 'image/png'],
  ])('refuses %s (%s) before reading its body', async (path, type) => {
    await expect(safeFetch(`${web.url}${path}`)).rejects.toMatchObject({
      kind: 'refused',
      reason: 'content_type',
      message: `fetch_page refused: content type ${type} is not a readable page`,
    });
    const request = await web.waitForRequest((record) => record.path === path && record.outcome !== 'sending');
    expect(request.outcome).toBe('aborted');
  });

  it('refuses a response that does not say what it is', async () => {
    await expect(safeFetch(`${web.url}/no-content-type`)).rejects.toMatchObject({ reason: 'content_type' });
  });

  it('refuses a 6 MB page by its Content-Length', async () => {
    await expect(safeFetch(`${web.url}/huge`)).rejects.toMatchObject({
      kind: 'failed',
      reason: 'too_large',
      message: 'fetch_page failed: the page is larger than 5 MB',
    });
  });

  it('refuses an oversized Content-Length at once, without waiting for the body', async () => {
    // Headers promise 100 MB and no body byte ever comes: reading would end at the deadline instead.
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': 100 * MB });
      response.flushHeaders();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    const { port } = server.address() as AddressInfo;
    await expect(safeFetch(`http://127.0.0.2:${port}/`)).rejects.toMatchObject({ reason: 'too_large' });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('stops reading a page without Content-Length once it passes the cap', async () => {
    await expect(safeFetch(`${web.url}/huge?chunked`)).rejects.toMatchObject({ reason: 'too_large' });
  });

  it('counts decompressed bytes, so a gzip bomb stops at the cap', async () => {
    const small = createSafeFetch({ allowlist: ['127.0.0.2'], maxBytes: 2 * MB });
    await expect(small(`${web.url}/gzip-bomb`)).rejects.toMatchObject({
      reason: 'too_large',
      message: 'fetch_page failed: the page is larger than 2 MB',
    });
    await small.close();
  });

  it('gives up on a page that trickles past the deadline', async () => {
    const impatient = createSafeFetch({ allowlist: ['127.0.0.2'], timeoutMs: 300 });
    await expect(impatient(`${web.url}/slow`)).rejects.toMatchObject({
      kind: 'failed',
      reason: 'timeout',
      message: 'fetch_page failed: no answer within 0.3 s',
    });
    await impatient.close();
  });

  it("passes the caller's abort on as it is, not as a fetch_page error", async () => {
    const controller = new AbortController();
    const pending = safeFetch(`${web.url}/slow`, { signal: controller.signal });
    await web.waitForRequest((record) => record.path === '/slow' && record.outcome === 'sending');
    controller.abort(new Error('the user pressed stop'));
    await expect(pending).rejects.toThrow('the user pressed stop');
  });

  it('names the status of a non-2xx answer', async () => {
    await expect(safeFetch(`${web.url}/status/404`)).rejects.toMatchObject({
      kind: 'failed',
      reason: 'http_status',
      message: 'fetch_page failed: the server answered 404 Not Found',
    });
    await expect(safeFetch(`${web.url}/status/503`)).rejects.toMatchObject({ message: expect.stringContaining('503') });
  });

  it('follows at most maxRedirects redirects', async () => {
    const strict = createSafeFetch({ allowlist: ['127.0.0.2'], maxRedirects: 1 });
    await expect(strict(`${web.url}/redirect/1`)).rejects.toMatchObject({ reason: 'too_many_redirects' });
    const enough = createSafeFetch({ allowlist: ['127.0.0.2'], maxRedirects: 2 });
    expect((await enough(`${web.url}/redirect/1`)).url).toBe(`${web.url}/article`);
    await Promise.all([strict.close(), enough.close()]);
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = await startFixtureWeb();
    const url = `${closed.url}/article`;
    await closed.close();
    await expect(safeFetch(url)).rejects.toMatchObject({ kind: 'failed', reason: 'unreachable', message: expect.stringContaining('refused the connection') });
  });
});
