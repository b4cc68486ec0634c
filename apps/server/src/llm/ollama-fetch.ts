import { OllamaError } from '@tauceti/ollama';
import { errorOf, guardNdjson } from './guard-ndjson.ts';

export interface OllamaFetchOptions {
  /** Base URL of Ollama, for error messages. */
  baseUrl: string;
  /** How long to wait for the first byte of an answer (covers a cold model load). */
  firstByteTimeoutMs: number;
  /** How long an answer may go silent once it has started. */
  stallTimeoutMs: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Receives failures after an answer began; see `GuardNdjsonOptions.onFailure`. */
  onFailure?: (failure: OllamaError) => void;
}

/**
 * The `fetch` given to `ollama-ai-provider-v2`. The provider (3.6) drops Ollama's error lines (a
 * mid-stream `{"error": …}` fails its chunk schema and is skipped, so the turn would end as if
 * complete), expects error bodies shaped like OpenAI's, and retries refused connections. This layer
 * turns all of those into one `OllamaError` whose message is Ollama's own, ends a stream that stops
 * without `done: true`, and enforces the first-byte and stall timeouts.
 */
export function createOllamaFetch(options: OllamaFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;

  return async function ollamaFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const timeout = new AbortController();
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
    let timedOut: OllamaError | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, message: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = new OllamaError(message, { url, status: null, code: 'timeout' });
        timeout.abort(timedOut);
      }, ms);
    };
    arm(
      options.firstByteTimeoutMs,
      `Ollama sent no answer within ${Math.round(options.firstByteTimeoutMs / 1000)} s; it may still be loading the model or be overloaded.`,
    );

    let response: Response;
    try {
      response = await baseFetch(input, { ...init, body: normalizeBody(url, init?.body), signal });
    } catch (error) {
      clearTimeout(timer);
      if (timedOut) throw timedOut;
      if (init?.signal?.aborted) throw error;
      throw new OllamaError(
        `Ollama is not reachable at ${options.baseUrl} (${describeNetworkError(error)}). Start Ollama or check OLLAMA_URL.`,
        { url, status: null, cause: error, code: 'unreachable' },
      );
    }

    if (!response.ok) {
      clearTimeout(timer);
      throw new OllamaError(await readErrorMessage(response), { url, status: response.status, code: 'http' });
    }
    if (!response.body) {
      clearTimeout(timer);
      return response;
    }
    const stallMessage = `Ollama stopped sending the answer for ${Math.round(options.stallTimeoutMs / 1000)} s; it was ended as stalled.`;
    arm(options.stallTimeoutMs, stallMessage);
    if (!/ndjson/i.test(response.headers.get('content-type') ?? '')) {
      // A single JSON answer (`stream: false`): nothing arrives in pieces.
      clearTimeout(timer);
      return response;
    }
    const body = guardNdjson(response.body, {
      url,
      onBytes: () => arm(options.stallTimeoutMs, stallMessage),
      onEnd: () => clearTimeout(timer),
      timedOut: () => timedOut,
      aborted: () => init?.signal?.aborted ?? false,
      ...(options.onFailure ? { onFailure: options.onFailure } : {}),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The provider turns an image-only user message into `content: []`, which Ollama's Go decoder refuses. */
function normalizeBody(url: string, body: RequestInit['body'] | undefined): RequestInit['body'] | undefined {
  if (typeof body !== 'string' || !url.endsWith('/api/chat') || !body.includes('"content":[]')) return body;
  const payload = JSON.parse(body) as { messages?: { content?: unknown }[] };
  for (const message of payload.messages ?? []) {
    if (typeof message.content !== 'string') message.content = '';
  }
  return JSON.stringify(payload);
}

async function readErrorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  const message = errorOf(text);
  if (message) return message;
  return `Ollama answered ${response.status} ${response.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

function describeNetworkError(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause) current = current.cause;
  if (current instanceof Error) return 'code' in current && current.code ? String(current.code) : current.message;
  return String(current);
}
