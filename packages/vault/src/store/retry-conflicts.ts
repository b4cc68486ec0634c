/**
 * LanceDB commits are optimistic: when another process (the server syncing while the CLI runs
 * `vault index`) committed first, Lance rebases and retries what it can, and reports the rest as a
 * commit conflict. Every write goes through here and is tried again after a short, jittered wait.
 * A write is always a whole batch (mergeInsert on the deterministic id), so running it twice is safe.
 */

const CONFLICT = /conflict|retryable|concurrent|commit.*(fail|retr)|version .* (already )?exists|too many/i;

export interface RetryOptions {
  /**
   * How many times to try in all.
   * @default 6
   */
  attempts?: number;
  /**
   * The first wait in ms; it doubles each time, with jitter.
   * @default 25
   */
  baseDelayMs?: number;
}

/** True for the errors Lance raises when a concurrent commit won. */
export function isCommitConflict(error: unknown): boolean {
  return error instanceof Error && CONFLICT.test(error.message);
}

export async function retryConflicts<T>(write: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 25;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isCommitConflict(error)) throw error;
      const delay = baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Reads are retried once: a compaction by another process may remove the files of the version a
 * read started on (the connection checks for the latest version on every read, so the retry sees
 * the new files).
 */
export async function retryRead<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (signal?.aborted) throw error;
    return await read();
  }
}
