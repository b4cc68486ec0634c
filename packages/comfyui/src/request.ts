/**
 * One HTTP round trip to ComfyUI: time limit, caller abort, and every failure turned into a
 * `ComfyuiError` that says what went wrong. Answers are checked against zod schemas.
 */
import { z } from 'zod';
import { ComfyuiError, ComfyuiUnreachableError } from './errors.ts';

/** The resolved client settings every call uses. */
export interface RequestContext {
  /** Without a trailing slash, e.g. `http://127.0.0.1:8188`. */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** With its query string, e.g. `/view?filename=a.png`. */
  path: string;
  /** Sent as JSON when given. */
  json?: unknown;
  /** Sent as multipart/form-data when given. */
  form?: FormData;
  /** Safe to send twice (GETs always are): retried once when a kept-alive connection turns out dead. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/** A whole answer, whatever its status. */
export interface HttpAnswer {
  url: string;
  status: number;
  statusText: string;
  headers: Headers;
  bytes: Uint8Array;
}

/** Errors that mean nothing was sent: the request never reached ComfyUI. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Sends the request and reads the whole answer. Throws `ComfyuiUnreachableError` when nothing
 * connected, `ComfyuiError` `timeout`/`connection_lost` when the exchange broke off (the request
 * may then have been acted on), and the caller's abort reason unchanged. A non-2xx status is returned.
 */
export async function request(context: RequestContext, req: HttpRequest): Promise<HttpAnswer> {
  try {
    return await requestOnce(context, req);
  } catch (error) {
    // After ComfyUI restarts, the first request on a pooled keep-alive socket fails with
    // "other side closed" before anything was sent; once more on a fresh connection is safe.
    const isRepeatable = req.method === 'GET' || req.idempotent === true;
    if (!isRepeatable || !(error instanceof ComfyuiError) || error.code !== 'connection_lost' || req.signal?.aborted) throw error;
    return requestOnce(context, req);
  }
}

async function requestOnce(context: RequestContext, req: HttpRequest): Promise<HttpAnswer> {
  const url = `${context.baseUrl}${req.path}`;
  const what = `${req.method} ${req.path.split('?')[0]}`;
  const timeout = AbortSignal.timeout(context.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const fail = (error: unknown): never => {
    if (req.signal?.aborted) throw req.signal.reason ?? error;
    if (timeout.aborted) {
      const message = `ComfyUI at ${context.baseUrl} did not answer ${what} within ${context.timeoutMs / 1000} s. It may be busy loading a model; try again.`;
      throw new ComfyuiError(message, { url, code: 'timeout', cause: error });
    }
    const reason = describeNetworkError(error);
    if (NOT_CONNECTED.has(reason.split(' ').at(-1) ?? '')) {
      const message = `ComfyUI is not reachable at ${context.baseUrl} (${reason}). Start ComfyUI, or set COMFYUI_URL to the address it listens on.`;
      throw new ComfyuiUnreachableError(message, { url, code: 'unreachable', cause: error });
    }
    const message = `The connection to ComfyUI at ${context.baseUrl} broke during ${what} (${reason}). Try again.`;
    throw new ComfyuiError(message, { url, code: 'connection_lost', cause: error });
  };

  let response: Response;
  try {
    const headers: Record<string, string> = {};
    let body: string | FormData | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      body = req.form; // fetch writes the multipart boundary header itself
    }
    response = await context.fetch(url, { method: req.method, headers, body, signal });
  } catch (error) {
    return fail(error);
  }
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { url, status: response.status, statusText: response.statusText, headers: response.headers, bytes };
  } catch (error) {
    return fail(error);
  }
}

/** The error for a non-2xx answer, with ComfyUI's own words when it sent any. */
export function httpError(context: RequestContext, req: HttpRequest, answer: HttpAnswer): ComfyuiError {
  const what = `${req.method} ${req.path.split('?')[0]}`;
  const text = new TextDecoder().decode(answer.bytes).trim();
  const serverWords = errorText(parseJson(text)) ?? (text && !text.startsWith('<') ? text.slice(0, 300) : null);
  let message = `ComfyUI at ${context.baseUrl} answered ${answer.status} ${answer.statusText} to ${what}${serverWords ? `: ${serverWords}` : '.'}`;
  if (answer.status === 403) {
    // ComfyUI's origin guard refuses a loopback Host with a foreign Origin; Node's fetch sends none.
    message += ' ComfyUI refuses cross-origin requests; if a proxy sits in front of it, make it drop the Origin header.';
  }
  return new ComfyuiError(message, { url: answer.url, status: answer.status, code: 'http' });
}

/** Calls ComfyUI and returns the validated JSON answer; a non-2xx answer throws. */
export async function requestJson<T>(context: RequestContext, req: HttpRequest & { schema: z.ZodType<T> }): Promise<T> {
  const answer = await request(context, req);
  if (answer.status < 200 || answer.status >= 300) throw httpError(context, req, answer);
  return parseAnswer(context, req, answer, req.schema);
}

/** Calls a route that answers 200 with an empty body (`/free`, `/interrupt`, `POST /queue`). */
export async function requestOk(context: RequestContext, req: HttpRequest): Promise<void> {
  const answer = await request(context, req);
  if (answer.status < 200 || answer.status >= 300) throw httpError(context, req, answer);
}

/** Checks a 2xx answer's JSON against `schema`. */
export function parseAnswer<T>(context: RequestContext, req: HttpRequest, answer: HttpAnswer, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseJson(new TextDecoder().decode(answer.bytes)));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const detail = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not JSON';
  const what = `${req.method} ${req.path.split('?')[0]}`;
  const message = `ComfyUI at ${context.baseUrl} sent an unexpected answer to ${what} (${detail}). Is COMFYUI_URL really ComfyUI?`;
  throw new ComfyuiError(message, { url: answer.url, status: answer.status, code: 'invalid_response', cause: parsed.error });
}

/** The JSON value of `text`, or undefined when it is not JSON (a schema then reports it). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `{"error":"…"}` or `{"error":{"message":"…"}}`, as ComfyUI and its newer routes answer. */
function errorText(body: unknown): string | null {
  if (!body || typeof body !== 'object' || !('error' in body)) return null;
  const { error } = body;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return null;
}

/** `connect ECONNREFUSED`, `getaddrinfo ENOTFOUND`, or the innermost message. undici hides it under `fetch failed`. */
export function describeNetworkError(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0];
  if (current instanceof Error) {
    const { code, syscall } = current as Error & { code?: unknown; syscall?: unknown };
    const parts = [syscall, code].filter((part) => typeof part === 'string' && part !== '');
    return parts.length > 0 ? parts.join(' ') : current.message;
  }
  return String(current);
}
