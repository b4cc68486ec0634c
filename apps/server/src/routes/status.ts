import type { StatusResponse } from '@tauceti/contracts';
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { VERSION } from '../version.ts';

type StatusDeps = Pick<Deps, 'env' | 'ollama' | 'store' | 'generations' | 'startedAt' | 'vault' | 'comfyui' | 'gpu'>;

/** What the status page and the CLI show: is Ollama there, which models hold the GPU. */
export async function collectStatus(deps: StatusDeps): Promise<StatusResponse> {
  const signal = AbortSignal.timeout(3000);
  const [version, loaded] = await Promise.allSettled([deps.ollama.version({ signal }), deps.ollama.listLoaded({ signal })]);
  const comfyui = deps.comfyui ? await deps.comfyui.status() : null;
  const failure = [version, loaded].find((result) => result.status === 'rejected');
  return {
    version: VERSION,
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    ollama: {
      url: deps.env.OLLAMA_URL,
      reachable: version.status === 'fulfilled',
      version: version.status === 'fulfilled' ? version.value : null,
      error: failure ? (failure.reason instanceof Error ? failure.reason.message : String(failure.reason)) : null,
      loadedModels:
        loaded.status === 'fulfilled'
          ? loaded.value.map((model) => ({
              name: model.name,
              sizeBytes: model.sizeBytes,
              vramBytes: model.vramBytes,
              expiresAt: model.expiresAt,
              contextLength: model.contextLength,
            }))
          : [],
    },
    storage: { dataDir: deps.env.DATA_DIR, conversations: deps.store.conversations.count() },
    activeGenerations: deps.generations.size,
    vault: deps.vault.state(),
    images: comfyui ? { comfyui, gpu: deps.gpu.describe() } : null,
  };
}

export function statusRoutes(deps: StatusDeps) {
  return new Hono().get('/api/status', async (c) => c.json(await collectStatus(deps)));
}
