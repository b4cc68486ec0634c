/**
 * The mock Ollama HTTP server: routing, the request log and the test-facing handle.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleChat, handleGenerate } from './chat-handler.ts';
import { handleEmbed, handleEmbeddings } from './embed-handler.ts';
import { parseGoJson, toPlain } from './go-json.ts';
import type { HandlerContext, MockState } from './handler-context.ts';
import { destroyedByMock, isAbortError, readBody, sendError, sendText } from './http-util.ts';
import { ModelResidency, type LoadedModel } from './model-residency.ts';
import { handlePs, handleRoot, handleShow, handleTags, handleVersion } from './model-routes.ts';
import { RequestLog, type RequestRecord } from './request-log.ts';
import { defaultScenario, type ChatScript, type OllamaScenario } from './scenario.ts';

export interface StartMockOllamaOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** A copy is kept; change it later with `setScenario`. @default defaultScenario() */
  scenario?: OllamaScenario;
}

/** A running mock Ollama. */
export interface MockOllama {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`; the AI SDK provider wants `url + '/api'`. */
  readonly url: string;
  readonly port: number;
  /** The live scenario; mutating it takes effect on the next request. */
  readonly scenario: OllamaScenario;
  /** Replaces the scenario and resets what is loaded to its `loaded` flags. Queued scripts stay. */
  setScenario(scenario: OllamaScenario): void;
  /** Queues one-shot scripts; each answers the next generating `/api/chat` or `/api/generate` it matches, before the scenario rules. */
  enqueueChat(...scripts: ChatScript[]): void;
  /** Every request so far, oldest first; records update as exchanges progress. */
  readonly requests: readonly RequestRecord[];
  clearRequests(): void;
  /** Resolves with the first request (past or future) satisfying `predicate`, re-checked as records change. @default timeoutMs 5000 */
  waitForRequest(predicate: (record: RequestRecord) => boolean, timeoutMs?: number): Promise<RequestRecord>;
  /** Models in memory now, as `/api/ps` lists them. */
  readonly loaded: LoadedModel[];
  /** Stops listening and drops open connections (stalled streams included). */
  close(): Promise<void>;
}

type Handler = (context: HandlerContext) => void | Promise<void>;

/** Ollama's routes (`server/routes.go`); a known path with another method gets 405, as gin does. */
const ROUTES: Record<string, Record<string, Handler>> = {
  '/': { GET: handleRoot, HEAD: handleRoot },
  '/api/version': { GET: handleVersion, HEAD: handleVersion },
  '/api/tags': { GET: handleTags, HEAD: handleTags },
  '/api/ps': { GET: handlePs },
  '/api/show': { POST: handleShow },
  '/api/chat': { POST: handleChat },
  '/api/generate': { POST: handleGenerate },
  '/api/embed': { POST: handleEmbed },
  '/api/embeddings': { POST: handleEmbeddings },
};

/** Starts a mock Ollama on `host:port` serving `scenario`. */
export async function startMockOllama(options: StartMockOllamaOptions = {}): Promise<MockOllama> {
  const { port = 0, host = '127.0.0.1' } = options;
  const state: MockState = {
    scenario: structuredClone(options.scenario ?? defaultScenario()),
    residency: new ModelResidency(),
    queue: [],
    log: new RequestLog(),
  };
  state.residency.reset(state.scenario);
  const lifecycle = { closing: false };
  const server = createServer((req, res) => void serve(req, res, state, lifecycle));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    port: boundPort,
    get scenario() {
      return state.scenario;
    },
    setScenario(scenario) {
      state.scenario = structuredClone(scenario);
      state.residency.reset(state.scenario);
    },
    enqueueChat(...scripts) {
      state.queue.push(...structuredClone(scripts));
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
    get loaded() {
      return state.residency.list().map((entry) => ({ ...entry }));
    },
    close() {
      lifecycle.closing = true;
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, state: MockState, lifecycle: { closing: boolean }): Promise<void> {
  const startNs = process.hrtime.bigint();
  const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const body = await readBody(req).catch(() => '');
  const parsed = parseGoJson(body);
  const record = state.log.add({
    method: req.method ?? 'GET',
    path,
    query: query ? `?${query}` : '',
    headers: req.headers,
    rawBody: body,
    body: parsed.ok ? toPlain(parsed.node) : null,
    receivedAt: Date.now(),
    chunks: 0,
    clientAborted: false,
  });
  const closed = new AbortController();
  res.on('close', () => {
    record.closedAt = Date.now();
    if (res.headersSent) record.status = res.statusCode;
    if (!res.writableFinished && !destroyedByMock.has(res) && !lifecycle.closing) record.clientAborted = true;
    closed.abort();
    state.log.changed();
  });

  const methods = ROUTES[path];
  const handler = methods?.[record.method];
  if (!methods) return sendText(res, 404, '404 page not found');
  if (!handler) return sendText(res, 405, '405 method not allowed');
  try {
    await handler({ req, res, body, record, signal: closed.signal, state, startNs });
  } catch (error) {
    if (isAbortError(error)) return;
    sendError(res, 500, error instanceof Error ? error.message : String(error));
  }
}
