/**
 * The events a ComfyUI WebSocket carries, in camelCase, plus the connection's own open/closed.
 * Per-prompt events reach only the socket whose clientId queued the prompt (PROTOCOLS.md §2.2).
 */
import type { ImageRef } from '../image-ref.ts';

export type ComfyuiEvent =
  /** Connected (again): events flow; any sent while it was down are lost. */
  | { type: 'open'; reconnected: boolean }
  /** The socket dropped or could not connect; it tries again after `reconnectInMs` (null after `close()`). */
  | { type: 'closed'; code: number | null; reason: string; reconnectInMs: number | null }
  /** On connect (with `sid`, the clientId) and on every queue change. */
  | { type: 'status'; queueRemaining: number; sid: string | null }
  | { type: 'execution_start'; promptId: string }
  | { type: 'execution_cached'; promptId: string; nodes: string[] }
  /** `node: null` after the prompt finished (success, error or interrupt); its history is then written. */
  | { type: 'executing'; promptId: string | null; node: string | null; displayNode: string | null }
  | { type: 'progress'; promptId: string | null; node: string | null; value: number; max: number }
  /** A node's ui output; `images` are what it saved or previewed. */
  | { type: 'executed'; promptId: string; node: string; images: ImageRef[]; output: Record<string, unknown> }
  | { type: 'execution_success'; promptId: string }
  | {
      type: 'execution_error';
      promptId: string;
      nodeId: string | null;
      nodeType: string | null;
      exceptionMessage: string;
      exceptionType: string | null;
      traceback: string[];
    }
  | { type: 'execution_interrupted'; promptId: string; nodeId: string | null; nodeType: string | null }
  /** A latent preview. `promptId`/`nodeId` are null in the old frame format (type 1), which does not say. */
  | { type: 'preview'; mime: 'image/jpeg' | 'image/png'; bytes: Uint8Array; promptId: string | null; nodeId: string | null }
  /** The server's answer to the feature_flags handshake. */
  | { type: 'feature_flags'; flags: Record<string, unknown> };

export type ComfyuiEventType = ComfyuiEvent['type'];
export type ComfyuiEventOf<T extends ComfyuiEventType> = Extract<ComfyuiEvent, { type: T }>;
