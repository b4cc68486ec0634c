/**
 * The HTTP side of one request: log it, apply the origin guard, resolve the route (aiohttp's 404/405),
 * enforce `client_max_size`, and hand WebSocket upgrades on `/ws` to the running process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocketServer } from 'ws';
import { destroyedByMock, readBody, sendEmpty, sendHttpError, sendInternalError } from './http-util.ts';
import { originForbidden } from './origin-guard.ts';
import { pyJsonLoads, toPlain } from './python-json.ts';
import type { ComfyRequestRecord } from './request-log.ts';
import type { MockState } from './route-context.ts';
import { resolveRoute, stripApiPrefix } from './routes.ts';

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

export async function serve(req: IncomingMessage, res: ServerResponse, state: MockState): Promise<void> {
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
export function upgrade(req: IncomingMessage, socket: Socket, head: Buffer, state: MockState, wss: WebSocketServer): void {
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

