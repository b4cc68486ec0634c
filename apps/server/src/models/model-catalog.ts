import type { ChatModel } from '@tauceti/contracts';
import type { OllamaClient } from '@tauceti/ollama';
import { createResidencyCache } from './residency-cache.ts';
import { sameModel } from './same-model.ts';

export interface ModelCatalogOptions {
  ollama: OllamaClient;
  /** How long a listing is reused before Ollama is asked again. @default 2000 */
  cacheMs?: number;
}

export interface ModelListing {
  models: ChatModel[];
  /** Why there are no models, when Ollama could not be asked. */
  error: string | null;
}

type Capabilities = { capabilities: string[]; contextLength: number | null };

/**
 * The models people can chat with: Ollama's `/api/tags`, each described by `/api/show` (cached by
 * digest, so a listing costs one `/api/show` per new model), marked loaded from `/api/ps`.
 * Embedding-only models are left out: they cannot chat.
 */
export function createModelCatalog({ ollama, cacheMs = 2000 }: ModelCatalogOptions) {
  const described = new Map<string, Capabilities>();
  const residency = createResidencyCache();
  let cached: { at: number; listing: Promise<ModelListing> } | null = null;

  async function describe(name: string, digest: string, signal?: AbortSignal): Promise<Capabilities> {
    const key = `${name}@${digest}`;
    const known = described.get(key);
    if (known) return known;
    const shown = await ollama.show(name, { signal });
    const value = { capabilities: shown.capabilities, contextLength: shown.contextLength };
    described.set(key, value);
    return value;
  }

  async function fetchListing(signal?: AbortSignal): Promise<ModelListing> {
    try {
      const [installed, loaded] = await Promise.all([
        ollama.listModels({ signal }),
        ollama.listLoaded({ signal }).then(
          (loaded) => {
            residency.record(loaded);
            return loaded;
          },
          () => [],
        ),
      ]);
      // New models are described in parallel; known ones come from the cache.
      const infos = await Promise.all(installed.map((model) => describe(model.name, model.digest, signal).catch(() => null)));
      const models: ChatModel[] = [];
      for (const [index, model] of installed.entries()) {
        const info = infos[index];
        const capabilities = info?.capabilities ?? [];
        // Servers older than capabilities report none: offer the model rather than hide it.
        const canChat = capabilities.length === 0 || capabilities.includes('completion');
        if (!canChat) continue;
        models.push({
          name: model.name,
          family: model.family,
          parameterSize: model.parameterSize,
          quantization: model.quantization,
          sizeBytes: model.sizeBytes,
          capabilities,
          contextLength: info?.contextLength ?? null,
          loaded: loaded.some((entry) => sameModel(entry.name, model.name)),
        });
      }
      return { models, error: null };
    } catch (error) {
      return { models: [], error: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    /** Chat models, newest first as Ollama lists them. */
    list(options: { fresh?: boolean; signal?: AbortSignal } = {}): Promise<ModelListing> {
      const now = Date.now();
      if (options.fresh || !cached || now - cached.at > cacheMs) {
        cached = { at: now, listing: fetchListing(options.signal) };
      }
      return cached.listing;
    },

    /**
     * The model by name (`llama3.2` matches `llama3.2:latest`); null if not installed or unknown.
     * On the chat's hot path: a stale listing answers at once while a fresh one is fetched behind it
     * (capabilities of an installed model do not change; a new model is seen on the next turn).
     */
    async find(name: string): Promise<{ model: ChatModel | null; reachable: boolean }> {
      const stale = cached && Date.now() - cached.at > cacheMs ? cached.listing : null;
      const fresh = this.list();
      const listing = await (stale ?? fresh);
      return { model: listing.models.find((model) => sameModel(model.name, name)) ?? null, reachable: listing.error === null };
    },

    /** Whether Ollama has the model in memory now; null when it cannot tell quickly. */
    async isLoaded(name: string, timeoutMs = 1000): Promise<boolean | null> {
      if (residency.isSurelyLoaded(name)) return true;
      try {
        const loaded = await ollama.listLoaded({ signal: AbortSignal.timeout(timeoutMs) });
        residency.record(loaded);
        return loaded.some((entry) => sameModel(entry.name, name));
      } catch {
        return null;
      }
    },
  };
}

export type ModelCatalog = ReturnType<typeof createModelCatalog>;
