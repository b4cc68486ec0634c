/**
 * Which models are "in memory": cold loads take `loadMs` (one load shared by concurrent requests),
 * `keep_alive` sets the expiry (default 5 minutes, 0 unloads, negative keeps forever).
 */
import { sleep, untilAborted } from './http-util.ts';
import type { MockModel, OllamaScenario } from './scenario.ts';

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
      if (model.loaded) this.#markLoaded(model, this.#contextFor(model, undefined), DEFAULT_KEEP_ALIVE_MS);
    }
  }

  /** Loaded models, longest time left first; expired ones are dropped. */
  list(): LoadedModel[] {
    const now = Date.now();
    for (const [name, entry] of this.#loaded) if (entry.expiresAt <= now) this.#loaded.delete(name);
    return [...this.#loaded.values()].sort((a, b) => b.expiresAt - a.expiresAt);
  }

  /**
   * Resolves once the model is in memory with the context this request needs, waiting `loadMs`
   * on a cold load. Like Ollama's scheduler (`needsReload`), a loaded model whose context differs
   * from the request's `num_ctx` (or the default when it sets none) is loaded again. Concurrent
   * requests share one load, which goes on if `signal` aborts (only that request stops).
   */
  async ensureLoaded(model: MockModel, options: { numCtx?: unknown; keepAliveMs?: number; signal: AbortSignal }): Promise<void> {
    const contextLength = this.#contextFor(model, options.numCtx);
    const current = this.list().find((entry) => entry.name === model.name);
    if (current?.contextLength === contextLength) {
      if (options.keepAliveMs !== 0) this.touch(model, options.keepAliveMs);
      return;
    }
    const key = `${model.name}@${contextLength}`;
    let loading = this.#loading.get(key);
    if (!loading) {
      const epoch = this.#epoch;
      loading = sleep(model.loadMs ?? 0).then(() => {
        if (epoch !== this.#epoch) return;
        this.#loading.delete(key);
        this.#markLoaded(model, contextLength, options.keepAliveMs);
      });
      this.#loading.set(key, loading);
    }
    await Promise.race([loading, untilAborted(options.signal)]);
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

  /** The context a request gets: its `num_ctx`, else the model's own, else the scenario default, capped at the trained length. */
  #contextFor(model: MockModel, numCtx: unknown): number {
    const requested = typeof numCtx === 'number' && numCtx > 0 ? Math.floor(numCtx) : (model.numCtx ?? this.#defaultNumCtx);
    return Math.min(requested, model.contextLength);
  }

  #markLoaded(model: MockModel, contextLength: number, keepAliveMs: number | undefined): void {
    this.#loaded.set(model.name, {
      name: model.name,
      expiresAt: Date.now() + (keepAliveMs || DEFAULT_KEEP_ALIVE_MS),
      contextLength,
    });
  }
}
