/** What the mock Ollama records of each request (the log itself is shared by the mocks). */
import type { IncomingHttpHeaders } from 'node:http';
import { RequestLog as SharedRequestLog } from '../shared/request-log.ts';

/** One request the mock received. Fields after `receivedAt` fill in as the exchange goes on. */
export interface RequestRecord {
  /** 1, 2, 3… in arrival order. */
  id: number;
  method: string;
  /** Path without the query, e.g. `/api/chat`. */
  path: string;
  /** The query string with its `?`, or `''`. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The body as sent. */
  rawBody: string;
  /** The body parsed as JSON, or null when empty or not JSON. */
  body: unknown;
  /** When the request arrived (ms since epoch). */
  receivedAt: number;
  /** The status the mock sent, once it sent one. */
  status?: number;
  /** NDJSON lines written so far (streamed answers only). */
  chunks: number;
  /** When the connection for this exchange closed or the response ended (ms since epoch). */
  closedAt?: number;
  /** True when the client closed the socket before the mock finished answering. */
  clientAborted: boolean;
  /**
   * True when the prompt was longer than the context the model runs with, so Ollama cut its start
   * (it does so silently; `prompt_eval_count` is then at most the context).
   */
  promptTruncated?: boolean;
}

/** The mock Ollama's log. */
export class RequestLog extends SharedRequestLog<RequestRecord> {
  constructor() {
    super('Ollama');
  }
}
