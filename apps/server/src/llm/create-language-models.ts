import type { OllamaError } from '@tauceti/ollama';
import type { LanguageModel } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import { createOllamaFetch, type OllamaFetchOptions } from './ollama-fetch.ts';

/** A model for one streamed answer, and how it went wrong upstream after the answer began. */
export interface OpenedModel {
  model: LanguageModel;
  /**
   * Why Ollama ended the answer early (an error line, a broken connection, a stall), or null. The
   * stream itself then ends normally with every token that came before, so none is lost; check this
   * once it is over.
   */
  failure: () => OllamaError | null;
}

export interface LanguageModels {
  /** A model whose failures surface as stream errors (enough for one-shot calls such as titles). */
  (modelName: string): LanguageModel;
  /** A model for one streamed answer, keeping every token before a failure. */
  open(modelName: string): OpenedModel;
}

/** Chat models served by Ollama through the AI SDK provider, with our error-surfacing fetch. */
export function createLanguageModels(options: OllamaFetchOptions): LanguageModels {
  const provider = (fetchOptions: OllamaFetchOptions) =>
    createOllama({ baseURL: `${options.baseUrl}/api`, fetch: createOllamaFetch(fetchOptions) });
  const shared = provider(options);
  return Object.assign((modelName: string) => shared(modelName), {
    open(modelName: string): OpenedModel {
      let failure: OllamaError | null = null;
      const model = provider({ ...options, onFailure: (error) => (failure ??= error) })(modelName);
      return { model, failure: () => failure };
    },
  });
}

/** Language models from a plain factory (tests pass the AI SDK's mock models); failures are stream errors. */
export function languageModelsFrom(factory: (modelName: string) => LanguageModel): LanguageModels {
  return Object.assign((modelName: string) => factory(modelName), {
    open: (modelName: string): OpenedModel => ({ model: factory(modelName), failure: () => null }),
  });
}
