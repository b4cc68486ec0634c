/**
 * `GET /api/tags`: the installed models, newest first (Ollama's order).
 */
import { z } from 'zod';
import { modelDetailsSchema, toModelDetails, type ModelDetails } from './model-details.ts';
import { requestJson, type RequestContext } from './request-json.ts';

const tagsSchema = z.object({
  models: z
    .array(
      z.object({
        name: z.string(),
        modified_at: z.string().nullish(),
        size: z.number().nullish(),
        digest: z.string().nullish(),
        details: modelDetailsSchema,
        capabilities: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
});

/** An installed model. */
export interface OllamaModel extends ModelDetails {
  /** With its tag, e.g. `llama3.2:latest`. */
  name: string;
  /** RFC 3339 time of the last pull or create; `''` if Ollama gave none. */
  modifiedAt: string;
  sizeBytes: number;
  /** Manifest digest; changes when the model is re-pulled. */
  digest: string;
  /** Only newer servers list capabilities here; null means ask `show()`. */
  capabilities: string[] | null;
}

export async function listModels(context: RequestContext, signal?: AbortSignal): Promise<OllamaModel[]> {
  const { models } = await requestJson(context, { method: 'GET', path: '/api/tags', schema: tagsSchema, signal });
  return (models ?? []).map((model) => ({
    name: model.name,
    modifiedAt: model.modified_at ?? '',
    sizeBytes: model.size ?? 0,
    digest: model.digest ?? '',
    capabilities: model.capabilities ?? null,
    ...toModelDetails(model.details),
  }));
}
