/**
 * The `details` object Ollama attaches to models in `/api/tags`, `/api/show` and `/api/ps`.
 */
import { z } from 'zod';

export const modelDetailsSchema = z
  .object({
    format: z.string().nullish(),
    family: z.string().nullish(),
    families: z.array(z.string()).nullish(),
    parameter_size: z.string().nullish(),
    quantization_level: z.string().nullish(),
  })
  .nullish();

/** A model's architecture and size, as Ollama describes it; null where Ollama said nothing. */
export interface ModelDetails {
  /** e.g. `llama`, `qwen3`, `nomic-bert` */
  family: string | null;
  families: string[];
  /** e.g. `3.2B` */
  parameterSize: string | null;
  /** e.g. `Q4_K_M` */
  quantization: string | null;
  /** e.g. `gguf` */
  format: string | null;
}

export function toModelDetails(details: z.infer<typeof modelDetailsSchema>): ModelDetails {
  return {
    family: details?.family || null,
    families: details?.families ?? (details?.family ? [details.family] : []),
    parameterSize: details?.parameter_size || null,
    quantization: details?.quantization_level || null,
    format: details?.format || null,
  };
}
