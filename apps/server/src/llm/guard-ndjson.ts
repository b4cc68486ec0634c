import { OllamaError } from '@tauceti/ollama';

export interface GuardNdjsonOptions {
  url: string;
  /** Called with every piece of the body (re-arms the stall timer). */
  onBytes: () => void;
  /** Called once when the body is over, however it ends. */
  onEnd: () => void;
  /** The stall or first-byte timeout that ended the stream, if one did. */
  timedOut: () => OllamaError | null;
  /** The caller aborted (Stop): its abort stays an abort, not an Ollama failure. */
  aborted: () => boolean;
  /**
   * Receives a failure that happened after the answer began, and the stream then ends normally
   * with every line that came before it. Erroring the stream instead would make the provider's
   * pipeline drop lines it has parsed but not yet passed on: the last words before an error.
   * Without it, the stream errors with the failure.
   */
  onFailure?: (failure: OllamaError) => void;
}

/**
 * Passes Ollama's NDJSON through whole lines at a time and catches what the AI SDK provider would
 * not: an `{"error": …}` line (status stays 200 once streaming began), an end without `done: true`,
 * and a broken connection (undici's bare "terminated").
 */
export function guardNdjson(source: ReadableStream<Uint8Array>, options: GuardNdjsonOptions): ReadableStream<Uint8Array> {
  const { url } = options;
  const reader = source.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  let sawDone = false;
  let ended = false;

  const end = () => {
    if (!ended) options.onEnd();
    ended = true;
  };
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, failure: OllamaError, before = '') => {
    end();
    if (!options.onFailure) throw failure;
    options.onFailure(failure);
    if (before) controller.enqueue(encoder.encode(before));
    controller.close();
    void reader.cancel().catch(() => {});
  };

  return new ReadableStream<Uint8Array>({
    // Loops until it has passed something on: a pull that enqueues nothing is not called again.
    async pull(controller) {
      for (;;) {
        let result: Awaited<ReturnType<typeof reader.read>>;
        try {
          result = await reader.read();
        } catch (error) {
          if (options.aborted()) {
            end();
            throw error;
          }
          const broken = new OllamaError('The connection to Ollama broke before the answer was complete.', {
            url,
            status: 200,
            code: 'stream',
            cause: error,
          });
          return fail(controller, options.timedOut() ?? broken);
        }
        if (result.done) {
          pending += decoder.decode();
          const lines = pending;
          pending = '';
          const errorLine = findError(lines, url);
          if (errorLine) return fail(controller, errorLine.failure, errorLine.before);
          if (lines.includes('"done":true')) sawDone = true;
          if (!sawDone && !options.aborted()) {
            const early = new OllamaError('Ollama ended the answer before it was complete.', { url, status: 200, code: 'stream' });
            return fail(controller, options.timedOut() ?? early, lines);
          }
          end();
          if (lines) controller.enqueue(encoder.encode(lines));
          controller.close();
          return;
        }
        options.onBytes();
        pending += decoder.decode(result.value, { stream: true });
        const cut = pending.lastIndexOf('\n');
        if (cut === -1) continue;
        const complete = pending.slice(0, cut + 1);
        pending = pending.slice(cut + 1);
        const errorLine = findError(complete, url);
        if (errorLine) return fail(controller, errorLine.failure, errorLine.before);
        if (complete.includes('"done":true')) sawDone = true;
        controller.enqueue(encoder.encode(complete));
        return;
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  });
}

/** The first `{"error": …}` line among `lines`, with the lines before it. */
function findError(lines: string, url: string): { failure: OllamaError; before: string } | null {
  if (!lines.includes('"error"')) return null;
  let offset = 0;
  for (const line of lines.split('\n')) {
    const message = errorOf(line);
    if (message !== null) return { failure: new OllamaError(message, { url, status: 200, code: 'stream' }), before: lines.slice(0, offset) };
    offset += line.length + 1;
  }
  return null;
}

/** Ollama's error text from an `{"error": …}` body or line; null when it is not one. */
export function errorOf(text: string): string | null {
  if (!text.includes('"error"')) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && 'error' in value) {
      const error = (value as { error: unknown }).error;
      return typeof error === 'string' ? error : JSON.stringify(error);
    }
  } catch {
    // Not JSON: leave it to the provider's parser.
  }
  return null;
}
