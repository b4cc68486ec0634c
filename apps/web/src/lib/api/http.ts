/**
 * The one wrapper around `fetch` (with `chat-transport.ts`, which hands it to the AI SDK): every
 * failure becomes an `ApiError` carrying the server's `{ error: { code, message } }` envelope.
 */
import { errorEnvelope, type ErrorCode } from '@tauceti/contracts';
import type { z } from 'zod';

/** `network`: no response at all; `invalid_response`: a 2xx body that does not match the contract. */
export type ApiErrorCode = ErrorCode | 'network' | 'invalid_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly code: ApiErrorCode;

  constructor(message: string, options: { status: number; code: ApiErrorCode; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
  }
}

const fallbackCode = (status: number): ErrorCode =>
  status === 404 ? 'not_found' : status === 409 ? 'conflict' : status === 413 ? 'payload_too_large'
    : status === 415 ? 'unsupported_media_type' : status >= 500 ? 'internal' : 'bad_request';

/** Builds the `ApiError` for a non-2xx response from its error envelope (or its status alone). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const parsed = errorEnvelope.safeParse(body);
  if (parsed.success) {
    return new ApiError(parsed.data.error.message, { status: response.status, code: parsed.data.error.code });
  }
  const message = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  return new ApiError(message, { status: response.status, code: fallbackCode(response.status) });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * `fetch` with the same-origin credentials, throwing `ApiError` when there is no response or it is
 * not a 2xx. Given to the AI SDK chat transport too, so chat errors carry the server's message.
 */
export function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  return fetchOrThrow(globalThis.fetch, input, init);
}

/** `apiFetch` over another `fetch` (tests pass a fake one). */
export function createApiFetch(baseFetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => fetchOrThrow(baseFetch, input, init ?? {});
}

async function fetchOrThrow(baseFetch: typeof globalThis.fetch, input: RequestInfo | URL, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await baseFetch(input, { credentials: 'same-origin', ...init });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('The Tau Ceti server is not reachable. Check that it is running.', {
      status: 0,
      code: 'network',
      cause: error,
    });
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

export interface RequestJsonOptions<T> {
  /** Validates the 2xx body; the result is typed by it. */
  schema: z.ZodType<T>;
  /** @default 'GET' */
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as JSON (the server refuses mutations that are not `application/json`). */
  json?: unknown;
  /** A prepared body (multipart uploads); the browser sets its content type. */
  body?: FormData;
  signal?: AbortSignal;
}

/** Calls a JSON endpoint and validates the answer against its contract schema. */
export async function requestJson<T>(path: string, options: RequestJsonOptions<T>): Promise<T> {
  const init: RequestInit = { method: options.method ?? 'GET', signal: options.signal ?? null };
  if (options.json !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.json);
  } else if (options.body) {
    init.body = options.body;
  }
  const response = await apiFetch(path, init);
  const parsed = options.schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError(`The server sent an unexpected answer to ${path}.`, {
      status: response.status,
      code: 'invalid_response',
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Calls an endpoint that answers without a body (204). */
export async function requestEmpty(path: string, options: { method: 'DELETE' | 'POST'; signal?: AbortSignal }) {
  await apiFetch(path, { method: options.method, signal: options.signal ?? null });
}

/** Turns any thrown value into a sentence for people. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
