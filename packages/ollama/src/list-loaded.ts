/**
 * `GET /api/ps`: the models in memory, longest time left first (Ollama's order).
 */
import { z } from 'zod';
import { modelDetailsSchema, toModelDetails, type ModelDetails } from './model-details.ts';
import { requestJson, type RequestContext } from './request-json.ts';

const psSchema = z.object({
  models: z
    .array(
      z.object({
        name: z.string(),
        size: z.number().nullish(),
        size_vram: z.number().nullish(),
        digest: z.string().nullish(),
        details: modelDetailsSchema,
        expires_at: z.string().nullish(),
        context_length: z.number().nullish(),
      }),
    )
    .nullish(),
});

/** A model Ollama holds in memory. */
export interface OllamaLoadedModel extends ModelDetails {
  name: string;
  digest: string;
  /** Memory it takes in all. */
  sizeBytes: number;
  /** The part of it in GPU memory; less than `sizeBytes` means partly on the CPU. */
  vramBytes: number;
  /** RFC 3339 time Ollama will unload it, as Ollama wrote it; null if not given. */
  expiresAt: string | null;
  /** The context it was loaded with; null on servers that do not say. */
  contextLength: number | null;
}

export async function listLoaded(context: RequestContext, signal?: AbortSignal): Promise<OllamaLoadedModel[]> {
  const { models } = await requestJson(context, { method: 'GET', path: '/api/ps', schema: psSchema, signal });
  return (models ?? []).map((model) => ({
    name: model.name,
    digest: model.digest ?? '',
    sizeBytes: model.size ?? 0,
    vramBytes: model.size_vram ?? 0,
    expiresAt: model.expires_at ?? null,
    contextLength: model.context_length || null,
    ...toModelDetails(model.details),
  }));
}
