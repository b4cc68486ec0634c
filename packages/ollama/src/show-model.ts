/**
 * `POST /api/show`: one model's capabilities and context length.
 */
import { z } from 'zod';
import { modelDetailsSchema, toModelDetails, type ModelDetails } from './model-details.ts';
import { requestJson, type RequestContext } from './request-json.ts';

const showSchema = z.object({
  capabilities: z.array(z.string()).nullish(),
  details: modelDetailsSchema,
  model_info: z.record(z.string(), z.unknown()).nullish(),
  parameters: z.string().nullish(),
  modified_at: z.string().nullish(),
});

/** What `/api/show` says about a model. */
export interface OllamaModelInfo extends ModelDetails {
  /** The name as asked. */
  name: string;
  /** e.g. `completion`, `tools`, `vision`, `thinking`, `embedding`; empty on servers too old to say. */
  capabilities: string[];
  /** Trained context length (`<architecture>.context_length`), or null when unknown. */
  contextLength: number | null;
  /**
   * `num_ctx` set in the Modelfile (`PARAMETER num_ctx 8192`, listed in `parameters`): the context
   * Ollama loads the model with when nothing else says otherwise; null when not set.
   */
  numCtx: number | null;
  /** Embedding width (`<architecture>.embedding_length`), or null when unknown. */
  embeddingLength: number | null;
  /** `general.parameter_count`, or null. */
  parameterCount: number | null;
  modifiedAt: string | null;
}

/** `model_info[<architecture>.<key>]`, else the first `*.<key>` that is a number. */
function infoNumber(info: Record<string, unknown>, key: string): number | null {
  const architecture = info['general.architecture'];
  const preferred = typeof architecture === 'string' ? info[`${architecture}.${key}`] : undefined;
  if (typeof preferred === 'number') return preferred;
  const fallback = Object.entries(info).find(([name, value]) => name.endsWith(`.${key}`) && typeof value === 'number');
  return fallback ? (fallback[1] as number) : null;
}

/** `num_ctx` from the `parameters` text of `/api/show` (one `name value` pair per line). */
export function parseNumCtx(parameters: string | null | undefined): number | null {
  const match = /^\s*num_ctx\s+(\d+)\s*$/m.exec(parameters ?? '');
  const value = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

export async function showModel(context: RequestContext, model: string, signal?: AbortSignal): Promise<OllamaModelInfo> {
  const shown = await requestJson(context, { method: 'POST', path: '/api/show', body: { model }, schema: showSchema, signal });
  const info = shown.model_info ?? {};
  const parameterCount = info['general.parameter_count'];
  return {
    name: model,
    capabilities: shown.capabilities ?? [],
    contextLength: infoNumber(info, 'context_length'),
    numCtx: parseNumCtx(shown.parameters),
    embeddingLength: infoNumber(info, 'embedding_length'),
    parameterCount: typeof parameterCount === 'number' ? parameterCount : null,
    modifiedAt: shown.modified_at ?? null,
    ...toModelDetails(shown.details),
  };
}
