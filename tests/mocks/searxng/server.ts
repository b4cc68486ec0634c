/**
 * The mock SearXNG HTTP server: routing, the request log and the test-facing handle.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValues, readBody, send } from './http-util.ts';
import { indexPage, redirectPage, werkzeugErrorPage } from './html-pages.ts';
import { RequestLog, type SearxngRequestRecord } from './request-log.ts';
import { defaultSearxngScenario, type SearxngScenario } from './scenario.ts';
import { handleSearch, type MockState } from './search-handler.ts';

/** Where the mock listens and what it serves. */
export interface StartMockSearxngOptions {
  /** A copy is kept; change it later with `setScenario`. @default defaultSearxngScenario() */
  scenario?: SearxngScenario;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
}

/** A running mock SearXNG. */
export interface MockSearxng {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234` (what SEARXNG_URL holds). */
  readonly url: string;
  /** The port it listens on (the one picked when `port` was 0). */
  readonly port: number;
  /** The live scenario; mutating it takes effect on the next request. */
  readonly scenario: SearxngScenario;
  /** Replaces the scenario and resets the rules' `times` counters. */
  setScenario(scenario: SearxngScenario): void;
  /** Every request so far, oldest first; records update as exchanges end. */
  readonly requests: readonly SearxngRequestRecord[];
  /** Forgets the requests so far (waiters keep waiting for new ones). */
  clearRequests(): void;
  /**
   * Resolves with the first request (past or future) satisfying `predicate`, re-checked as records
   * change; rejects, listing what arrived, after `timeoutMs`. @default timeoutMs 5000
   */
  waitForRequest(predicate: (record: SearxngRequestRecord) => boolean, timeoutMs?: number): Promise<SearxngRequestRecord>;
  /** Stops listening and drops open connections (delayed answers included). */
  close(): Promise<void>;
}

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  record: SearxngRequestRecord;
  state: MockState;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
}

/** SearXNG's routes that clients use; Flask adds HEAD and OPTIONS to every GET route. */
const ROUTES: Record<string, { methods: string[]; handle: (context: RouteContext) => void | Promise<void> }> = {
  '/search': { methods: ['GET', 'POST'], handle: handleSearch },
  '/': { methods: ['GET', 'POST'], handle: handleIndex },
  '/healthz': {
    methods: ['GET'],
    handle: ({ res, state }) => send(res, state.scenario.flavor, { status: 200, mimetype: 'text/plain', body: 'OK' }),
  },
};

/** Starts a mock SearXNG on `host:port` serving `scenario`. */
export async function startMockSearxng(options: StartMockSearxngOptions = {}): Promise<MockSearxng> {
  const { port = 0, host = '127.0.0.1' } = options;
  const scenario = structuredClone(options.scenario ?? defaultSearxngScenario());
  const state: MockState = { scenario, faultCounts: new Map() };
  const log = new RequestLog();
  const lifecycle = { closing: false };
  const server = createServer((req, res) => void serve(req, res, state, log, lifecycle));
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
      state.faultCounts.clear();
    },
    get requests() {
      return log.records;
    },
    clearRequests() {
      log.clear();
    },
    waitForRequest(predicate, timeoutMs = 5000) {
      return log.waitFor(predicate, timeoutMs);
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

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  state: MockState,
  log: RequestLog,
  lifecycle: { closing: boolean },
): Promise<void> {
  const [path = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const body = await readBody(req).catch(() => '');
  const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const query = firstValues(rawQuery);
  const form = req.method === 'POST' && isForm ? firstValues(body) : {};
  const record = log.add({
    method: req.method ?? 'GET',
    path,
    query,
    form,
    params: { ...query, ...form },
    headers: req.headers,
    receivedAt: Date.now(),
    clientAborted: false,
  });
  const closed = new AbortController();
  res.on('close', () => {
    record.closedAt = Date.now();
    if (res.headersSent) record.status = res.statusCode;
    if (!res.writableFinished && !lifecycle.closing) record.clientAborted = true;
    closed.abort();
    log.changed();
  });

  const { flavor } = state.scenario;
  const route = ROUTES[path];
  if (!route) return send(res, flavor, { status: 404, mimetype: 'text/html', body: werkzeugErrorPage(404) });
  const allowed = [...route.methods, 'HEAD', 'OPTIONS'].sort();
  const allow = { Allow: allowed.join(', ') };
  if (record.method === 'OPTIONS') return send(res, flavor, { status: 200, mimetype: 'text/html', body: '', headers: allow });
  if (!allowed.includes(record.method)) {
    return send(res, flavor, { status: 405, mimetype: 'text/html', body: werkzeugErrorPage(405), headers: allow });
  }
  try {
    await route.handle({ req, res, record, state, signal: closed.signal });
  } catch (error) {
    // A mock bug or a bad scenario (an unparsable publishedDate): say so to the test, plainly.
    const body = `Mock SearXNG failed: ${error instanceof Error ? error.message : String(error)}`;
    send(res, flavor, { status: 500, mimetype: 'text/plain', body });
  }
}

/** `/` redirects a request with `q` to `/search` (308 keeps the method and body), else the start page. */
function handleIndex({ req, res, record, state }: RouteContext): void {
  const { flavor } = state.scenario;
  if (!record.params.q) return send(res, flavor, { status: 200, mimetype: 'text/html', body: indexPage() });
  const rawQuery = (req.url ?? '').split(/\?(.*)/s)[1];
  const location = `/search${rawQuery ? `?${rawQuery}` : ''}`;
  send(res, flavor, { status: 308, mimetype: 'text/html', body: redirectPage(location), headers: { Location: location } });
}
