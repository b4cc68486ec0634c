/**
 * Responses the way aiohttp writes them: `web.json_response` (Python `json.dumps`, charset in the
 * type), bare `web.Response(status=…)` (empty, `application/octet-stream`), and its own error
 * pages (`404: Not Found`, `405: Method Not Allowed`, the 500 for an exception in a handler).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pyJsonDumps } from './python-json.ts';

/** What aiohttp puts in `Server`. */
const SERVER_HEADER = 'Python/3.12 aiohttp/3.11.18';

/** Responses the mock cut off on purpose (a fault), not the client. */
export const destroyedByMock = new WeakSet<ServerResponse>();

/** `web.json_response(value, status=…)`. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, { 'Content-Type': 'application/json; charset=utf-8' }, Buffer.from(pyJsonDumps(value)));
}

/** `web.Response(status=…)`: no body. */
export function sendEmpty(res: ServerResponse, status = 200): void {
  send(res, status, { 'Content-Type': 'application/octet-stream' }, Buffer.alloc(0));
}

/** aiohttp's `HTTPException` text bodies: `404: Not Found`. */
export function sendHttpError(res: ServerResponse, status: 404 | 405 | 413, extraHeaders: Record<string, string> = {}, text?: string): void {
  const reason = { 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Request Entity Too Large' }[status];
  send(res, status, { 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders }, Buffer.from(text ?? `${status}: ${reason}`));
}

/** aiohttp's answer to an exception escaping a handler (a body that is not JSON, a bad field). */
export function sendInternalError(res: ServerResponse): void {
  send(res, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('500 Internal Server Error\n\nServer got itself in trouble'));
}

/** Sends bytes with the given headers; a no-op once the client has gone. */
export function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, headOnly = false): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length), Server: SERVER_HEADER });
  res.end(headOnly ? undefined : body);
}

/** Reads the whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Waits `ms`; resolves false at once when `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never resolves before `signal` aborts. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
