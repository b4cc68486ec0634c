import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { allowedHosts, hostNameOf } from './allowed-hosts.ts';
import { errorHandler } from './error-handler.ts';
import { createLogger } from './logger.ts';

function appAllowing(names: string[]) {
  const app = new Hono();
  app.onError(errorHandler(createLogger('silent')));
  app.use('*', allowedHosts({ names }));
  app.get('*', (c) => c.text('served'));
  return app;
}

const statusFor = async (host: string, names: string[] = []) =>
  (await appAllowing(names).request('/api/conversations', { headers: { host } })).status;

describe('allowedHosts', () => {
  it('serves loopback names and IP addresses, with or without a port', async () => {
    for (const host of ['localhost', 'LOCALHOST:8080', 'app.localhost:3000', '127.0.0.1:8080', '127.8.9.10', '[::1]:8080', '192.168.1.20:8080', '100.101.102.103', '[fd7a:115c:a1e0::1]']) {
      expect(await statusFor(host), host).toBe(200);
    }
  });

  it('refuses any other name with 421 and a message naming ALLOWED_HOSTS (DNS rebinding)', async () => {
    const response = await appAllowing([]).request('/', { headers: { host: 'evil.example:8080' } });
    expect(response.status).toBe(421);
    const body = (await response.json()) as { error: { message: string } };
    expect(body).toMatchObject({ error: { code: 'host_not_allowed' } });
    expect(body.error.message).toMatch(/"evil\.example".*ALLOWED_HOSTS/);
    for (const host of ['localhost.evil.example', '127.0.0.1.nip.io', 'tauceti.tail1234.ts.net', '2130706433']) {
      expect(await statusFor(host), host).toBe(421);
    }
  });

  it('serves the configured names, compared case-insensitively and without the port', async () => {
    const names = ['tauceti.tail1234.ts.net', 'Chat.Home.Arpa'];
    expect(await statusFor('TauCeti.Tail1234.ts.net', names)).toBe(200);
    expect(await statusFor('tauceti.tail1234.ts.net:443', names)).toBe(200);
    expect(await statusFor('chat.home.arpa.', names)).toBe(200);
    expect(await statusFor('other.tail1234.ts.net', names)).toBe(421);
  });

  it('answers 400 to a Host header that is not a host', async () => {
    for (const host of ['', 'a b', 'user@evil.example', 'evil.example:80:90', '[::1']) {
      expect(await statusFor(host), JSON.stringify(host)).toBe(400);
    }
  });

  it('judges an in-process request without a Host header by the host its URL names', async () => {
    expect((await appAllowing([]).request('http://localhost/x')).status).toBe(200);
    expect((await appAllowing([]).request('http://evil.example/x')).status).toBe(421);
  });
});

describe('hostNameOf', () => {
  it('lower-cases the name and drops the port and a trailing dot', () => {
    expect(hostNameOf('Evil.Example:8080')).toBe('evil.example');
    expect(hostNameOf('[::1]:80')).toBe('[::1]');
    expect(hostNameOf('localhost.')).toBe('localhost');
    expect(hostNameOf('a/b')).toBeNull();
  });
});
