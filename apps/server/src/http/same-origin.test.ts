import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.ts';
import { createLogger } from './logger.ts';
import { sameOrigin } from './same-origin.ts';

const app = new Hono();
app.onError(errorHandler(createLogger('silent')));
app.use('*', sameOrigin());
app.all('*', (c) => c.text('done'));

const send = (method: string, headers: Record<string, string>, path = '/api/conversations/x/stop') =>
  app.request(path, { method, headers: { host: '127.0.0.1:8080', ...headers } });

describe('sameOrigin', () => {
  it('refuses a change the browser marks as cross-site or same-site with 403', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const response = await send('POST', { 'sec-fetch-site': site });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining(`Sec-Fetch-Site: ${site}`) } });
    }
  });

  it('refuses every kind of change from a foreign or null Origin', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await send(method, { origin: 'http://evil.example' })).status, method).toBe(403);
    }
    expect((await send('POST', { origin: 'null' })).status).toBe(403);
    expect((await send('POST', { origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await send('POST', { origin: 'not a url' })).status).toBe(403);
  });

  it('lets through changes from the page\'s own origin, and programs that send no Origin', async () => {
    expect((await send('POST', { origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await send('DELETE', { origin: 'http://127.0.0.1:8080' })).status).toBe(200);
    expect((await send('POST', {})).status).toBe(200);
    expect((await send('POST', { 'sec-fetch-site': 'none' })).status).toBe(200);
  });

  it('compares the Origin with X-Forwarded-Host behind Tailscale Serve, case-insensitively', async () => {
    const served = { origin: 'https://tauceti.tail1234.ts.net', 'x-forwarded-host': 'TauCeti.tail1234.ts.net' };
    expect((await send('POST', served)).status).toBe(200);
  });

  it('leaves reads alone: the browser keeps their answers from the other site', async () => {
    expect((await send('GET', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }, '/api/conversations')).status).toBe(200);
  });

  it('answers /v1 paths in OpenAI\'s error shape', async () => {
    const response = await send('POST', { origin: 'http://evil.example' }, '/v1/chat/completions');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { message: expect.stringMatching(/Cross-site requests are refused/), type: 'invalid_request_error', param: null, code: 'forbidden' },
    });
  });
});
