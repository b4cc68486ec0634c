import type { OllamaClient } from '@tauceti/ollama';
import { describe, expect, it } from 'vitest';
import { createModelCatalog } from './model-catalog.ts';

function countingOllama(models: string[]) {
  const calls = { tags: 0, ps: 0, show: 0 };
  const ollama = {
    listModels: async () => {
      calls.tags += 1;
      return models.map((name) => ({ name, digest: `d-${name}`, family: 'llama', parameterSize: '3B', quantization: 'Q4', sizeBytes: 1 }));
    },
    listLoaded: async () => {
      calls.ps += 1;
      return [{ name: models[0], expiresAt: null, contextLength: 8192 }];
    },
    show: async (name: string) => {
      calls.show += 1;
      return { capabilities: ['completion', 'tools'], contextLength: 131072, numCtx: name === 'mistral:latest' ? 16384 : null };
    },
  } as unknown as OllamaClient;
  return { ollama, calls };
}

describe('createModelCatalog', () => {
  it('finds a known model without asking Ollama again, however old the listing is', async () => {
    const { ollama, calls } = countingOllama(['llama3.2:latest']);
    const catalog = createModelCatalog({ ollama, cacheMs: 0 });
    await catalog.list();
    const before = { ...calls };
    const found = await catalog.find('llama3.2');
    expect(found.model?.name).toBe('llama3.2:latest');
    expect(calls).toEqual(before);
  });

  it('looks a model up afresh when the listing does not know it', async () => {
    const models = ['llama3.2:latest'];
    const { ollama, calls } = countingOllama(models);
    const catalog = createModelCatalog({ ollama, cacheMs: 0 });
    await catalog.list();
    models.push('qwen3:4b');
    expect((await catalog.find('qwen3:4b')).model?.name).toBe('qwen3:4b');
    expect(calls.tags).toBe(2);
  });

  it('tells the context window from /api/ps, else the Modelfile num_ctx, else the setting', async () => {
    const { ollama } = countingOllama(['llama3.2:latest', 'mistral:latest', 'phi:latest']);
    const catalog = createModelCatalog({ ollama });
    await catalog.list();
    await catalog.isLoaded('llama3.2:latest');
    expect(await catalog.contextWindow('llama3.2', 4096)).toEqual({ tokens: 8192, source: 'ollama-ps' });
    expect(await catalog.contextWindow('mistral', 4096)).toEqual({ tokens: 16384, source: 'model-parameters' });
    expect(await catalog.contextWindow('phi', 4096)).toEqual({ tokens: 4096, source: 'setting' });
  });
});
