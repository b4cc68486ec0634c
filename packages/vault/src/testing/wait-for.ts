export interface WaitForOptions {
  /**
   * How long to keep trying before failing.
   * @default 30_000 (two busy cores and a polling watcher are slow, never wrong)
   */
  timeoutMs?: number;
  /**
   * Pause between tries.
   * @default 25
   */
  intervalMs?: number;
  /** Said in the error when time runs out. */
  message?: string;
}

/**
 * Waits until `check` returns a value that is not false, null or undefined (or resolves to one) and
 * returns it: tests wait on states, never on fixed sleeps.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Exclude<T, false | null | undefined>> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== null && value !== undefined) return value as Exclude<T, false | null | undefined>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out waiting for ${options.message ?? 'a condition'}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
