/**
 * The mock's record of every request, with a promise helper that waits for one to appear or to
 * change (e.g. for the client to give up on a slow search).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** One request the mock received. `status`, `closedAt` and `clientAborted` fill in as it goes on. */
export interface SearxngRequestRecord {
  /** 1, 2, 3… in arrival order. */
  id: number;
  method: string;
  /** Path without the query, e.g. `/search`. */
  path: string;
  /** URL query parameters, first value of each name. */
  query: Record<string, string>;
  /** Fields of an `application/x-www-form-urlencoded` body, first value of each name. */
  form: Record<string, string>;
  /** What SearXNG reads: the form, plus query parameters the form does not have. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** When the request arrived (ms since epoch). */
  receivedAt: number;
  /** The status the mock sent, once it sent one. */
  status?: number;
  /** When the exchange ended, either way (ms since epoch). */
  closedAt?: number;
  /** True when the client closed the connection before the mock answered. */
  clientAborted: boolean;
}

type Predicate = (record: SearxngRequestRecord) => boolean;

/** The records, and promises waiting for one to match. */
export class RequestLog {
  readonly records: SearxngRequestRecord[] = [];
  #nextId = 1;
  readonly #waiters = new Set<{ predicate: Predicate; resolve: (record: SearxngRequestRecord) => void }>();

  /** Records a request that just arrived. */
  add(fields: Omit<SearxngRequestRecord, 'id' | 'clientAborted'>): SearxngRequestRecord {
    const record: SearxngRequestRecord = { id: this.#nextId++, ...fields, clientAborted: false };
    this.records.push(record);
    this.changed();
    return record;
  }

  /** Forgets every record. */
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
  waitFor(predicate: Predicate, timeoutMs: number): Promise<SearxngRequestRecord> {
    const existing = this.records.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (record: SearxngRequestRecord) => {
          clearTimeout(timer);
          resolve(record);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = this.records.map((r) => `${r.method} ${r.path} (${r.status ?? 'pending'}${r.clientAborted ? ', aborted' : ''})`);
        reject(new Error(`No request to the mock SearXNG matched within ${timeoutMs} ms; received: ${seen.join(', ') || 'none'}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
