/**
 * Which models are "in memory": cold loads take `loadMs` (one load shared by concurrent requests),
 * `keep_alive` sets the expiry (default 5 minutes, 0 unloads, negative keeps forever).
 */
import { sleep, untilAborted } from './http-util';
import type { MockModel, OllamaScenario } from './scenario';

/** Ollama's default `keep_alive`. */
export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

/** A model in memory, as `/api/ps` lists it. */
export interface LoadedModel {
  /** The installed name, e.g. `llama3.2:latest`. */
  name: string;
  /** When Ollama will unload it (ms since epoch). */
  expiresAt: number;
  /** The context it was loaded with. */
  contextLength: number;
}

export class ModelResidency {
  readonly #loaded = new Map<string, LoadedModel>();
  readonly #loading = new Map<string, Promise<void>>();
  #defaultNumCtx = 4096;
  /** Bumped by `reset`, so a load started under an old scenario does not land in the new one. */
  #epoch = 0;

  /** Forgets everything and loads the models the scenario marks `loaded`. */
  reset(scenario: OllamaScenario): void {
    this.#epoch++;
    this.#loaded.clear();
    this.#loading.clear();
    this.#defaultNumCtx = scenario.defaultNumCtx ?? 4096;
    for (const model of scenario.models) {
      if (model.loaded) this.#markLoaded(model, undefined, DEFAULT_KEEP_ALIVE_MS);
    }
  }

  /** Loaded models, longest time left first; expired ones are dropped. */
  list(): LoadedModel[] {
    const now = Date.now();
    for (const [name, entry] of this.#loaded) if (entry.expiresAt <= now) this.#loaded.delete(name);
    return [...this.#loaded.values()].sort((a, b) => b.expiresAt - a.expiresAt);
  }

  isLoaded(model: MockModel): boolean {
    return this.list().some((entry) => entry.name === model.name);
  }

  /**
   * Resolves once the model is in memory, waiting `loadMs` on a cold load. The load goes on when
   * `signal` aborts (the request alone stops), as in Ollama's scheduler.
   */
  async ensureLoaded(model: MockModel, options: { numCtx?: unknown; keepAliveMs?: number; signal: AbortSignal }): Promise<void> {
    if (!this.isLoaded(model)) {
      let loading = this.#loading.get(model.name);
      if (!loading) {
        const epoch = this.#epoch;
        loading = sleep(model.loadMs ?? 0).then(() => {
          if (epoch !== this.#epoch) return;
          this.#loading.delete(model.name);
          this.#markLoaded(model, options.numCtx, options.keepAliveMs);
        });
        this.#loading.set(model.name, loading);
      }
      await Promise.race([loading, untilAborted(options.signal)]);
    } else if (options.keepAliveMs !== 0) {
      this.touch(model, options.keepAliveMs);
    }
  }

  /** Restarts the expiry timer (Ollama does this when a request ends); `keep_alive: 0` unloads. */
  touch(model: MockModel, keepAliveMs: number | undefined): void {
    const entry = this.#loaded.get(model.name);
    if (!entry) return;
    if (keepAliveMs === 0) this.#loaded.delete(model.name);
    else entry.expiresAt = Date.now() + (keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS);
  }

  unload(model: MockModel): void {
    this.#loaded.delete(model.name);
  }

  #markLoaded(model: MockModel, numCtx: unknown, keepAliveMs: number | undefined): void {
    const requested = typeof numCtx === 'number' && numCtx > 0 ? Math.floor(numCtx) : this.#defaultNumCtx;
    this.#loaded.set(model.name, {
      name: model.name,
      expiresAt: Date.now() + (keepAliveMs || DEFAULT_KEEP_ALIVE_MS),
      contextLength: Math.min(requested, model.contextLength),
    });
  }
}
