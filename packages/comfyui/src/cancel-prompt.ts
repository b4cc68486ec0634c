/**
 * Stops one prompt wherever it is: interrupts it when it runs, drops it from the queue when it
 * waits. The queue is read first because older servers ignore `/interrupt`'s prompt_id and would
 * stop someone else's job.
 */
import type { CallOptions, ComfyuiClient } from './client.ts';

export type CancelOutcome = 'interrupted' | 'deleted' | 'not_found';

/** Interrupts or dequeues `promptId`; `not_found` when it already finished or never was queued. */
export async function cancelPrompt(
  client: Pick<ComfyuiClient, 'queue' | 'interrupt' | 'deleteFromQueue'>,
  promptId: string,
  options: CallOptions = {},
): Promise<CancelOutcome> {
  const queue = await client.queue(options);
  if (queue.running.some((entry) => entry.promptId === promptId)) {
    await client.interrupt(promptId, options);
    return 'interrupted';
  }
  if (!queue.pending.some((entry) => entry.promptId === promptId)) return 'not_found';
  await client.deleteFromQueue([promptId], options);
  // It may have started between the read and the delete, which then did nothing.
  const after = await client.queue(options);
  if (after.running.some((entry) => entry.promptId === promptId)) {
    await client.interrupt(promptId, options);
    return 'interrupted';
  }
  return 'deleted';
}
