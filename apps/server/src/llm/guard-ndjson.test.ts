import { OllamaError } from '@tauceti/ollama';
import { describe, expect, it } from 'vitest';
import { guardNdjson, type GuardNdjsonOptions } from './guard-ndjson.ts';

const line = (content: string, done = false) => `${JSON.stringify({ model: 'm', created_at: 't', message: { role: 'assistant', content }, done })}\n`;

function bodyOf(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const options = (extra: Partial<GuardNdjsonOptions> = {}): GuardNdjsonOptions => ({
  url: 'http://ollama/api/chat',
  onBytes: () => {},
  onEnd: () => {},
  timedOut: () => null,
  aborted: () => false,
  ...extra,
});

describe('guardNdjson', () => {
  it('passes a complete answer through, lines joined back whole even when split across reads', async () => {
    const text = line('Hel') + line('lo') + line('', true);
    expect(await read(guardNdjson(bodyOf(text.slice(0, 30), text.slice(30)), options()))).toBe(text);
  });

  it('keeps every line before an error line that arrived in the same read, and reports Ollama\'s message', async () => {
    const failures: OllamaError[] = [];
    const stream = guardNdjson(bodyOf(line('Part') + line('ial') + '{"error":"model crashed"}\n'), options({ onFailure: (f) => failures.push(f) }));
    expect(await read(stream)).toBe(line('Part') + line('ial'));
    expect(failures.map((failure) => failure.message)).toEqual(['model crashed']);
  });

  it('reports an answer that ends without done:true', async () => {
    const failures: OllamaError[] = [];
    expect(await read(guardNdjson(bodyOf(line('cut')), options({ onFailure: (f) => failures.push(f) })))).toBe(line('cut'));
    expect(failures[0]?.message).toMatch(/ended the answer before it was complete/);
  });

  it('errors the stream itself when nobody takes failures', async () => {
    await expect(read(guardNdjson(bodyOf('{"error":"boom"}\n'), options()))).rejects.toThrow('boom');
  });

  it('reports a broken connection as such, and a caller\'s abort as an abort', async () => {
    const broken = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new TypeError('terminated')) });
    const failures: OllamaError[] = [];
    await read(guardNdjson(broken, options({ onFailure: (f) => failures.push(f) })));
    expect(failures[0]?.message).toMatch(/connection to Ollama broke/);

    const aborted = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new DOMException('stop', 'AbortError')) });
    await expect(read(guardNdjson(aborted, options({ aborted: () => true, onFailure: () => {} })))).rejects.toThrow('stop');
  });
});
