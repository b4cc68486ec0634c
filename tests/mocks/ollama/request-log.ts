/**
 * The mock's record of every request, with a promise helper that waits for one to appear or to
 * change (e.g. for the client to close a stream).
 */
import type { IncomingHttpHeaders } from 'node:http';

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

type Predicate = (record: RequestRecord) => boolean;

export class RequestLog {
  readonly records: RequestRecord[] = [];
  #nextId = 1;
  readonly #waiters = new Set<{ predicate: Predicate; resolve: (record: RequestRecord) => void }>();

  add(fields: Omit<RequestRecord, 'id' | 'chunks' | 'clientAborted'>): RequestRecord {
    const record: RequestRecord = { id: this.#nextId++, ...fields, chunks: 0, clientAborted: false };
    this.records.push(record);
    this.changed();
    return record;
  }

  clear(): void {
    this.records.length = 0;
  }

  /** Re-checks the waiters; call after changing a record. */
  changed(): void {
    for (const waiter of this.#waiters) {
      const match = this.records.find((record) => waiter.predicate(record));
      if (match) {
        this.#waiters.delete(waiter);
        waiter.resolve(match);
      }
    }
  }

  /** Resolves with the first record (past or future) that satisfies `predicate`. */
  waitFor(predicate: Predicate, timeoutMs: number): Promise<RequestRecord> {
    const existing = this.records.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (record: RequestRecord) => {
          clearTimeout(timer);
          resolve(record);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = this.records.map((r) => `${r.method} ${r.path} (${r.status ?? 'pending'}${r.clientAborted ? ', aborted' : ''})`);
        reject(new Error(`No request to the mock Ollama matched within ${timeoutMs} ms; received: ${seen.join(', ') || 'none'}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
