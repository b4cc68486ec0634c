/**
 * How long to wait before the one retry after HTTP 429, and an abortable wait.
 */

/** SearXNG is a local service: a longer wait than this means "later", not "in a moment". */
export const MAX_RETRY_AFTER_MS = 5000;

/**
 * `Retry-After` in whole or decimal seconds, capped at 5 s; `fallbackMs` when the header is absent
 * or not a number of seconds (the HTTP-date form is not worth honouring for a local service).
 */
export function retryDelayMs(retryAfter: string | null, fallbackMs: number): number {
  const text = retryAfter?.trim() ?? '';
  if (!/^\d+(\.\d+)?$/.test(text)) return fallbackMs;
  return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
}

/** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. */
export function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
