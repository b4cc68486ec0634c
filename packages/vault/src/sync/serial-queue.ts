/**
 * Runs jobs one at a time, in order: every write of one index goes through here, so a watcher
 * batch, an embedding pass and `sync()` never write at once (other processes are handled by
 * LanceDB's commit conflicts).
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      const result = tail.then(job);
      tail = result.catch(() => undefined);
      return result;
    },
    /** Resolves when everything queued so far has finished (failed or not). */
    idle(): Promise<void> {
      return tail.then(() => undefined);
    },
  };
}
