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

type Capabilities = { capabilities: string[]; contextLength: number | null; numCtx: number | null };

/** The context window a model runs with, and who said so. */
export interface ContextWindow {
  tokens: number;
  source: 'ollama-ps' | 'model-parameters' | 'setting';
}

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
    const value = { capabilities: shown.capabilities, contextLength: shown.contextLength, numCtx: shown.numCtx };
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
     * On the chat's hot path, so it never waits for, nor starts, a refresh when the listing already
     * knows the model, however old: the capabilities of an installed model do not change, and a
     * refresh running beside the answer would slow its first token. Only a model the listing does
     * not know (just pulled, or a typo) is looked up afresh.
     */
    async find(name: string): Promise<{ model: ChatModel | null; reachable: boolean }> {
      const known = cached ? await cached.listing : null;
      const hit = known?.models.find((model) => sameModel(model.name, name));
      if (known && hit) return { model: hit, reachable: true };
      const listing = await this.list({ fresh: known !== null && Date.now() - (cached?.at ?? 0) >= cacheMs });
      return { model: listing.models.find((model) => sameModel(model.name, name)) ?? null, reachable: listing.error === null };
    },

    /**
     * The context window the model really runs with: `context_length` in `/api/ps` (the last one
     * seen for it), else the `num_ctx` of its Modelfile (`/api/show`), else `fallback` (our mirror
     * of Ollama's `OLLAMA_CONTEXT_LENGTH`). `psAnswered` is the turn's own `/api/ps` question: only
     * awaited for a model never seen loaded, so a warm model's first token does not wait for it.
     */
    async contextWindow(name: string, fallback: number, psAnswered: Promise<unknown> = Promise.resolve()): Promise<ContextWindow> {
      let loaded = residency.contextLength(name);
      if (!loaded) {
        await psAnswered;
        loaded = residency.contextLength(name);
      }
      if (loaded) return { tokens: loaded, source: 'ollama-ps' };
      const listing = await (cached?.listing ?? this.list());
      const model = listing.models.find((entry) => sameModel(entry.name, name));
      const known = model ? [...described.entries()].find(([key]) => key.startsWith(`${model.name}@`))?.[1] : undefined;
      if (known?.numCtx) return { tokens: known.numCtx, source: 'model-parameters' };
      return { tokens: fallback, source: 'setting' };
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
