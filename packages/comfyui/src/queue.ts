/**
 * `GET /queue`: what ComfyUI runs now and what waits, as `{ running, pending }` in run order.
 */
import { z } from 'zod';
import { requestJson, type RequestContext } from './request.ts';

/** One prompt in ComfyUI's queue. */
export interface QueueEntry {
  /** ComfyUI's queue number; lower runs first (`front: true` prompts have negative numbers). */
  number: number;
  promptId: string;
  /** The `client_id` it was queued with, or null. */
  clientId: string | null;
  /** The output node ids it will execute. */
  outputs: string[];
}

export interface QueueState {
  running: QueueEntry[];
  /** In the order they will run. */
  pending: QueueEntry[];
}

const queueSchema = z
  .object({ queue_running: z.array(z.unknown()).catch([]), queue_pending: z.array(z.unknown()).catch([]) })
  .loose();

export async function fetchQueue(context: RequestContext, signal?: AbortSignal): Promise<QueueState> {
  const body = await requestJson(context, { method: 'GET', path: '/queue', schema: queueSchema, signal });
  // queue_pending is ComfyUI's heap as a list, not sorted: sort by number to get the run order.
  const byNumber = (a: QueueEntry, b: QueueEntry) => a.number - b.number;
  return { running: parseEntries(body.queue_running), pending: parseEntries(body.queue_pending).sort(byNumber) };
}

/** Items are tuples `[number, prompt_id, graph, extra_data, outputs_to_execute, …]`; unreadable ones are skipped. */
function parseEntries(items: unknown[]): QueueEntry[] {
  const entries: QueueEntry[] = [];
  for (const item of items) {
    if (!Array.isArray(item) || typeof item[1] !== 'string') continue;
    const [number, promptId, , extraData, outputs] = item as unknown[];
    const clientId = extraData && typeof extraData === 'object' && 'client_id' in extraData && typeof extraData.client_id === 'string' ? extraData.client_id : null;
    entries.push({
      number: typeof number === 'number' && Number.isFinite(number) ? number : 0,
      promptId: promptId as string,
      clientId,
      outputs: Array.isArray(outputs) ? outputs.map(String) : [],
    });
  }
  return entries;
}
