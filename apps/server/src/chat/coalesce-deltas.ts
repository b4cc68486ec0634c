import type { UIMessageChunk } from 'ai';

type Delta = Extract<UIMessageChunk, { type: 'text-delta' | 'reasoning-delta' }>;
const isDelta = (chunk: UIMessageChunk): chunk is Delta => chunk.type === 'text-delta' || chunk.type === 'reasoning-delta';

export interface DeltaCoalescer<T extends UIMessageChunk> {
  push(chunk: T): void;
  /** Writes whatever is held back; call before the stream ends. */
  flush(): void;
}

/**
 * Merges text (or reasoning) deltas arriving within `windowMs` of the previous delta written into
 * one event. A token that comes after a pause goes out at once, so at reading speeds (≤ 200
 * tokens/s) nothing is delayed; a burst (a fast small model, a catch-up after backpressure) costs a
 * few events instead of one per token. Provider part ids are also shortened: they are repeated in
 * every event.
 */
export function createDeltaCoalescer<T extends UIMessageChunk>(write: (chunk: T) => void, windowMs = 5): DeltaCoalescer<T> {
  const ids = new Map<string, string>();
  let pending: Delta | null = null;
  let lastDeltaAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;

  const shortId = (id: string, kind: string) => {
    let short = ids.get(id);
    if (!short) ids.set(id, (short = `${kind}${ids.size}`));
    return short;
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    write(pending as T);
    pending = null;
    lastDeltaAt = performance.now();
  };

  return {
    push(chunk) {
      const renamed =
        'id' in chunk && typeof chunk.id === 'string' && (chunk.type.startsWith('text-') || chunk.type.startsWith('reasoning-'))
          ? ({ ...chunk, id: shortId(chunk.id, chunk.type.startsWith('text-') ? 't' : 'r') } as T)
          : chunk;
      if (!isDelta(renamed)) {
        flush();
        write(renamed);
        return;
      }
      if (pending && (pending.type !== renamed.type || pending.id !== renamed.id)) flush();
      pending = pending ? { ...pending, delta: pending.delta + renamed.delta } : { ...renamed };
      const since = performance.now() - lastDeltaAt;
      if (since >= windowMs) flush();
      else timer ??= setTimeout(flush, windowMs - since);
    },
    flush,
  };
}
