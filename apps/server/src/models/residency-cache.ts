import { normalizeModelName } from './same-model.ts';

export interface ResidencyCacheOptions {
  /** How long an answer of `/api/ps` is trusted. @default 30000 */
  trustMs?: number;
  /** A model due to unload within this margin counts as not loaded. @default 5000 */
  marginMs?: number;
  now?: () => number;
}

/**
 * What Ollama last said about the models in memory (`/api/ps`), so a chat turn need not ask again
 * on its critical path (a local round trip costs ~1.4 ms of a 2-core server's first-token time). Only
 * "loaded, and not about to expire" is trusted, for a short while; anything else is asked afresh.
 * Whatever unloads a model through Tau Ceti later (the GPU scheduler) must call `forget`.
 */
export function createResidencyCache({ trustMs = 30_000, marginMs = 5_000, now = Date.now }: ResidencyCacheOptions = {}) {
  const expiries = new Map<string, number>();
  const contexts = new Map<string, number>();
  let recordedAt = Number.NEGATIVE_INFINITY;

  return {
    /** Stores a fresh `/api/ps` answer. */
    record(loaded: readonly { name: string; expiresAt: string | null; contextLength?: number | null }[]): void {
      expiries.clear();
      for (const model of loaded) {
        const expiry = model.expiresAt ? Date.parse(model.expiresAt) : Number.NaN;
        expiries.set(normalizeModelName(model.name), Number.isNaN(expiry) ? Number.POSITIVE_INFINITY : expiry);
        if (model.contextLength) contexts.set(normalizeModelName(model.name), model.contextLength);
      }
      recordedAt = now();
    },

    /** True when the model is known to be in memory and staying there; false means "ask Ollama". */
    isSurelyLoaded(name: string): boolean {
      if (now() - recordedAt > trustMs) return false;
      const expiry = expiries.get(normalizeModelName(name));
      return expiry !== undefined && expiry - now() > marginMs;
    },

    /**
     * The context window the model ran with when `/api/ps` last listed it (kept after it unloads:
     * Ollama loads it the same way again unless its settings changed); null if never seen.
     */
    contextLength(name: string): number | null {
      return contexts.get(normalizeModelName(name)) ?? null;
    },

    forget(name?: string): void {
      if (name === undefined) {
        expiries.clear();
        contexts.clear();
      } else expiries.delete(normalizeModelName(name));
    },
  };
}
