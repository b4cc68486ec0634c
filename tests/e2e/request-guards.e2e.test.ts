import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import OpenAI, { BadRequestError } from 'openai';
import { describe, expect, it } from 'vitest';
import { collectUiStream, textOf } from './support/ui-stream.ts';
import { useServer } from './support/use-server.ts';

const TAILNET_NAME = 'tauceti.tail1234.ts.net';
const fixture = useServer({ env: { ALLOWED_HOSTS: TAILNET_NAME } });

const json = { 'content-type': 'application/json' };
const completion = { model: 'llama3.2:latest', messages: [{ role: 'user', content: 'Say hi' }] };
const openai = () => new OpenAI({ baseURL: `${fixture.server.url}/v1`, apiKey: 'not-needed', maxRetries: 0 });

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...headerLines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  let body = text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    for (let at = 0; ; ) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = Number.parseInt(body.slice(at, lineEnd), 16);
      if (!size) break;
      decoded += body.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    body = decoded;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

/** A TCP connection to the server, for what fetch cannot express: a forged Host, no Host, a cut-off body. */
function openSocket(): Promise<{ socket: Socket; response: Promise<RawResponse> }> {
  const { hostname, port } = new URL(fixture.server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      let received = '';
      const response = new Promise<RawResponse>((done) => {
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
        // The server closes the connection after each answer here (Connection: close), or we cut it.
        socket.on('close', () => done(parseResponse(received)));
      });
      // Writes after the server answered and closed fail with EPIPE/ECONNRESET: expected.
      socket.on('error', () => {});
      resolve({ socket, response });
    });
    socket.once('error', reject);
  });
}

async function rawRequest(head: string, body = ''): Promise<RawResponse> {
  const { socket, response } = await openSocket();
  socket.write(`${head}\r\n\r\n${body}`);
  return response;
}

/** Resolves once the server has logged one more line matching `pattern` than it had so far. */
function nextServerLog(pattern: RegExp): Promise<void> {
  const count = () => fixture.server.output().match(new RegExp(pattern, 'g'))?.length ?? 0;
  const before = count();
  return new Promise((resolve) => {
    const check = () => {
      if (count() === before) return;
      fixture.server.child.stderr?.off('data', check);
      resolve();
    };
    fixture.server.child.stderr?.on('data', check);
  });
}

describe('cross-site requests (CSRF)', () => {
  it('refuses a chat completion posted as text/plain from another site, and such a body even without an Origin', async () => {
    const fromEvil = await fetch(`${fixture.server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify(completion),
    });
    expect(fromEvil.status).toBe(403);
    expect(await fromEvil.json()).toEqual({ error: { message: expect.stringMatching(/Cross-site requests are refused/), type: 'invalid_request_error', param: null, code: 'forbidden' } });

    const plain = await fetch(`${fixture.server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(completion) });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'unsupported_media_type', message: expect.stringMatching(/application\/json/) } });
    expect(fixture.mock.requests.some((request) => request.path === '/api/chat')).toBe(false);
  });

  it('refuses every kind of change from another site: stop, rename, delete, upload, chat', async () => {
    const chunks = await collectUiStream(await fixture.client.ask('keep me'));
    const id = (chunks[0]?.data as { id: string }).id;
    const at = (path: string) => `${fixture.server.url}${path}`;
    const refused = await Promise.all([
      fetch(at(`/api/conversations/${id}/stop`), { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } }),
      fetch(at(`/api/conversations/${id}`), { method: 'PATCH', headers: { ...json, origin: 'http://evil.example' }, body: JSON.stringify({ title: 'pwned' }) }),
      fetch(at(`/api/conversations/${id}`), { method: 'DELETE', headers: { origin: 'null' } }),
      fetch(at('/api/uploads'), { method: 'POST', headers: { 'sec-fetch-site': 'same-site' }, body: new FormData() }),
      fetch(at('/api/chat'), { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{}' }),
    ]);
    for (const response of refused) {
      expect(response.status, response.url).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await fixture.client.conversation(id)).title).not.toBe('pwned');
  });

  it('still accepts changes whose Origin is the server itself, as the web app sends them', async () => {
    const ownPage = { origin: fixture.server.url, 'sec-fetch-site': 'same-origin' };
    const chat = await fetch(`${fixture.server.url}/api/chat`, {
      method: 'POST',
      headers: { ...json, ...ownPage },
      body: JSON.stringify({ model: 'llama3.2:latest', trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text: 'hello', attachmentIds: [] } }),
    });
    expect(chat.status).toBe(200);
    expect(textOf(await collectUiStream(chat)).length).toBeGreaterThan(0);
    const openAi = await fetch(`${fixture.server.url}/v1/chat/completions`, { method: 'POST', headers: { ...json, ...ownPage }, body: JSON.stringify(completion) });
    expect(openAi.status).toBe(200);
  });

  it('accepts a change through Tailscale Serve, whose Origin is the tailnet name', async () => {
    const body = JSON.stringify(completion);
    const response = await rawRequest(
      [
        'POST /v1/chat/completions HTTP/1.1',
        `Host: ${TAILNET_NAME}`,
        `X-Forwarded-Host: ${TAILNET_NAME}`,
        'X-Forwarded-Proto: https',
        `Origin: https://${TAILNET_NAME}`,
        'Sec-Fetch-Site: same-origin',
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
      ].join('\r\n'),
      body,
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ object: 'chat.completion' });
  });
});

describe('DNS rebinding', () => {
  it('refuses a Host it does not know, for the API and the web app alike, with a message naming ALLOWED_HOSTS', async () => {
    await collectUiStream(await fixture.client.ask('a private conversation'));
    for (const path of ['/api/conversations', '/', '/assets/missing.js', '/healthz']) {
      const response = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close`);
      expect(response.status, path).toBe(421);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'host_not_allowed', message: expect.stringMatching(/"evil\.example".*ALLOWED_HOSTS/) } });
      expect(response.body).not.toContain('a private conversation');
    }
  });

  it('serves loopback names, IP addresses and the names in ALLOWED_HOSTS, in any letter case', async () => {
    for (const host of ['localhost:8080', '127.0.0.1', 'TauCeti.Tail1234.ts.net', '[::1]:8080', '100.64.1.2']) {
      const response = await rawRequest(`GET /api/conversations HTTP/1.1\r\nHost: ${host}\r\nConnection: close`);
      expect(response.status, host).toBe(200);
    }
  });

  it('answers 400 to a request without a Host header', async () => {
    expect((await rawRequest('GET /api/conversations HTTP/1.0')).status).toBe(400);
    expect((await rawRequest('GET /api/conversations HTTP/1.1\r\nConnection: close')).status).toBe(400);
  });
});

describe('bodies of the OpenAI-compatible API', () => {
  const OVER_LIMIT = 16 * 1024 * 1024 + 1;

  it('refuses a declared body over 16 MB with 413 before reading it, and closes the connection', async () => {
    // Only the head is sent: the answer cannot depend on reading the body.
    const response = await rawRequest(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${OVER_LIMIT}`,
    );
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(JSON.parse(response.body)).toEqual({ error: { message: expect.stringMatching(/16 MB/), type: 'invalid_request_error', param: null, code: 'payload_too_large' } });
  });

  it('refuses a chunked body with 413 as soon as it grows past 16 MB', async () => {
    const { socket, response } = await openSocket();
    socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    const megabyte = Buffer.alloc(1024 * 1024, 'x');
    const chunk = Buffer.concat([Buffer.from(`${megabyte.length.toString(16)}\r\n`), megabyte, Buffer.from('\r\n')]);
    let answered = false;
    socket.once('data', () => (answered = true));
    // One megabyte at a time, each once the last is flushed, until the server answers (or hangs up).
    for (let sent = 0; sent < 2 * OVER_LIMIT && !answered && !socket.destroyed; sent += megabyte.length) {
      await new Promise<void>((resolve) => socket.write(chunk, () => resolve()));
    }
    const answer = await response;
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect((await fetch(`${fixture.server.url}/healthz`)).status).toBe(200);
  });
});

describe('client mistakes answered as 4xx, not 500', () => {
  it('answers 400 to a chat completion with only system and developer messages', async () => {
    const call = openai().chat.completions.create({ model: 'llama3.2:latest', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'developer', content: 'Be kind.' }] });
    await expect(call).rejects.toBeInstanceOf(BadRequestError);
    await expect(call).rejects.toThrow(/at least one user message/i);
    expect(fixture.mock.requests.some((request) => request.path === '/api/chat')).toBe(false);
  });

  it('answers 400 to an upload without a multipart boundary or with the wrong one', async () => {
    const body = '--right\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nx\r\n--right--\r\n';
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=wrong']) {
      const response = await fetch(`${fixture.server.url}/api/uploads`, { method: 'POST', headers: { 'content-type': type }, body });
      expect(response.status, type).toBe(400);
      expect((await response.json()).error.message).toMatch(/boundary/);
    }
  });

  it('logs a client that hangs up mid-body as such, never as a server failure', async () => {
    const cases = [
      ['/api/chat', 'application/json'],
      ['/v1/chat/completions', 'application/json'],
      ['/api/uploads', 'multipart/form-data; boundary=b'],
    ] as const;
    for (const [path, type] of cases) {
      for (const framing of ['Transfer-Encoding: chunked', 'Content-Length: 1000']) {
        const logged = nextServerLog(new RegExp(`the client closed the connection while sending the request method="POST" path="${path}"`));
        const { socket } = await openSocket();
        const start = framing.startsWith('Transfer') ? '5\r\n{"a":\r\n' : '{"a":';
        socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\n${framing}\r\n\r\n${start}`, () => socket.destroy());
        await logged;
      }
    }
    expect((await fetch(`${fixture.server.url}/healthz`)).status).toBe(200);
    expect(fixture.server.output()).not.toMatch(/request failed|status=500/);
  });
});
