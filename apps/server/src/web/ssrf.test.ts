/**
 * The SSRF suite (SECURITY.md T1, T2): a canary on 127.0.0.1 counts TCP connections and must
 * receive none; the fixture web on 127.0.0.2 stands in for the public internet, opened for these
 * tests only through `allowlist: ['127.0.0.2']`.
 */
import { startCanary, startFixtureWeb, type Canary, type FixtureWeb } from '@tauceti/mocks/web';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetch, type SafeFetch } from './safe-fetch.ts';
import { pokeCanary, stubLookup } from './test-utils.ts';

let canary: Canary;
let web: FixtureWeb;
let safeFetch: SafeFetch;
let pokes = 0;
const lookup = stubLookup({
  'evil.test': ['10.0.0.5'],
  'mixed.test': ['93.184.216.34', '10.0.0.5'],
  'loop.test': ['127.0.0.1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'metadata.test': ['169.254.169.254'],
  'tailnet.test': ['100.101.102.103', 'fd7a:115c:a1e0::1'],
});

beforeAll(async () => {
  canary = await startCanary();
  web = await startFixtureWeb({ canaryUrl: canary.url });
  safeFetch = createSafeFetch({ allowlist: ['127.0.0.2'], lookup });
});
afterAll(async () => {
  await safeFetch.close();
  await web.close();
  await canary.close();
});
afterEach(async () => {
  await pokeCanary(canary);
  pokes++;
  expect(canary.connections(), 'connections that reached the canary').toBe(pokes);
});

const refusal = (reason: string, message: string | RegExp) => ({
  name: 'FetchPageError',
  kind: 'refused',
  reason,
  message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
});

describe('safeFetch refuses the SECURITY.md T1 list before any socket opens', () => {
  const port = () => canary.port;
  const cases: Array<[string, () => string, string, string]> = [
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', 'private_address', '(169.254.169.254)'],
    ['loopback on the canary port', () => `http://127.0.0.1:${port()}/`, 'private_address', '(127.0.0.1)'],
    ['localhost on the canary port', () => `http://localhost:${port()}/`, 'host_name', 'localhost is a local or internal host name'],
    ['IPv6 loopback', () => 'http://[::1]/', 'private_address', '(::1)'],
    ['0.0.0.0', () => 'http://0.0.0.0/', 'private_address', '(0.0.0.0)'],
    ['the IPv6 unspecified address', () => 'http://[::]/', 'private_address', '(::)'],
    ['10/8', () => 'http://10.0.0.5/', 'private_address', '(10.0.0.5)'],
    ['192.168/16', () => 'http://192.168.1.1/', 'private_address', '(192.168.1.1)'],
    ['172.16/12', () => 'http://172.16.0.1/', 'private_address', '(172.16.0.1)'],
    ['the Tailscale resolver', () => 'http://100.100.100.100/', 'private_address', '(100.100.100.100)'],
    ['CGNAT 100.64/10', () => 'http://100.64.0.1/', 'private_address', '(100.64.0.1)'],
    ['a tailnet IPv6 address', () => 'http://[fd7a:115c:a1e0::1]/', 'private_address', '(fd7a:115c:a1e0::1)'],
    ['IPv4-mapped loopback, dotted', () => 'http://[::ffff:127.0.0.1]/', 'private_address', 'private/loopback'],
    ['IPv4-mapped loopback, hex', () => 'http://[::ffff:7f00:1]/', 'private_address', 'private/loopback'],
    ['decimal loopback', () => 'http://2130706433/', 'private_address', '(127.0.0.1)'],
    ['hex loopback', () => 'http://0x7f000001/', 'private_address', '(127.0.0.1)'],
    ['octal loopback', () => 'http://0177.0.0.1/', 'private_address', '(127.0.0.1)'],
    ['short loopback', () => 'http://127.1/', 'private_address', '(127.0.0.1)'],
    ['NAT64 of the metadata address', () => 'http://[64:ff9b::a9fe:a9fe]/', 'private_address', '(64:ff9b::a9fe:a9fe)'],
    ['6to4 of loopback', () => 'http://[2002:7f00:1::]/', 'private_address', '(2002:7f00:1::)'],
    ['a backslash parser differential', () => 'http://127.0.0.1\\@1.1.1.1/', 'malformed_url', 'backslash'],
    ['credentials', () => 'http://user:pw@example.com/', 'credentials', 'user name or password'],
    ['file:', () => 'file:///etc/passwd', 'scheme', 'not file'],
    ['gopher:', () => 'gopher://x', 'scheme', 'not gopher'],
    ['data:', () => 'data:text/html,x', 'scheme', 'not data'],
    ['ftp:', () => 'ftp://x', 'scheme', 'not ftp'],
    ["Ollama's port on a public name", () => 'http://example.com:11434/', 'port', 'port 11434 is not allowed'],
    ['mDNS names', () => 'http://nas.local/', 'host_name', 'nas.local'],
    ['tailnet names', () => 'http://box.tailnet.ts.net/', 'host_name', 'box.tailnet.ts.net'],
  ];

  it.each(cases)('refuses %s', async (_label, url, reason, message) => {
    await expect(safeFetch(url())).rejects.toMatchObject(refusal(reason, message));
  });

  it.each([
    ['decimal', (p: number) => `http://2130706433:${p}/`],
    ['hex', (p: number) => `http://0x7f000001:${p}/`],
    ['octal', (p: number) => `http://0177.0.0.1:${p}/`],
    ['short', (p: number) => `http://127.1:${p}/`],
    ['IPv4-mapped dotted', (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['IPv4-mapped hex', (p: number) => `http://[::ffff:7f00:1]:${p}/`],
    ['IPv4-mapped in full', (p: number) => `http://[0:0:0:0:0:ffff:7f00:1]:${p}/`],
    ['IPv4-compatible', (p: number) => `http://[::7f00:1]:${p}/`],
  ])('refuses the %s spelling of loopback on the canary port', async (_label, url) => {
    await expect(safeFetch(url(canary.port))).rejects.toMatchObject(refusal('private_address', 'private/loopback'));
  });

  it('never asks the resolver about an IP literal', async () => {
    const before = lookup.calls.length;
    await expect(safeFetch(`http://127.0.0.1:${canary.port}/`)).rejects.toThrow();
    await expect(safeFetch('http://[::ffff:7f00:1]/')).rejects.toThrow();
    expect(lookup.calls.length).toBe(before);
  });

  it('refuses whitespace and control characters in the raw URL', async () => {
    for (const url of ['http://example.com/ a', 'http://exa\tmple.com/', 'http://example.com/\n', 'http://exam\u0000ple.com/']) {
      await expect(safeFetch(url)).rejects.toMatchObject(refusal('malformed_url', 'control characters'));
    }
  });

  it('refuses dotless and internal names', async () => {
    for (const host of ['intranet', 'printer.lan', 'router.home.arpa', 'db.internal', 'app.localhost', 'localhost.']) {
      await expect(safeFetch(`http://${host}/`)).rejects.toMatchObject(refusal('host_name', 'local or internal host name'));
    }
  });
});

describe('safeFetch checks every address a name resolves to, at connect time', () => {
  it('refuses a name that resolves to a private address', async () => {
    await expect(safeFetch('http://evil.test/')).rejects.toMatchObject(
      refusal('private_address', 'fetch_page refused: destination resolves to a private/loopback address (10.0.0.5)'),
    );
    expect(lookup.calls).toContain('evil.test');
  });

  it('refuses a mixed answer of a public and a private address', async () => {
    await expect(safeFetch('http://mixed.test/')).rejects.toMatchObject(refusal('private_address', '(10.0.0.5)'));
  });

  it('refuses names that resolve to loopback, IPv4-mapped loopback, metadata or tailnet addresses', async () => {
    await expect(safeFetch('http://loop.test/')).rejects.toMatchObject(refusal('private_address', '(127.0.0.1)'));
    await expect(safeFetch('http://mapped.test/')).rejects.toMatchObject(refusal('private_address', '(::ffff:127.0.0.1)'));
    await expect(safeFetch('http://metadata.test/latest/')).rejects.toMatchObject(refusal('private_address', '(169.254.169.254)'));
    await expect(safeFetch('http://tailnet.test/')).rejects.toMatchObject(refusal('private_address', 'private/loopback'));
  });

  it('refuses a name resolving to 127.0.0.1 pointed at the canary port', async () => {
    await expect(safeFetch(`http://loop.test:${canary.port}/`)).rejects.toMatchObject(refusal('port', `port ${canary.port}`));
  });

  it('reports a name that does not resolve as a failure, not a refusal', async () => {
    await expect(safeFetch('http://nowhere.test/')).rejects.toMatchObject({
      kind: 'failed',
      reason: 'unreachable',
      message: 'fetch_page failed: the host nowhere.test was not found',
    });
  });
});

describe('safeFetch re-checks every redirect hop', () => {
  const via = (target: string) => `${web.url}/redirect-to?url=${encodeURIComponent(target)}`;

  it('refuses a redirect to the canary', async () => {
    const target = `http://127.0.0.1:${canary.port}/`;
    await expect(safeFetch(via(target))).rejects.toMatchObject(
      refusal('private_address', `the page redirected to ${target}; destination is a private/loopback address (127.0.0.1)`),
    );
  });

  it('refuses a redirect to a file: URL', async () => {
    await expect(safeFetch(via('file:///etc/passwd'))).rejects.toMatchObject(refusal('scheme', 'redirected to file:///etc/passwd'));
  });

  it('refuses redirects to IPv4-mapped loopback and to a name resolving to a private address', async () => {
    await expect(safeFetch(via(`http://[::ffff:7f00:1]:${canary.port}/`))).rejects.toMatchObject(refusal('private_address', 'redirected'));
    await expect(safeFetch(via('http://evil.test/'))).rejects.toMatchObject(refusal('private_address', '(10.0.0.5)'));
    await expect(safeFetch(via(`http://localhost:${canary.port}/`))).rejects.toMatchObject(refusal('host_name', 'localhost'));
  });

  it('stops a chain of six redirects with "too many redirects"', async () => {
    await expect(safeFetch(`${web.url}/redirect-loop/0`)).rejects.toMatchObject({
      kind: 'failed',
      reason: 'too_many_redirects',
      message: expect.stringContaining('too many redirects'),
    });
    const hops = web.requests.filter((request) => request.path.startsWith('/redirect-loop/'));
    expect(hops.map((request) => request.path)).toEqual([0, 1, 2, 3, 4, 5].map((n) => `/redirect-loop/${n}`));
  });

  it('follows relative redirects on the same host', async () => {
    const page = await safeFetch(`${web.url}/redirect/1`);
    expect(page).toMatchObject({ url: `${web.url}/article`, status: 200, contentType: 'text/html' });
    expect(page.redirects).toEqual([`${web.url}/redirect/1`, `${web.url}/redirect/2`]);
  });
});

describe('the canary harness', () => {
  it('counts a connection that does reach the canary (negative control)', async () => {
    const open = createSafeFetch({ allowlist: ['127.0.0.1'] });
    expect((await open(canary.url)).status).toBe(200);
    await open.close();
    pokes++; // expected by afterEach: this one connection is the point of the test
  });
});

describe('the default policy', () => {
  it('refuses 127.0.0.2 when it is not allowlisted, and the fixture sees nothing', async () => {
    const strict = createSafeFetch({ lookup });
    web.clearRequests();
    await expect(strict(`${web.url}/article`)).rejects.toMatchObject(refusal('private_address', '(127.0.0.2)'));
    await expect(strict(`http://[::ffff:127.0.0.2]:${web.port}/article`)).rejects.toMatchObject(refusal('private_address', 'private/loopback'));
    expect(web.requests).toEqual([]);
    await strict.close();
  });

  it('opens an allowlisted host name or CIDR range on any port, and nothing beside it', async () => {
    const byName = createSafeFetch({ allowlist: ['fixture.test'], lookup: stubLookup({ 'fixture.test': ['127.0.0.2'] }) });
    expect((await byName(`http://fixture.test:${web.port}/plain.txt`)).status).toBe(200);
    await expect(byName(`${web.url}/plain.txt`)).rejects.toMatchObject(refusal('private_address', '(127.0.0.2)'));
    await byName.close();

    const byRange = createSafeFetch({ allowlist: ['127.0.0.2/32'], lookup });
    expect((await byRange(`${web.url}/plain.txt`)).status).toBe(200);
    await expect(byRange(`http://127.0.0.3:${web.port}/`)).rejects.toMatchObject(refusal('private_address', '(127.0.0.3)'));
    await byRange.close();
  });
});
