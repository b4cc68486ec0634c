/**
 * A WebSocket to ComfyUI's `/ws?clientId=…` that stays up: it declares `supports_preview_metadata`
 * first thing, decodes text and binary frames into typed events, and reconnects with a capped
 * backoff after a drop. ComfyUI does not buffer for a socket that is away: whoever follows a
 * prompt must look at `/history` after a `closed` event (runPrompt does).
 */
import { decodeBinaryFrame } from './decode-binary-frame.ts';
import type { ComfyuiEvent } from './comfyui-event.ts';
import { parseEventMessage } from './parse-event-message.ts';

/**
 * What is needed of a WebSocket: the `ws` package's and the WHATWG one (browsers, Node 22) both fit.
 * Handler parameters are `any` so that either's event types are accepted.
 */
export interface WebSocketLike {
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /* eslint-disable @typescript-eslint/no-explicit-any */
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface EventStreamOptions {
  /** Wait before the first reconnect, doubled after each failed attempt. @default 500 */
  reconnectDelayMs?: number;
  /** The longest wait between reconnects. @default 10000 */
  maxReconnectDelayMs?: number;
  /** Declare `supports_preview_metadata`, so previews come as type-4 frames that name their prompt. @default true */
  previewMetadata?: boolean;
}

export type ComfyuiEventListener = (event: ComfyuiEvent) => void;

/** One live connection to ComfyUI's events. */
export interface ComfyuiEvents {
  /** `ws://…/ws?clientId=…` */
  readonly url: string;
  /** Whether the socket is open now. */
  readonly isOpen: boolean;
  /** Calls `listener` with every event from now on; returns the unsubscribe function. A throwing listener does not stop the others. */
  subscribe(listener: ComfyuiEventListener): () => void;
  /** Resolves once the socket is open (at once if it is). Rejects with the signal's reason, or when `close()` is called. */
  whenOpen(signal?: AbortSignal): Promise<void>;
  /** Closes the socket for good; no more reconnects. */
  close(): void;
}

/** Opens the socket at `url` now; `client.events()` is the usual way in. */
export function openEventStream(url: string, WebSocketImpl: WebSocketConstructor, options: EventStreamOptions = {}): ComfyuiEvents {
  const initialDelayMs = options.reconnectDelayMs ?? 500;
  const maxDelayMs = options.maxReconnectDelayMs ?? 10_000;
  const previewMetadata = options.previewMetadata ?? true;
  const listeners = new Set<ComfyuiEventListener>();
  const openWaiters = new Set<{ resolve: () => void; reject: (error: unknown) => void }>();
  let socket: WebSocketLike | null = null;
  let isOpen = false;
  let hasOpened = false;
  let isClosed = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const emit = (event: ComfyuiEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener must not starve the others or kill the socket.
      }
    }
  };

  const connect = () => {
    timer = undefined;
    if (isClosed) return;
    let ws: WebSocketLike;
    try {
      ws = new WebSocketImpl(url);
    } catch (error) {
      reconnectLater(null, error instanceof Error ? error.message : String(error));
      return;
    }
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      if (socket !== ws) return;
      // ComfyUI reads feature flags only from a socket's first message.
      ws.send(JSON.stringify({ type: 'feature_flags', data: { supports_preview_metadata: previewMetadata } }));
      isOpen = true;
      failures = 0;
      emit({ type: 'open', reconnected: hasOpened });
      hasOpened = true;
      for (const waiter of openWaiters) waiter.resolve();
      openWaiters.clear();
    };
    ws.onmessage = (event: { data: unknown }) => {
      if (socket === ws) decodeFrame(event.data, emit);
    };
    ws.onerror = () => {
      // A close event follows every error; reconnecting happens there.
    };
    ws.onclose = (event: { code?: number; reason?: string }) => {
      if (socket !== ws) return;
      socket = null;
      isOpen = false;
      reconnectLater(typeof event.code === 'number' ? event.code : null, typeof event.reason === 'string' ? event.reason : '');
    };
  };

  const reconnectLater = (code: number | null, reason: string) => {
    if (isClosed) return;
    const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** failures);
    failures += 1;
    emit({ type: 'closed', code, reason, reconnectInMs: delayMs });
    timer = setTimeout(connect, delayMs);
    // A reconnect loop alone must not keep the process alive.
    timer.unref?.();
  };

  connect();

  return {
    url,
    get isOpen() {
      return isOpen;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenOpen(signal) {
      if (isOpen) return Promise.resolve();
      if (isClosed) return Promise.reject(new Error(`The ComfyUI event stream ${url} is closed.`));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          openWaiters.delete(waiter);
          reject(signal?.reason);
        };
        const waiter = {
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject: (error: unknown) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        openWaiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      clearTimeout(timer);
      const wasOpen = isOpen;
      isOpen = false;
      const current = socket;
      socket = null;
      current?.close(1000, 'client closed');
      if (wasOpen) emit({ type: 'closed', code: 1000, reason: 'client closed', reconnectInMs: null });
      for (const waiter of openWaiters) waiter.reject(new Error(`The ComfyUI event stream ${url} was closed.`));
      openWaiters.clear();
      listeners.clear();
    },
  };
}

/** Text frames are JSON events; binary ones previews. `ws` gives ArrayBuffers (binaryType), browsers may give Blobs. */
function decodeFrame(data: unknown, emit: (event: ComfyuiEvent) => void): void {
  let event: ComfyuiEvent | null = null;
  if (typeof data === 'string') event = parseEventMessage(data);
  else if (data instanceof ArrayBuffer) event = decodeBinaryFrame(new Uint8Array(data));
  else if (ArrayBuffer.isView(data)) event = decodeBinaryFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  else if (typeof Blob !== 'undefined' && data instanceof Blob) {
    void data.arrayBuffer().then((buffer) => {
      const preview = decodeBinaryFrame(new Uint8Array(buffer));
      if (preview) emit(preview);
    });
    return;
  }
  if (event) emit(event);
}
