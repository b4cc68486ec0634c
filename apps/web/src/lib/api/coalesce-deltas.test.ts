import type { UIMessageChunk } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesceDeltas } from './coalesce-deltas.ts';

async function run(chunks: UIMessageChunk[], advance: (ms: number) => Promise<void>) {
  const stream = new ReadableStream<UIMessageChunk>({
    async start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(chunk);
        await advance(5);
      }
      controller.close();
    },
  }).pipeThrough(coalesceDeltas(40));
  const out: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.push(value);
  }
  return out;
}

describe('coalesceDeltas', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('merges text deltas that arrive within the interval and keeps the full text', async () => {
    const deltas = Array.from({ length: 20 }, (_, i): UIMessageChunk => ({ type: 'text-delta', id: 't', delta: `${i},` }));
    const chunks: UIMessageChunk[] = [{ type: 'text-start', id: 't' }, ...deltas, { type: 'text-end', id: 't' }];
    const out = await run(chunks, async (ms) => {
      await vi.advanceTimersByTimeAsync(ms);
    });
    const merged = out.filter((chunk) => chunk.type === 'text-delta');
    expect(merged.length).toBeLessThan(6);
    expect(merged.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('')).toBe(deltas.map((d) => (d.type === 'text-delta' ? d.delta : '')).join(''));
    expect(out[0]?.type).toBe('text-start');
    expect(out.at(-1)?.type).toBe('text-end');
  });

  it('lets the first delta through at once', async () => {
    const out = await run([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Hi' }], async () => {});
    expect(out[1]).toEqual({ type: 'text-delta', id: 't', delta: 'Hi' });
  });

  it('never merges deltas of different parts and keeps their order', async () => {
    const chunks: UIMessageChunk[] = [
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'a' },
      { type: 'reasoning-delta', id: 'r', delta: 'b' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'c' },
      { type: 'text-delta', id: 't', delta: 'd' },
      { type: 'text-end', id: 't' },
    ];
    const out = await run(chunks, async () => {});
    expect(out.map((chunk) => chunk.type)).toEqual([
      'reasoning-start', 'reasoning-delta', 'reasoning-delta', 'reasoning-end', 'text-start', 'text-delta', 'text-delta', 'text-end',
    ]);
    expect(out.filter((chunk) => chunk.type === 'text-delta').map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : ''))).toEqual(['c', 'd']);
  });
});
