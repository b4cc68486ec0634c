/**
 * Helpers for this folder's tests (not exported by the package): a recording WebSocket client
 * that can wait for a message, and small fetch wrappers.
 */
import { WebSocket } from 'ws';

/** A fetch Response whose `json()` is untyped, for terse assertions. */
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** One message the client received: a parsed JSON text frame or a raw binary frame. */
export type Received = { kind: 'json'; type: string; data: any } | { kind: 'binary'; bytes: Buffer };

export interface TestSocket {
  readonly ws: WebSocket;
  readonly messages: Received[];
  /** JSON messages only, as `{type, data}`. */
  readonly json: Array<{ type: string; data: any }>;
  readonly binary: Buffer[];
  /** Resolves with the first message (past or future) matching; rejects after `timeoutMs`. */
  waitFor(predicate: (message: Received) => boolean, timeoutMs?: number): Promise<Received>;
  /** Waits for a JSON message of `type` (and `data` test). */
  waitForJson(type: string, test?: (data: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Resolves when the socket has closed (by either side). */
  closed(): Promise<number>;
  close(): Promise<void>;
}

/** Opens `/ws?clientId=…` and records everything; with `featureFlags` sends them as the first message. */
export async function connect(wsUrl: string, options: { clientId?: string; featureFlags?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<TestSocket> {
  const url = options.clientId === undefined ? wsUrl : `${wsUrl}?clientId=${encodeURIComponent(options.clientId)}`;
  const ws = new WebSocket(url, { headers: options.headers });
  const messages: Received[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (raw, isBinary) => {
    const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
    if (isBinary) messages.push({ kind: 'binary', bytes: buffer });
    else {
      const parsed = JSON.parse(buffer.toString()) as { type: string; data: any };
      messages.push({ kind: 'json', type: parsed.type, data: parsed.data });
    }
    for (const check of [...waiters]) check();
  });
  const closedPromise = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (options.featureFlags) ws.send(JSON.stringify({ type: 'feature_flags', data: options.featureFlags }));
  const waitFor = (predicate: (message: Received) => boolean, timeoutMs = 5000) =>
    new Promise<Received>((resolve, reject) => {
      let index = 0;
      const check = () => {
        for (; index < messages.length; index++) {
          if (predicate(messages[index]!)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(messages[index]!);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const seen = messages.map((message) => (message.kind === 'json' ? message.type : 'binary')).slice(-10);
        reject(new Error(`No WebSocket message matched within ${timeoutMs} ms; last: ${seen.join(', ')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    ws,
    messages,
    get json() {
      return messages.filter((message) => message.kind === 'json').map(({ type, data }: any) => ({ type, data }));
    },
    get binary() {
      return messages.filter((message) => message.kind === 'binary').map((message: any) => message.bytes as Buffer);
    },
    waitFor,
    async waitForJson(type, test = () => true, timeoutMs = 5000) {
      const message = await waitFor((candidate) => candidate.kind === 'json' && candidate.type === type && test(candidate.data), timeoutMs);
      return (message as { data: any }).data;
    },
    closed: () => closedPromise,
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await closedPromise;
    },
  };
}

/** POSTs a JSON value (or a raw string body). */
export function post(url: string, body: unknown, init: RequestInit = {}): Promise<TestResponse> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

export function get(url: string, init: RequestInit = {}): Promise<TestResponse> {
  return fetch(url, init);
}

/** Queues a prompt and returns the parsed 200 answer (throws on anything else). */
export async function queuePrompt(baseUrl: string, body: Record<string, unknown>): Promise<{ prompt_id: string; number: number; node_errors: Record<string, unknown> }> {
  const res = await post(`${baseUrl}/prompt`, body);
  if (res.status !== 200) throw new Error(`POST /prompt answered ${res.status}: ${await res.text()}`);
  return res.json();
}
