import { describe, expect, it } from 'vitest';
import { useServer } from './support/use-server.ts';

const fixture = useServer();

describe('the web app as served by the server', () => {
  it('serves index.html at / and at app routes, under a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/status', '/c/0b6c7c1e-7b0e-4d8e-9a51-2f6f0d1c9e11']) {
      const response = await fetch(`${fixture.server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(await response.text()).toMatch(/<div id="app">/);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self';/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('names the first API calls in the page so the browser fetches them with the scripts', async () => {
    const id = '0b6c7c1e-7b0e-4d8e-9a51-2f6f0d1c9e11';
    const html = await (await fetch(`${fixture.server.url}/c/${id}`)).text();
    expect(html).toContain(`<link rel="preload" href="/api/conversations/${id}" as="fetch" crossorigin="anonymous">`);
    expect(html).toContain('<link rel="preload" href="/api/models" as="fetch" crossorigin="anonymous">');
    const hostile = await (await fetch(`${fixture.server.url}/c/%22%3E%3Cscript%3E`)).text();
    expect(hostile).not.toContain('<script>');
  });

  it('serves hashed assets as immutable and never lists a directory', async () => {
    const html = await (await fetch(fixture.server.url)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${fixture.server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    const directory = await fetch(`${fixture.server.url}/assets/`);
    expect(directory.headers.get('content-type')).toMatch(/text\/html/);
  });
});
