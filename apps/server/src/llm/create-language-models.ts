import type { LanguageModel } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import { createOllamaFetch, type OllamaFetchOptions } from './ollama-fetch.ts';

export type LanguageModels = (modelName: string) => LanguageModel;

/** Chat models served by Ollama through the AI SDK provider, with our error-surfacing fetch. */
export function createLanguageModels(options: OllamaFetchOptions): LanguageModels {
  const provider = createOllama({ baseURL: `${options.baseUrl}/api`, fetch: createOllamaFetch(options) });
  return (modelName) => provider(modelName);
}
