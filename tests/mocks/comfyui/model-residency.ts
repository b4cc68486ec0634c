/**
 * Which checkpoints are in VRAM (`comfy/model_management.py` `current_loaded_models`, much
 * simplified): the sampler loads its model, evicting the least recently used ones that no longer
 * fit next to `externalVramBytes`; `unload_all_models` (from `/free` or after an OOM) empties it.
 * `/system_stats` reports `vram_free` from this.
 */
import { checkpointVram, scenarioDefaults, type ComfyScenario, type MockCheckpoint } from './scenario.ts';

/** A checkpoint resident in VRAM. */
export interface LoadedModel {
  name: string;
  vramBytes: number;
  /** When it was (last) loaded or used (ms since epoch). */
  usedAt: number;
}

export class ModelResidency {
  readonly #loaded = new Map<string, LoadedModel>();

  constructor(private readonly changed: () => void) {}

  /** Forgets everything and loads the checkpoints the scenario marks `loaded`. */
  reset(scenario: ComfyScenario): void {
    this.#loaded.clear();
    for (const checkpoint of scenario.checkpoints) {
      if (checkpoint.loaded) this.#loaded.set(checkpoint.name, { name: checkpoint.name, vramBytes: checkpointVram(checkpoint), usedAt: Date.now() });
    }
    this.changed();
  }

  isLoaded(name: string): boolean {
    return this.#loaded.has(name);
  }

  /** Least recently used first. */
  list(): LoadedModel[] {
    return [...this.#loaded.values()].map((model) => ({ ...model }));
  }

  vramUsed(): number {
    let total = 0;
    for (const model of this.#loaded.values()) total += model.vramBytes;
    return total;
  }

  /** True when `checkpoint` fits next to what other processes hold (ComfyUI can always evict its own models). */
  fits(checkpoint: MockCheckpoint, scenario: ComfyScenario): boolean {
    const { vramTotal, externalVramBytes } = scenarioDefaults(scenario);
    return checkpointVram(checkpoint) + externalVramBytes <= vramTotal;
  }

  /** Marks `checkpoint` resident (most recently used), evicting others until it fits. */
  load(checkpoint: MockCheckpoint, scenario: ComfyScenario): void {
    const { vramTotal, externalVramBytes } = scenarioDefaults(scenario);
    const need = checkpointVram(checkpoint);
    this.#loaded.delete(checkpoint.name);
    for (const model of [...this.#loaded.values()]) {
      if (this.vramUsed() + need + externalVramBytes <= vramTotal) break;
      this.#loaded.delete(model.name);
    }
    this.#loaded.set(checkpoint.name, { name: checkpoint.name, vramBytes: need, usedAt: Date.now() });
    this.changed();
  }

  unloadAll(): void {
    if (this.#loaded.size === 0) return;
    this.#loaded.clear();
    this.changed();
  }
}
