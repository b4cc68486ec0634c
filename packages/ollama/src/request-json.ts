/**
 * One JSON round trip to Ollama: time limit, caller abort, and every failure turned into an
 * `OllamaError` that says what went wrong; the answer is checked against a zod schema.
 */
import { z } from 'zod';
import { OllamaError } from './errors.ts';

/** The resolved client settings every call uses. */
export interface RequestContext {
  /** Without a trailing slash or `/api`, e.g. `http://127.0.0.1:11434`. */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

export interface JsonRequest<T> {
  method: 'GET' | 'POST';
  /** e.g. `/api/tags` */
  path: string;
  /** Sent as JSON when given. */
  body?: unknown;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}

const errorBody = z.object({ error: z.string() });

/**
 * Calls Ollama and returns the validated answer. A caller abort rejects with the signal's reason
 * unchanged (an AbortError), so it can be told apart from failures.
 */
export async function requestJson<T>(context: RequestContext, request: JsonRequest<T>): Promise<T> {
  const url = `${context.baseUrl}${request.path}`;
  const what = `${request.method} ${request.path}`;
  const timeout = AbortSignal.timeout(context.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const fail = (error: unknown, answered: boolean): never => {
    if (request.signal?.aborted) throw request.signal.reason ?? error;
    if (timeout.aborted) {
      const message = `Ollama at ${context.baseUrl} did not answer ${what} within ${context.timeoutMs / 1000} s. It may be loading a model or overloaded; try again.`;
      throw new OllamaError(message, { url, status: null, code: 'timeout', cause: error });
    }
    const message = answered
      ? `Ollama at ${context.baseUrl} dropped the connection while answering ${what} (${describeNetworkError(error)}). Try again.`
      : `Ollama is not reachable at ${context.baseUrl} (${describeNetworkError(error)}). Start Ollama or set OLLAMA_URL.`;
    throw new OllamaError(message, { url, status: null, code: 'unreachable', cause: error });
  };

  let response: Response;
  let text: string;
  try {
    response = await context.fetch(url, {
      method: request.method,
      headers: request.body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
  } catch (error) {
    return fail(error, false);
  }
  try {
    text = await response.text();
  } catch (error) {
    return fail(error, true);
  }
  if (!response.ok) {
    const ollamaMessage = errorBody.safeParse(parseJson(text));
    const message = ollamaMessage.success
      ? ollamaMessage.data.error
      : `Ollama at ${context.baseUrl} answered ${response.status} ${response.statusText} to ${what}.`;
    throw new OllamaError(message, { url, status: response.status, code: 'http' });
  }
  const parsed = request.schema.safeParse(parseJson(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not JSON';
    throw new OllamaError(`Ollama at ${context.baseUrl} sent an unexpected answer to ${what} (${detail}). Is this URL really Ollama?`, {
      url,
      status: response.status,
      code: 'invalid_response',
    });
  }
  return parsed.data;
}

/** The JSON value of `text`, or undefined when it is not JSON (the schema then reports it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `connect ECONNREFUSED`, `getaddrinfo ENOTFOUND`, or the innermost message. */
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
