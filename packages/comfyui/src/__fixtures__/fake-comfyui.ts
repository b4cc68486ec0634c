/**
 * A tiny scriptable ComfyUI for this package's unit tests: node:http plus a ws WebSocketServer on
 * one port. By default it keeps a queue and a history like the real one; a test replaces any route
 * with `handle('POST /prompt', …)` and pushes WebSocket frames itself. Waiting is on events
 * (`waitForRequest`, `waitForSocket`), never on sleeps.
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  method: string;
  /** Without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON when it was JSON, else the raw text. */
  body: unknown;
  raw: Buffer;
}

/** What a handler answers: a reply, or `hang` (never answer) / `drop` (destroy the connection). */
export type FakeReply = { status?: number; json?: unknown; body?: Buffer | string; headers?: Record<string, string> } | 'hang' | 'drop';
export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** A queue tuple as ComfyUI keeps it: `[number, prompt_id, graph, extra_data, outputs]`. */
export type QueueItem = [number, string, unknown, Record<string, unknown>, string[]];

export interface FakeComfyui {
  url: string;
  requests: RecordedRequest[];
  state: { running: QueueItem[]; pending: QueueItem[]; history: Record<string, unknown>; nextNumber: number };
  /** Replaces the route `METHOD /path` (`GET /history/*` matches every history id). */
  handle(route: string, handler: FakeHandler): void;
  waitForRequest(test: (request: RecordedRequest) => boolean): Promise<RecordedRequest>;
  /** Resolves with the next socket to connect, or one already connected and not yet taken. */
  waitForSocket(): Promise<FakeSocket>;
  /** Sends a JSON event to every open socket. */
  broadcast(type: string, data: unknown): void;
  /** Moves a pending prompt to running. */
  start(promptId: string): void;
  /** Writes a history entry for a prompt and drops it from the queue. */
  finish(promptId: string, entry: { outputs?: Record<string, unknown>; status?: 'success' | 'error'; messages?: unknown[] }): void;
  /** Whether new WebSocket connections are refused (answered 503). */
  refuseSockets: boolean;
  close(): Promise<void>;
}

export interface FakeSocket {
  url: string;
  /** Messages the client sent, parsed. */
  received: unknown[];
  nextMessage(): Promise<unknown>;
  send(type: string, data: unknown): void;
  sendBinary(bytes: Uint8Array): void;
  /** Drops the connection without a close handshake. */
  terminate(): void;
}

export async function startFakeComfyui(): Promise<FakeComfyui> {
  const emitter = new EventEmitter();
  const requests: RecordedRequest[] = [];
  const handlers = new Map<string, FakeHandler>();
  const state: FakeComfyui['state'] = { running: [], pending: [], history: {}, nextNumber: 0 };
  const connections = new Set<Socket>();
  const sockets = new Set<WebSocket>();
  const untaken: FakeSocket[] = [];

  const defaults: Record<string, FakeHandler> = {
    'POST /prompt': ({ body }) => {
      const request = body as { prompt: unknown; client_id?: string; prompt_id?: string };
      const promptId = request.prompt_id ?? crypto.randomUUID();
      const number = state.nextNumber++;
      state.pending.push([number, promptId, request.prompt, { client_id: request.client_id }, ['9']]);
      return { json: { prompt_id: promptId, number, node_errors: {} } };
    },
    'GET /queue': () => ({ json: { queue_running: state.running, queue_pending: state.pending } }),
    'GET /history/*': ({ path }) => {
      const id = decodeURIComponent(path.slice('/history/'.length));
      return { json: id in state.history ? { [id]: state.history[id] } : {} };
    },
    'POST /queue': ({ body }) => {
      const remove = new Set((body as { delete?: string[] }).delete ?? []);
      state.pending = state.pending.filter((item) => !remove.has(item[1]));
      return { status: 200 };
    },
    'POST /interrupt': () => ({ status: 200 }),
    'POST /free': () => ({ status: 200 }),
  };

  const server = createServer((req, res) => void answer(req, res));
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true });
  const fake: FakeComfyui = {
    url: '',
    requests,
    state,
    refuseSockets: false,
    handle: (route, handler) => void handlers.set(route, handler),
    waitForRequest(test) {
      const seen = requests.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const listener = (request: RecordedRequest) => {
          if (!test(request)) return;
          emitter.off('request', listener);
          resolve(request);
        };
        emitter.on('request', listener);
      });
    },
    async waitForSocket() {
      const waiting = untaken.shift();
      if (waiting) return waiting;
      const [socket] = (await once(emitter, 'socket')) as [FakeSocket];
      untaken.splice(untaken.indexOf(socket), 1);
      return socket;
    },
    broadcast(type, data) {
      for (const socket of sockets) socket.send(JSON.stringify({ type, data }));
    },
    start(promptId) {
      const index = state.pending.findIndex((item) => item[1] === promptId);
      const [item] = state.pending.splice(index, 1);
      if (item) state.running.push(item);
    },
    finish(promptId, entry) {
      const item = [...state.running, ...state.pending].find((candidate) => candidate[1] === promptId);
      state.running = state.running.filter((candidate) => candidate[1] !== promptId);
      state.pending = state.pending.filter((candidate) => candidate[1] !== promptId);
      state.history[promptId] = {
        prompt: item ?? [0, promptId, {}, {}, ['9']],
        outputs: entry.outputs ?? {},
        status: { status_str: entry.status ?? 'success', completed: entry.status !== 'error', messages: entry.messages ?? [] },
        meta: {},
      };
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      for (const connection of connections) connection.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  server.on('upgrade', (req, socket, head) => {
    if (fake.refuseSockets || !req.url?.startsWith('/ws')) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const messages = new EventEmitter();
      const received: unknown[] = [];
      const inbox: unknown[] = [];
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as unknown;
        received.push(message);
        inbox.push(message);
        messages.emit('message');
      });
      ws.on('close', () => sockets.delete(ws));
      const fakeSocket: FakeSocket = {
        url: req.url ?? '',
        received,
        async nextMessage() {
          if (inbox.length === 0) await once(messages, 'message');
          return inbox.shift();
        },
        send: (type, data) => ws.send(JSON.stringify({ type, data })),
        sendBinary: (bytes) => ws.send(bytes, { binary: true }),
        terminate: () => ws.terminate(),
      };
      untaken.push(fakeSocket);
      emitter.emit('socket', fakeSocket);
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = raw.toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // multipart or plain text: kept raw
    }
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, raw };
    requests.push(request);
    emitter.emit('request', request);
    const route = `${request.method} ${request.path}`;
    const wildcard = `${request.method} ${request.path.replace(/\/[^/]+$/, '/*')}`;
    const handler = handlers.get(route) ?? handlers.get(wildcard) ?? defaults[route] ?? defaults[wildcard];
    const reply: FakeReply = handler ? await handler(request) : { status: 404, body: '404: Not Found' };
    if (reply === 'hang') return;
    if (reply === 'drop') {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...reply.headers };
    let payload: Buffer | string = reply.body ?? '';
    if (reply.json !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      payload = JSON.stringify(reply.json);
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
