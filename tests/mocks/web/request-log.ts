import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** One request the fixture web received; `outcome` updates as the response goes out. */
export interface FixtureRequest {
  method: string;
  /** Path and query as sent, e.g. `/x?d=SECRET`. */
  path: string;
  headers: IncomingHttpHeaders;
  /**
   * `sending` while the response is open; `complete` once every body byte was handed to the
   * socket; `aborted` when the client went away first (a refused body was never fully sent).
   */
  outcome: 'sending' | 'complete' | 'aborted';
}

/** The fixture's request log, with waiters that re-check whenever a record changes. */
export class RequestLog {
  readonly records: FixtureRequest[] = [];
  readonly #waiters = new Set<() => void>();

  track(request: IncomingMessage, response: ServerResponse): FixtureRequest {
    const record: FixtureRequest = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, outcome: 'sending' };
    this.records.push(record);
    response.on('finish', () => this.#settle(record, 'complete'));
    response.on('close', () => this.#settle(record, 'aborted'));
    this.#notify();
    return record;
  }

  clear(): void {
    this.records.length = 0;
  }

  /** Resolves with the first record, past or future, that satisfies `predicate`. */
  waitFor(predicate: (record: FixtureRequest) => boolean): Promise<FixtureRequest> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.records.find(predicate);
        if (found === undefined) return;
        this.#waiters.delete(check);
        resolve(found);
      };
      this.#waiters.add(check);
      check();
    });
  }

  #settle(record: FixtureRequest, outcome: 'complete' | 'aborted'): void {
    // 'close' follows 'finish' on a completed response; the first event decides.
    if (record.outcome !== 'sending') return;
    record.outcome = outcome;
    this.#notify();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
