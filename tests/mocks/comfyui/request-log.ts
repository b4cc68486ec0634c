/** What the mock ComfyUI records of each HTTP request (the log itself is shared by the mocks). */
import type { IncomingHttpHeaders } from 'node:http';
import { RequestLog as SharedRequestLog } from '../shared/request-log.ts';

/** One request the mock received. Fields after `receivedAt` fill in as the exchange goes on. */
export interface ComfyRequestRecord {
  /** 1, 2, 3… in arrival order. */
  id: number;
  method: string;
  /** Path as sent, without the query, e.g. `/api/prompt`. */
  path: string;
  /** The same path without the `/api` prefix ComfyUI also serves: `/prompt`. */
  route: string;
  /** The query string with its `?`, or `''`. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text (`''` for multipart uploads; see `bodyBytes`). */
  rawBody: string;
  bodyBytes: number;
  /** The body parsed as JSON (plain JS), or null when empty or not JSON. */
  body: unknown;
  receivedAt: number;
  /** The status the mock sent, once it sent one (101 for a WebSocket upgrade). */
  status?: number;
  /** When the exchange ended, either way (ms since epoch). */
  closedAt?: number;
  /** True when the client closed the connection before the mock finished answering. */
  clientAborted: boolean;
  /** `POST /prompt` that queued a prompt: its id. */
  promptId?: string;
  /** True when that prompt_id had already been queued before (ComfyUI queues it again). */
  duplicatePromptId?: boolean;
  /** A scripted `postPrompt` fault that shaped the answer. */
  postPromptFault?: 'delay' | 'hang' | 'reset' | 'crash';
}

/** The mock ComfyUI's log. */
export class RequestLog extends SharedRequestLog<ComfyRequestRecord> {
  constructor() {
    super('ComfyUI');
  }
}
