/**
 * The mock ComfyUI server: `node:http` plus a `ws` WebSocketServer on `/ws`, the origin guard,
 * the request log, the "process" lifecycle (`down`/`up`) and the test-facing handle.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { ComfyProcess, type FreeRecord } from './comfy-process.ts';
import { FaultBook } from './faults.ts';
import { FileStore, type FolderType, type StoredFile } from './file-store.ts';
import { destroyedByMock, readBody, sendEmpty, sendHttpError, sendInternalError } from './http-util.ts';
import type { LoadedModel } from './model-residency.ts';
import { originForbidden } from './origin-guard.ts';
import { queueTuple } from './prompt-queue.ts';
import { pyJsonDumps, pyJsonLoads, toPlain } from './python-json.ts';
import { RequestLog, type ComfyRequestRecord } from './request-log.ts';
import type { MockState } from './route-context.ts';
import { resolveRoute, stripApiPrefix } from './routes.ts';
import { defaultScenario, type ComfyScenario } from './scenario.ts';
import { EventLog, type EmittedEvent, type WsConnectionRecord } from './ws-hub.ts';

export interface StartMockComfyuiOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** A copy is kept; change it later with `setScenario`. @default defaultScenario() */
  scenario?: ComfyScenario;
}

/** A queued or running prompt as `/queue` lists it (plain values). */
export interface QueueEntry {
  number: number;
  promptId: string;
  prompt: Record<string, unknown>;
  extraData: Record<string, unknown>;
  outputsToExecute: string[];
}

/** A running mock ComfyUI. */
export interface MockComfyui {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234` (routes also answer under `/api`). */
  readonly url: string;
  /** `ws://host:port/ws`; add `?clientId=…`. */
  readonly wsUrl: string;
  readonly port: number;
  /** The live scenario; mutating it takes effect on the next request or node. */
  readonly scenario: ComfyScenario;
  /** Replaces the scenario, resets fault `times` and what is in VRAM (to the `loaded` flags). Queue and history stay. */
  setScenario(scenario: ComfyScenario): void;
  /** Every HTTP request (and WebSocket upgrade) so far, oldest first; records update as exchanges go on. */
  readonly requests: readonly ComfyRequestRecord[];
  clearRequests(): void;
  /** Resolves with the first request (past or future) satisfying `predicate`. @default timeoutMs 5000 */
  waitForRequest(predicate: (record: ComfyRequestRecord) => boolean, timeoutMs?: number): Promise<ComfyRequestRecord>;
  /** Every event emitted, JSON and binary, with its target sid and how many sockets got it (last 50,000). */
  readonly events: readonly EmittedEvent[];
  /** Events emitted so far (each counted once). */
  readonly eventsEmitted: number;
  /** WebSocket frames written so far (one per receiving socket). */
  readonly framesSent: number;
  /** How many events of `type` (`progress`, `PREVIEW_IMAGE`…) were emitted. */
  eventCount(type: string): number;
  /** Resolves with the first event (past or future) satisfying `predicate`. @default timeoutMs 5000 */
  waitForEvent(predicate: (event: EmittedEvent) => boolean, timeoutMs?: number): Promise<EmittedEvent>;
  /** Every WebSocket connection accepted so far. */
  readonly connections: readonly WsConnectionRecord[];
  /** What `/queue` would list now. */
  readonly queue: { running: QueueEntry[]; pending: QueueEntry[] };
  /** Checkpoints in VRAM, least recently used first. */
  readonly loadedModels: LoadedModel[];
  /** Bytes of VRAM those take (what `/system_stats` subtracts). */
  readonly vramUsed: number;
  /** Every `POST /free` and when the worker applied it. */
  readonly freeRequests: readonly FreeRecord[];
  /** Resolves with the prompt's history entry (as `GET /history/{id}` gives it) once it finished. @default timeoutMs 10000 */
  waitForPrompt(promptId: string, timeoutMs?: number): Promise<Record<string, any>>;
  /** Resolves once `predicate` holds, re-checked whenever the mock's state changes. @default timeoutMs 5000 */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Resets (no close frame) the sockets of `clientId`, or all; returns how many. */
  dropWebSockets(clientId?: string): number;
  /** Files in `input/`, `output/`, `temp/`. */
  files(type?: FolderType): StoredFile[];
  /** Puts a file into a folder directly (an image a test wants LoadImage to find). */
  putFile(type: FolderType, filename: string, bytes: Buffer, subfolder?: string): void;
  /** The process dies: connections refused, sockets reset, the running job is lost. */
  down(): Promise<void>;
  /** ComfyUI starts again on the same port: empty queue, history, caches and VRAM; `input/` and `output/` kept, `temp/` emptied. */
  up(): Promise<void>;
  readonly isDown: boolean;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

/** Starts a mock ComfyUI on `host:port` serving `scenario`. */
export async function startMockComfyui(options: StartMockComfyuiOptions = {}): Promise<MockComfyui> {
  const { port = 0, host = '127.0.0.1' } = options;
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const check of [...waiters]) check();
  };
  const events = new EventLog();
  const state: MockState = {
    scenario: structuredClone(options.scenario ?? defaultScenario()),
    files: new FileStore(),
    faults: new FaultBook(),
    log: new RequestLog(),
    promptIdsSeen: new Set(),
    process: null,
    closing: false,
    changed,
  };
  const startProcess = () => {
    state.process = new ComfyProcess({ scenario: () => state.scenario, files: state.files, events, changed });
    state.process.start();
  };
  startProcess();

  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => void serve(req, res, state));
  server.on('upgrade', (req, socket, head) => upgrade(req, socket as Socket, head, state, wss));
  await listen(server, port, host);
  const boundPort = (server.address() as AddressInfo).port;
  const hostText = host.includes(':') ? `[${host}]` : host;
  let isDown = false;

  const waitFor = (predicate: () => boolean, timeoutMs: number, describe: () => string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Mock ComfyUI: ${describe()} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const stopProcess = async () => {
    const process = state.process;
    state.process = null;
    await process?.stop();
  };
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: `http://${hostText}:${boundPort}`,
    wsUrl: `ws://${hostText}:${boundPort}/ws`,
    port: boundPort,
    get scenario() {
      return state.scenario;
    },
    setScenario(scenario) {
      state.scenario = structuredClone(scenario);
      state.faults.reset();
      state.process?.residency.reset(state.scenario);
      changed();
    },
    get requests() {
      return state.log.records;
    },
    clearRequests() {
      state.log.clear();
    },
    waitForRequest(predicate, timeoutMs = 5000) {
      return state.log.waitFor(predicate, timeoutMs);
    },
    get events() {
      return events.events;
    },
    get eventsEmitted() {
      return events.eventsEmitted;
    },
    get framesSent() {
      return events.framesSent;
    },
    eventCount(type) {
      return events.counts.get(type) ?? 0;
    },
    async waitForEvent(predicate, timeoutMs = 5000) {
      let found: EmittedEvent | undefined;
      let checkedSeq = 0;
      await waitFor(
        () => {
          for (const event of events.events) {
            if (event.seq <= checkedSeq) continue;
            checkedSeq = event.seq;
            if (predicate(event)) {
              found = event;
              return true;
            }
          }
          return false;
        },
        timeoutMs,
        () => `no event matched (last ones: ${events.events.slice(-8).map((event) => event.type).join(', ') || 'none'})`,
      );
      return found!;
    },
    get connections() {
      return events.connections;
    },
    get queue() {
      const entry = (item: Parameters<typeof queueTuple>[0]): QueueEntry => {
        const [number, promptId, prompt, extraData, outputs] = toPlain(queueTuple(item)) as [number, string, Record<string, unknown>, Record<string, unknown>, string[]];
        return { number, promptId, prompt, extraData, outputsToExecute: outputs };
      };
      const queue = state.process?.queue;
      return { running: [...(queue?.running.values() ?? [])].map(entry), pending: (queue?.pending ?? []).map(entry) };
    },
    get loadedModels() {
      return state.process?.residency.list() ?? [];
    },
    get vramUsed() {
      return state.process?.residency.vramUsed() ?? 0;
    },
    get freeRequests() {
      return state.process?.freeLog ?? [];
    },
    async waitForPrompt(promptId, timeoutMs = 10_000) {
      await waitFor(() => state.process?.queue.history.has(promptId) === true, timeoutMs, () => `prompt ${promptId} did not finish`);
      // Exactly what GET /history/{id} sends, parsed back.
      return toPlain(pyJsonLoads(pyJsonDumps(state.process!.queue.history.get(promptId)))) as Record<string, any>;
    },
    waitFor(predicate, timeoutMs = 5000) {
      return waitFor(predicate, timeoutMs, () => 'the condition did not hold');
    },
    dropWebSockets(clientId) {
      return state.process?.hub.drop(clientId ?? null) ?? 0;
    },
    files(type) {
      return state.files.list(type);
    },
    putFile(type, filename, bytes, subfolder = '') {
      state.files.put(type, subfolder, filename, bytes);
    },
    async down() {
      if (isDown) return;
      isDown = true;
      await stopProcess();
      await closeServer();
    },
    async up() {
      if (!isDown) return;
      state.files.clearTemp();
      startProcess();
      await listen(server, boundPort, host);
      isDown = false;
    },
    get isDown() {
      return isDown;
    },
    async close() {
      state.closing = true;
      await stopProcess();
      wss.close();
      if (!isDown) await closeServer();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** aiohttp's `client_max_size` (`--max-upload-size` 100 MB). */
const MAX_BODY_BYTES = 104_857_600;

function logRequest(req: IncomingMessage, state: MockState, body: Buffer): ComfyRequestRecord {
  const url = new URL(req.url ?? '/', 'http://mock');
  const isMultipart = (req.headers['content-type'] ?? '').startsWith('multipart/');
  const rawBody = isMultipart ? '' : body.toString('utf8');
  let parsed: unknown = null;
  try {
    parsed = rawBody ? toPlain(pyJsonLoads(rawBody)) : null;
  } catch {
    parsed = null;
  }
  return state.log.add({
    method: req.method ?? 'GET',
    path: url.pathname,
    route: stripApiPrefix(url.pathname),
    query: url.search,
    headers: req.headers,
    rawBody,
    bodyBytes: body.length,
    body: parsed,
    receivedAt: Date.now(),
    clientAborted: false,
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, state: MockState): Promise<void> {
  const body = await readBody(req).catch(() => Buffer.alloc(0));
  const record = logRequest(req, state, body);
  const closed = new AbortController();
  res.on('close', () => {
    record.closedAt = Date.now();
    if (res.headersSent) record.status = res.statusCode;
    if (!res.writableFinished && !destroyedByMock.has(res) && !state.closing && state.process) record.clientAborted = true;
    closed.abort();
    state.log.changed();
  });
  const process = state.process;
  if (!process) return void res.socket?.destroy();
  if (originForbidden(req.headers)) return sendEmpty(res, 403);
  const url = new URL(req.url ?? '/', 'http://mock');
  const resolved = resolveRoute(record.method, decodePath(record.route));
  if ('status' in resolved) return sendHttpError(res, resolved.status, resolved.allow ? { Allow: resolved.allow } : {});
  if (body.length > MAX_BODY_BYTES) {
    return sendHttpError(res, 413, {}, `Maximum request body size ${MAX_BODY_BYTES} exceeded, actual body size ${body.length}`);
  }
  try {
    await resolved.handler({ req, res, record, url, params: resolved.params, body, state, process, headOnly: record.method === 'HEAD', signal: closed.signal });
  } catch (error) {
    console.error('mock ComfyUI: handler failed', error);
    sendInternalError(res);
  }
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `GET /ws` upgrades (also `/api/ws`), behind the same origin guard as every route. */
function upgrade(req: IncomingMessage, socket: Socket, head: Buffer, state: MockState, wss: WebSocketServer): void {
  const record = logRequest(req, state, Buffer.alloc(0));
  const url = new URL(req.url ?? '/', 'http://mock');
  const refuse = (status: string, text = '') => {
    record.status = Number(status.slice(0, 3));
    record.closedAt = Date.now();
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
    state.log.changed();
  };
  const process = state.process;
  if (!process) return void socket.destroy();
  if (originForbidden(req.headers)) return refuse('403 Forbidden');
  if (record.route !== '/ws') return refuse('404 Not Found', '404: Not Found');
  wss.handleUpgrade(req, socket, head, (ws) => {
    record.status = 101;
    state.log.changed();
    ws.on('close', () => {
      record.closedAt = Date.now();
      state.log.changed();
    });
    process.hub.accept(ws, url.searchParams.get('clientId') ?? '');
  });
}

