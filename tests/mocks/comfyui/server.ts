/**
 * The mock ComfyUI server: `node:http` plus a `ws` WebSocketServer on `/ws`, the origin guard,
 * the request log, the "process" lifecycle (`down`/`up`) and the test-facing handle.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { ComfyProcess, type FreeRecord } from './comfy-process.ts';
import { FaultBook } from './faults.ts';
import { FileStore, type FolderType, type StoredFile } from './file-store.ts';
import type { LoadedModel } from './model-residency.ts';
import { queueTuple } from './prompt-queue.ts';
import { pyJsonDumps, pyJsonLoads, toPlain } from './python-json.ts';
import { RequestLog, type ComfyRequestRecord } from './request-log.ts';
import { serve, upgrade } from './request-handler.ts';
import type { MockState } from './route-context.ts';
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
