/**
 * `createComfyuiClient`: ComfyUI's HTTP routes (queue, history, images, memory, node info) and its
 * WebSocket events, for one `clientId`. Reads no environment variables.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { openEventStream, type ComfyuiEvents, type EventStreamOptions, type WebSocketConstructor } from './events/connect-events.ts';
import { fetchHistory, type HistoryEntry } from './history.ts';
import type { ImageRef } from './image-ref.ts';
import { fetchCheckpoints, fetchObjectInfo, type NodeClassInfo } from './object-info.ts';
import { fetchQueue, type QueueState } from './queue.ts';
import { queuePrompt, type QueuePromptOptions, type QueuePromptResult } from './queue-prompt.ts';
import { requestOk, type RequestContext } from './request.ts';
import { fetchSystemStats, type ComfyuiSystemStats } from './system-stats.ts';
import { uploadImage, viewImage, type UploadImageOptions, type UploadImageResult, type ViewResult } from './view-image.ts';
import type { ApiGraph } from './workflows/api-graph.ts';

export interface ComfyuiClientOptions {
  /** Where ComfyUI listens, e.g. `http://127.0.0.1:8188`; a trailing `/` is dropped. */
  baseUrl: string;
  /** Routes this client's prompts' events to its WebSocket; one per client. @default a new uuid4 hex */
  clientId?: string;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Time limit of each HTTP call in ms (not of a whole run: see `runPrompt`'s `timeoutMs`). @default 30000 */
  requestTimeoutMs?: number;
  /** @default the `ws` package's WebSocket */
  WebSocketImpl?: WebSocketConstructor;
}

export interface CallOptions {
  /** Aborting rejects the call with the signal's reason (an AbortError), not a `ComfyuiError`. */
  signal?: AbortSignal;
}

export interface FreeOptions {
  /** Unload every model from VRAM. @default true when neither flag is given, else as `freeMemory` */
  unloadModels?: boolean;
  /** Also drop the executor caches (and unload, unless `unloadModels: false`). @default false */
  freeMemory?: boolean;
}

/** Every method throws `ComfyuiError` (or a subclass) on failure, or the caller's abort reason. */
export interface ComfyuiClient {
  /** The normalised base URL. */
  readonly baseUrl: string;
  /** Sent with every prompt; its events reach `events()` sockets. */
  readonly clientId: string;
  /** `ws://…/ws?clientId=…` */
  readonly wsUrl: string;
  /**
   * Queues a graph under a prompt id made before the POST. When the answer is lost it looks in the
   * queue and history before sending again (once), so a job is never queued twice. A 400 throws
   * `ComfyuiValidationError`; nothing listening throws `ComfyuiUnreachableError`.
   */
  queuePrompt(graph: ApiGraph, options?: QueuePromptOptions): Promise<QueuePromptResult>;
  /** A finished prompt, or null while it is queued or running, and for an unknown id. */
  history(promptId: string, options?: CallOptions): Promise<HistoryEntry | null>;
  queue(options?: CallOptions): Promise<QueueState>;
  /** Drops waiting prompts (a running one is not stopped: use `interrupt`). */
  deleteFromQueue(promptIds: string[], options?: CallOptions): Promise<void>;
  /** An image ComfyUI wrote. */
  view(image: ImageRef, options?: CallOptions): Promise<ViewResult>;
  /**
   * Stops the running prompt. With `promptId`, newer servers stop it only if it is the one running;
   * older ones ignore the id and stop whatever runs, so check `queue()` first (`cancelPrompt` does).
   */
  interrupt(promptId?: string, options?: CallOptions): Promise<void>;
  /** Asks ComfyUI to unload models / free memory. It does so between prompts, so it takes effect a little later. */
  free(options?: FreeOptions, callOptions?: CallOptions): Promise<void>;
  systemStats(options?: CallOptions): Promise<ComfyuiSystemStats>;
  /** Puts an image in ComfyUI's input folder, for LoadImage (`name` is what LoadImage's `image` takes). */
  uploadImage(bytes: Uint8Array, filename: string, options?: UploadImageOptions): Promise<UploadImageResult>;
  /** Node classes by name; one class with `className` (an unknown one gives `{}`). */
  objectInfo(className?: string, options?: CallOptions): Promise<Record<string, NodeClassInfo>>;
  /** The checkpoint names ComfyUI can load (`CheckpointLoaderSimple.ckpt_name`, both combo forms). */
  checkpoints(options?: CallOptions): Promise<string[]>;
  /** Opens a WebSocket for this clientId's events; it reconnects until `close()`. */
  events(options?: EventStreamOptions): ComfyuiEvents;
}

/** Creates a client for the ComfyUI at `options.baseUrl`. Makes no request until a method is called. */
export function createComfyuiClient(options: ComfyuiClientOptions): ComfyuiClient {
  const context: RequestContext = {
    baseUrl: options.baseUrl.trim().replace(/\/+$/, ''),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
  };
  const clientId = options.clientId ?? randomUUID().replaceAll('-', '');
  const WebSocketImpl = options.WebSocketImpl ?? (WebSocket as unknown as WebSocketConstructor);
  const wsUrl = `${context.baseUrl.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}`;
  const lookup = {
    queue: ({ signal }: CallOptions = {}) => fetchQueue(context, signal),
    history: (promptId: string, { signal }: CallOptions = {}) => fetchHistory(context, promptId, signal),
  };

  return {
    baseUrl: context.baseUrl,
    clientId,
    wsUrl,
    queuePrompt: (graph, queueOptions) => queuePrompt(context, lookup, clientId, graph, queueOptions),
    history: lookup.history,
    queue: lookup.queue,
    async deleteFromQueue(promptIds, { signal } = {}) {
      if (promptIds.length === 0) return;
      await requestOk(context, { method: 'POST', path: '/queue', json: { delete: promptIds }, idempotent: true, signal });
    },
    view: (image, { signal } = {}) => viewImage(context, image, signal),
    async interrupt(promptId, { signal } = {}) {
      // Sending a targeted interrupt twice is harmless; a global one could stop the next prompt.
      await requestOk(context, { method: 'POST', path: '/interrupt', json: promptId ? { prompt_id: promptId } : {}, idempotent: promptId !== undefined, signal });
    },
    async free(freeOptions = {}, { signal } = {}) {
      // Only the flags given: ComfyUI reads a missing unload_models as "same as free_memory".
      const json: Record<string, boolean> = {};
      if (freeOptions.unloadModels !== undefined) json.unload_models = freeOptions.unloadModels;
      if (freeOptions.freeMemory !== undefined) json.free_memory = freeOptions.freeMemory;
      if (Object.keys(json).length === 0) json.unload_models = true;
      await requestOk(context, { method: 'POST', path: '/free', json, idempotent: true, signal });
    },
    systemStats: ({ signal } = {}) => fetchSystemStats(context, signal),
    uploadImage: (bytes, filename, uploadOptions) => uploadImage(context, bytes, filename, uploadOptions),
    objectInfo: (className, { signal } = {}) => fetchObjectInfo(context, className, signal),
    checkpoints: ({ signal } = {}) => fetchCheckpoints(context, signal),
    events: (eventOptions) => openEventStream(wsUrl, WebSocketImpl, eventOptions),
  };
}

/** The same as `client.events(options)`. */
export function connectEvents(client: ComfyuiClient, options?: EventStreamOptions): ComfyuiEvents {
  return client.events(options);
}
