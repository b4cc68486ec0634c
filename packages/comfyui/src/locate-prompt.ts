/**
 * Where a prompt is now: running, waiting (and behind how many), finished, or unknown to ComfyUI.
 * The queue is read before the history: a prompt only ever moves from the one to the other, and
 * ComfyUI writes its history entry and drops it from the running list under one lock.
 */
import type { HistoryEntry } from './history.ts';
import type { QueueEntry, QueueState } from './queue.ts';

/** The two reads it needs; a `ComfyuiClient` has them. */
export interface PromptLookup {
  queue(options?: { signal?: AbortSignal }): Promise<QueueState>;
  history(promptId: string, options?: { signal?: AbortSignal }): Promise<HistoryEntry | null>;
}

export type PromptLocation =
  | { state: 'running'; entry: QueueEntry }
  /** `position`: how many prompts run before it (the running one included). */
  | { state: 'pending'; entry: QueueEntry; position: number }
  | { state: 'done'; entry: HistoryEntry }
  | { state: 'unknown' };

/** Reads `/queue`, then `/history/{id}` when the prompt is not in the queue. */
export async function locatePrompt(lookup: PromptLookup, promptId: string, signal?: AbortSignal): Promise<PromptLocation> {
  const queue = await lookup.queue({ signal });
  const running = queue.running.find((entry) => entry.promptId === promptId);
  if (running) return { state: 'running', entry: running };
  const index = queue.pending.findIndex((entry) => entry.promptId === promptId);
  const pending = queue.pending[index];
  if (pending) return { state: 'pending', entry: pending, position: queue.running.length + index };
  const entry = await lookup.history(promptId, { signal });
  return entry ? { state: 'done', entry } : { state: 'unknown' };
}
