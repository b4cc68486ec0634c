/** How long a held tool call waits for the person before it counts as declined. */
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * Tool calls held until the person allows them (`fetch_page` of a URL nobody gave). The stream
 * stays open meanwhile; the page answers through `POST /api/conversations/:id/approvals/:toolCallId`.
 */
export function createApprovals({ timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {}) {
  const pending = new Map<string, (approved: boolean) => void>();
  const keyOf = (conversationId: string, toolCallId: string) => `${conversationId}\u0000${toolCallId}`;

  return {
    /** Waits for the person's answer; false when declined, timed out, or the turn ended. */
    ask(conversationId: string, toolCallId: string, signal: AbortSignal): Promise<boolean> {
      const key = keyOf(conversationId, toolCallId);
      return new Promise<boolean>((resolve) => {
        const settle = (approved: boolean) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          pending.delete(key);
          resolve(approved);
        };
        const onAbort = () => settle(false);
        const timer = setTimeout(() => settle(false), timeoutMs);
        timer.unref();
        if (signal.aborted) return settle(false);
        signal.addEventListener('abort', onAbort, { once: true });
        pending.set(key, settle);
      });
    },

    /** The person's answer; false when nothing of that id is waiting (answered, over, unknown). */
    answer(conversationId: string, toolCallId: string, approved: boolean): boolean {
      const settle = pending.get(keyOf(conversationId, toolCallId));
      settle?.(approved);
      return settle !== undefined;
    },

    get size(): number {
      return pending.size;
    },
  };
}

export type Approvals = ReturnType<typeof createApprovals>;
