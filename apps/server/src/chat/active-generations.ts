/** Why a generation was cut short: the person stopped it, or the server is shutting down. */
export type StopReason = 'stop' | 'shutdown';

export interface Generation {
  readonly conversationId: string;
  readonly signal: AbortSignal;
  /** Set once `stop()` was called; tells a stopped answer from one that failed. */
  readonly stopReason: StopReason | null;
  stop(reason: StopReason): void;
  /** Marks the generation as over (its row saved); resolves everyone waiting in `stop`. */
  end(): void;
}

/**
 * The answers being written right now, one per conversation at most. Each owns the AbortController
 * whose signal reaches Ollama's socket, so Stop, a closed tab and shutdown all end the upstream work.
 */
export function createActiveGenerations() {
  const active = new Map<string, Generation & { ended: Promise<void> }>();

  return {
    /** Registers a new generation, or returns null when the conversation already has one. */
    begin(conversationId: string): Generation | null {
      if (active.has(conversationId)) return null;
      const controller = new AbortController();
      let stopReason: StopReason | null = null;
      let resolveEnded!: () => void;
      const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
      const generation = {
        conversationId,
        signal: controller.signal,
        ended,
        get stopReason() {
          return stopReason;
        },
        stop(reason: StopReason) {
          stopReason ??= reason;
          controller.abort(new DOMException(`generation ${reason}`, 'AbortError'));
        },
        end() {
          if (active.get(conversationId) === generation) active.delete(conversationId);
          resolveEnded();
        },
      };
      active.set(conversationId, generation);
      return generation;
    },

    has(conversationId: string): boolean {
      return active.has(conversationId);
    },

    /** Stops the conversation's generation and waits until its partial answer is saved. */
    async stop(conversationId: string, reason: StopReason = 'stop'): Promise<boolean> {
      const generation = active.get(conversationId);
      if (!generation) return false;
      generation.stop(reason);
      await generation.ended;
      return true;
    },

    async stopAll(reason: StopReason): Promise<void> {
      await Promise.all([...active.keys()].map((id) => this.stop(id, reason)));
    },

    get size(): number {
      return active.size;
    },
  };
}

export type ActiveGenerations = ReturnType<typeof createActiveGenerations>;
