import type { UIMessageChunk } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeltaCoalescer } from './coalesce-deltas.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

const text = (delta: string): UIMessageChunk => ({ type: 'text-delta', id: 'provider-long-id-1', delta });

describe('createDeltaCoalescer', () => {
  it('writes a delta at once when none was written in the window', () => {
    const written: UIMessageChunk[] = [];
    const coalescer = createDeltaCoalescer((chunk) => written.push(chunk), 5);
    coalescer.push(text('Hello'));
    expect(written).toEqual([{ type: 'text-delta', id: 't0', delta: 'Hello' }]);
    vi.advanceTimersByTime(10);
    coalescer.push(text(' world'));
    expect(written).toHaveLength(2);
  });

  it('merges a burst of deltas into one event within the window', () => {
    const written: UIMessageChunk[] = [];
    const coalescer = createDeltaCoalescer((chunk) => written.push(chunk), 5);
    coalescer.push(text('a'));
    coalescer.push(text('b'));
    coalescer.push(text('c'));
    expect(written.map((chunk) => (chunk as { delta: string }).delta)).toEqual(['a']);
    vi.advanceTimersByTime(5);
    expect(written.map((chunk) => (chunk as { delta: string }).delta)).toEqual(['a', 'bc']);
  });

  it('keeps order: a held delta goes out before the next other chunk', () => {
    const written: UIMessageChunk[] = [];
    const coalescer = createDeltaCoalescer((chunk) => written.push(chunk), 5);
    coalescer.push(text('a'));
    coalescer.push(text('b'));
    coalescer.push({ type: 'text-end', id: 'provider-long-id-1' });
    expect(written).toEqual([
      { type: 'text-delta', id: 't0', delta: 'a' },
      { type: 'text-delta', id: 't0', delta: 'b' },
      { type: 'text-end', id: 't0' },
    ]);
  });

  it('never merges reasoning with text', () => {
    const written: UIMessageChunk[] = [];
    const coalescer = createDeltaCoalescer((chunk) => written.push(chunk), 5);
    coalescer.push({ type: 'reasoning-delta', id: 'r-long', delta: 'think' });
    coalescer.push(text('say'));
    coalescer.flush();
    expect(written).toEqual([
      { type: 'reasoning-delta', id: 'r0', delta: 'think' },
      { type: 'text-delta', id: 't1', delta: 'say' },
    ]);
  });
});
