/**
 * Throttles the chat stream for the UI: consecutive `text-delta` / `reasoning-delta` chunks of the same
 * part are merged and let through at most once per interval (leading edge first, so the first token is
 * not delayed). `@ai-sdk/svelte`'s `Chat` has no `experimental_throttle` option (only React's hook has
 * it), so this does the same job one step earlier: fewer message updates, same final text.
 */
import type { UIMessageChunk } from 'ai';

type DeltaChunk = Extract<UIMessageChunk, { type: 'text-delta' | 'reasoning-delta' }>;

const isDelta = (chunk: UIMessageChunk): chunk is DeltaChunk =>
  chunk.type === 'text-delta' || chunk.type === 'reasoning-delta';

/** @param intervalMs at most one delta per part per interval @default 40 */
export function coalesceDeltas(intervalMs = 40): TransformStream<UIMessageChunk, UIMessageChunk> {
  let pending: DeltaChunk | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let output: TransformStreamDefaultController<UIMessageChunk> | undefined;

  const emitPending = () => {
    if (!pending || !output) return false;
    const chunk = pending;
    pending = null;
    try {
      output.enqueue(chunk);
    } catch {
      // The reader went away (stopped): nothing left to show.
    }
    return true;
  };
  const startTimer = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (emitPending()) startTimer();
    }, intervalMs);
  };
  const stopTimer = () => {
    clearTimeout(timer);
    timer = undefined;
  };

  return new TransformStream<UIMessageChunk, UIMessageChunk>({
    start(controller) {
      output = controller;
    },
    transform(chunk, controller) {
      if (!isDelta(chunk)) {
        emitPending();
        stopTimer();
        controller.enqueue(chunk);
        return;
      }
      if (pending && pending.type === chunk.type && pending.id === chunk.id) {
        pending = { ...pending, delta: pending.delta + chunk.delta };
      } else {
        emitPending();
        pending = { ...chunk };
      }
      if (timer === undefined) {
        emitPending();
        startTimer();
      }
    },
    flush() {
      emitPending();
      stopTimer();
    },
  });
}
