/**
 * What became of a prompt queued before a restart of our server: still waiting, running, done (with
 * its images), failed, or unknown to ComfyUI (it restarted too and lost its queue).
 */
import type { CallOptions, ComfyuiClient } from './client.ts';
import { ComfyuiExecutionError, ComfyuiInterruptedError } from './errors.ts';
import type { HistoryEntry } from './history.ts';
import { resultImages, type ImageRef } from './image-ref.ts';
import { locatePrompt } from './locate-prompt.ts';

export interface ReconcileResult {
  state: 'pending' | 'running' | 'success' | 'error' | 'unknown';
  /** `pending`: how many prompts run before it. */
  position?: number;
  /** `success`: the saved images (or all, when none was saved). */
  images?: ImageRef[];
  /** `error`: why, as the error `runPrompt` would have thrown. */
  error?: ComfyuiExecutionError | ComfyuiInterruptedError;
}

/** Where a prompt stands, for jobs that were in flight when our server stopped. Throws when ComfyUI cannot be asked. */
export async function reconcilePrompt(
  client: Pick<ComfyuiClient, 'queue' | 'history' | 'baseUrl'>,
  promptId: string,
  options: CallOptions = {},
): Promise<ReconcileResult> {
  const location = await locatePrompt(client, promptId, options.signal);
  if (location.state === 'pending') return { state: 'pending', position: location.position };
  if (location.state === 'running') return { state: 'running' };
  if (location.state === 'unknown') return { state: 'unknown' };
  const { entry } = location;
  if (entry.status === 'success') return { state: 'success', images: resultImages(entry.images) };
  return { state: 'error', error: historyFailureError(client.baseUrl, entry) };
}

/** The error a failed history entry stands for. */
export function historyFailureError(baseUrl: string, entry: HistoryEntry): ComfyuiExecutionError | ComfyuiInterruptedError {
  const failure = entry.failure;
  if (failure?.kind === 'interrupted') {
    return new ComfyuiInterruptedError({ url: baseUrl, promptId: entry.promptId, nodeId: failure.nodeId, nodeType: failure.nodeType });
  }
  return new ComfyuiExecutionError({
    url: baseUrl,
    promptId: entry.promptId,
    nodeId: failure?.nodeId ?? null,
    nodeType: failure?.nodeType ?? null,
    exceptionMessage: failure?.exceptionMessage ?? 'the history says it failed, without saying why',
    exceptionType: failure?.exceptionType ?? null,
  });
}
