/**
 * A mock's record of every request it received, with a promise helper that waits for one to
 * appear or to change (a client closing a stream, giving up on a slow answer). Shared by the mocks
 * so each only declares what its records hold.
 */

/** What every mock records of a request. */
export interface LoggedRequest {
  /** 1, 2, 3… in arrival order. */
  id: number;
  method: string;
  /** Path without the query. */
  path: string;
  /** The status the mock sent, once it sent one. */
  status?: number;
  /** True when the client closed the connection before the mock finished answering. */
  clientAborted: boolean;
}

type Waiter<R> = { predicate: (record: R) => boolean; resolve: (record: R) => void };

export class RequestLog<R extends LoggedRequest> {
  readonly records: R[] = [];
  #nextId = 1;
  readonly #waiters = new Set<Waiter<R>>();

  /** @param service Named in the error of a wait that timed out, e.g. `Ollama`. */
  constructor(private readonly service: string) {}

  /** Records a request that just arrived. */
  add(fields: Omit<R, 'id'>): R {
    const record = { id: this.#nextId++, ...fields } as R;
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
  waitFor(predicate: (record: R) => boolean, timeoutMs: number): Promise<R> {
    const existing = this.records.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<R> = {
        predicate,
        resolve: (record) => {
          clearTimeout(timer);
          resolve(record);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = this.records.map((r) => `${r.method} ${r.path} (${r.status ?? 'pending'}${r.clientAborted ? ', aborted' : ''})`);
        reject(new Error(`No request to the mock ${this.service} matched within ${timeoutMs} ms; received: ${seen.join(', ') || 'none'}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
