/**
 * `runPrompt`: queue a graph and follow it to its images. The WebSocket says what happens; the
 * HTTP queue and history say what is true when the socket was away (ComfyUI keeps no events for a
 * socket that is gone), so after a drop, and now and then anyway, the run asks `/queue` and
 * `/history/{id}`. Abort and timeout stop the job in ComfyUI too: interrupted if it runs, taken
 * out of the queue if it waits.
 */
import { randomUUID } from 'node:crypto';
import { cancelPrompt, type CancelOutcome } from './cancel-prompt.ts';
import type { ComfyuiClient } from './client.ts';
import { ComfyuiError, ComfyuiExecutionError, ComfyuiInterruptedError } from './errors.ts';
import type { ComfyuiEvent } from './events/comfyui-event.ts';
import type { ComfyuiEvents } from './events/connect-events.ts';
import { resultImages, type ImageRef } from './image-ref.ts';
import { locatePrompt, type PromptLocation } from './locate-prompt.ts';
import { historyFailureError } from './reconcile-prompt.ts';
import type { ApiGraph } from './workflows/api-graph.ts';

/** What `onProgress` hears, in order: queued (again as the queue moves), running (per node and step), previews. */
export type RunProgress =
  | { phase: 'queued'; position: number }
  | { phase: 'running'; node: string | null; nodeType: string | null; step?: number; steps?: number }
  | { phase: 'preview'; mime: 'image/jpeg' | 'image/png'; bytes: Uint8Array };

export interface RunPromptOptions {
  /** A canonical lowercase UUID; store it before calling so a crash can be reconciled. @default crypto.randomUUID() */
  promptId?: string;
  /** Put it at the head of ComfyUI's queue. @default false */
  front?: boolean;
  /** Sent as the prompt's `extra_data`. */
  extraData?: Record<string, unknown>;
  /** Aborting stops the job in ComfyUI, then rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
  /** Called synchronously with each step; a throwing callback is ignored. */
  onProgress?: (progress: RunProgress) => void;
  /** Most time from queueing to images, waiting in the queue included; a cold SDXL load alone takes minutes. @default 900000 */
  timeoutMs?: number;
  /** With no event about the job for this long, ask ComfyUI where it is (a job it lost fails then). @default 30000 */
  stallTimeoutMs?: number;
  /** How often to ask ComfyUI while the WebSocket is down. @default 1000 */
  pollIntervalMs?: number;
  /** How the timeout error names the setting to raise, e.g. `COMFYUI_TIMEOUT_MS`. @default 'timeoutMs' */
  timeoutSettingName?: string;
}

export interface RunPromptResult {
  promptId: string;
  /** The saved images (`type: output`), or every image when the workflow saved none. */
  images: ImageRef[];
  /** From queueing to the last image. */
  durationMs: number;
}

/** Time allowed to interrupt or dequeue the job after an abort or timeout. */
const CANCEL_TIMEOUT_MS = 10_000;

/**
 * Queues `graph` (never twice: see `queuePrompt`) and resolves with its images once ComfyUI finished it.
 * `events` must come from `client.events()`: ComfyUI sends a prompt's events only to the socket of
 * the clientId that queued it. Rejects with `ComfyuiExecutionError`, `ComfyuiInterruptedError`,
 * `ComfyuiError` (`run_timeout`, `lost`, or a queueing failure), or the signal's reason.
 */
export async function runPrompt(
  client: ComfyuiClient,
  events: ComfyuiEvents,
  graph: ApiGraph,
  options: RunPromptOptions = {},
): Promise<RunPromptResult> {
  options.signal?.throwIfAborted();
  const startedAt = Date.now();
  const timeoutMs = options.timeoutMs ?? 900_000;
  const stallTimeoutMs = options.stallTimeoutMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const internal = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  let promptId = options.promptId ?? randomUUID();

  let settled = false;
  let resolveRun!: (images: ImageRef[]) => void;
  let rejectRun!: (error: unknown) => void;
  const outcome = new Promise<ImageRef[]>((resolve, reject) => {
    resolveRun = resolve;
    rejectRun = reject;
  });
  outcome.catch(() => {}); // rejected before it is awaited when the POST itself is stopped
  const finish = (images: ImageRef[]) => {
    if (settled) return;
    settled = true;
    resolveRun(images);
  };
  const fail = (error: unknown) => {
    if (settled) return;
    settled = true;
    rejectRun(error);
  };

  let isQueued = false;
  let isRunning = false;
  let missedEvents = !events.isOpen; // events sent while the socket was away are lost for good
  let lastPosition: number | null = null;
  const socketImages: ImageRef[] = [];
  const report = (progress: RunProgress) => {
    try {
      options.onProgress?.(progress);
    } catch {
      // A broken progress callback must not break the job.
    }
  };
  const reportRunning = (node: string | null, step?: { value: number; max: number }) => {
    isRunning = true;
    const nodeType = node ? (graph[node]?.class_type ?? null) : null;
    report(step ? { phase: 'running', node, nodeType, step: step.value, steps: step.max } : { phase: 'running', node, nodeType });
  };

  // Stopping: abort or timeout. The job is stopped in ComfyUI before the run rejects.
  let stopping: Promise<void> | null = null;
  let isStopping = false;
  const stop = (why: 'abort' | 'timeout') => {
    if (settled || stopping) return;
    isStopping = true;
    internal.abort(options.signal?.reason);
    stopping = (async () => {
      let cancelled: CancelOutcome | 'failed' = 'failed';
      try {
        cancelled = await cancelPrompt(client, promptId, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) });
      } catch {
        // ComfyUI is down or busy; the caller still gets its abort or timeout.
      }
      fail(why === 'abort' ? options.signal?.reason : timeoutError(client.baseUrl, promptId, timeoutMs, cancelled, options.timeoutSettingName));
    })();
  };

  // Asking ComfyUI where the job is; a request made while one is out is run after it.
  let checking: Promise<void> | null = null;
  let checkAgain = false;
  const check = () => {
    if (settled || !isQueued) return;
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = (async () => {
      do {
        checkAgain = false;
        try {
          apply(await locatePrompt(client, promptId, signal));
        } catch {
          // ComfyUI is busy or down: the next poll or heartbeat asks again.
        }
      } while (checkAgain && !settled);
      checking = null;
      armStall();
    })();
  };
  const apply = (location: PromptLocation) => {
    if (settled || isStopping) return;
    if (location.state === 'pending' && !isRunning && location.position !== lastPosition) {
      lastPosition = location.position;
      report({ phase: 'queued', position: location.position });
    } else if (location.state === 'running' && !isRunning) {
      reportRunning(null);
    } else if (location.state === 'done') {
      if (location.entry.status === 'success') finish(location.entry.images);
      else fail(historyFailureError(client.baseUrl, location.entry));
    } else if (location.state === 'unknown') {
      const message =
        `ComfyUI no longer knows prompt ${promptId}: it is not queued, running or in its history. ` +
        'It was removed from the queue in ComfyUI, or ComfyUI restarted and lost its queue; queue it again.';
      fail(new ComfyuiError(message, { url: client.baseUrl, code: 'lost' }));
    }
  };

  // Heartbeat: no news about the job for a while → ask. Polling: the socket is down → ask often.
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const armStall = () => {
    clearTimeout(stallTimer);
    if (!settled) stallTimer = setTimeout(check, stallTimeoutMs);
  };
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  const startPolling = () => {
    pollTimer ??= setInterval(check, pollIntervalMs);
  };
  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
  };

  const onEvent = (event: ComfyuiEvent) => {
    if (settled || isStopping) return;
    if (event.type === 'closed') {
      missedEvents = true;
      startPolling();
    } else if (event.type === 'open') {
      stopPolling();
      check(); // what happened while it was away
    } else if (event.type === 'status') {
      if (!isRunning) check(); // the queue moved: our position may have changed
    } else if (event.type === 'preview') {
      // Old-style previews do not name their prompt: they are ours while ours runs.
      if (event.promptId === promptId || (event.promptId === null && isRunning)) report({ phase: 'preview', mime: event.mime, bytes: event.bytes });
    } else if ('promptId' in event && event.promptId === promptId) {
      armStall();
      onPromptEvent(event);
    }
  };
  const onPromptEvent = (event: ComfyuiEvent) => {
    switch (event.type) {
      case 'execution_start':
        reportRunning(null);
        break;
      case 'executing':
        if (event.node !== null) reportRunning(event.node);
        else check(); // finished: its history is written now
        break;
      case 'progress':
        reportRunning(event.node, event);
        break;
      case 'executed':
        socketImages.push(...event.images);
        break;
      case 'execution_success':
        // With a gap in the events, the history is the only complete list of images.
        if (!missedEvents && socketImages.length > 0) finish(socketImages);
        else check();
        break;
      case 'execution_error':
        fail(
          new ComfyuiExecutionError({
            url: client.baseUrl,
            promptId,
            nodeId: event.nodeId,
            nodeType: event.nodeType,
            exceptionMessage: event.exceptionMessage,
            exceptionType: event.exceptionType,
          }),
        );
        break;
      case 'execution_interrupted':
        fail(new ComfyuiInterruptedError({ url: client.baseUrl, promptId, nodeId: event.nodeId, nodeType: event.nodeType }));
        break;
    }
  };

  const onAbort = () => stop('abort');
  const unsubscribe = events.subscribe(onEvent);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timeoutTimer = setTimeout(() => stop('timeout'), timeoutMs);
  try {
    try {
      const queued = await client.queuePrompt(graph, { promptId, front: options.front, extraData: options.extraData, signal });
      promptId = queued.promptId;
      isQueued = true;
    } catch (error) {
      if (stopping) {
        await stopping;
        await outcome; // rejects: stop() failed the run with the abort reason or the timeout
      }
      throw error;
    }
    if (missedEvents) startPolling();
    check(); // its place in the queue, or that it already runs
    const images = await outcome;
    return { promptId, images: resultImages(images), durationMs: Date.now() - startedAt };
  } finally {
    settled = true;
    unsubscribe();
    options.signal?.removeEventListener('abort', onAbort);
    clearTimeout(timeoutTimer);
    clearTimeout(stallTimer);
    stopPolling();
  }
}

function timeoutError(baseUrl: string, promptId: string, timeoutMs: number, cancelled: CancelOutcome | 'failed', setting = 'timeoutMs'): ComfyuiError {
  const what = {
    interrupted: 'it was interrupted',
    deleted: 'it was taken out of the queue',
    not_found: 'it is no longer in the queue',
    failed: 'stopping it in ComfyUI failed, so it may still run',
  }[cancelled];
  const message =
    `ComfyUI did not finish prompt ${promptId} within ${timeoutMs / 1000} s (${setting}); ${what}. ` +
    `Loading a model cold can take minutes: raise ${setting} if this machine is slow, or free the GPU if it was busy.`;
  return new ComfyuiError(message, { url: baseUrl, code: 'run_timeout', retryable: true });
}
