import type { Extracted } from './extract-readable.ts';

/** Main thread → worker: one page to extract. */
export interface ExtractRequest {
  id: number;
  html: string;
  url: string;
}

/** Worker → main thread: `ready` once its modules are loaded, then one reply per request. */
export type ExtractReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; value: Extracted }
  | { type: 'error'; id: number; message: string };
