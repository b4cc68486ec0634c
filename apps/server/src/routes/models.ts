import type { ModelsResponse } from '@tauceti/contracts';
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { sameModel } from '../models/same-model.ts';

/** `GET /api/models`: the picker's list; empty with an `error` when Ollama can't be reached. */
export function modelsRoutes({ catalog, env }: Pick<Deps, 'catalog' | 'env'>) {
  return new Hono().get('/api/models', async (c) => {
    // Asked rarely (page load, after a model load), and "loaded" must be current: always fresh.
    const listing = await catalog.list({ fresh: true });
    const preferred = env.DEFAULT_MODEL;
    const body: ModelsResponse = {
      models: listing.models,
      defaultModel: (preferred && listing.models.find((model) => sameModel(model.name, preferred))?.name) ?? null,
      error: listing.error,
    };
    return c.json(body);
  });
}
