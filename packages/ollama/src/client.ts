/**
 * `createOllamaClient`: the Ollama calls the AI SDK provider does not make (model list, details,
 * residency, embeddings). Chat generation goes through `ollama-ai-provider-v2` in the server.
 */
import { z } from 'zod';
import { embed, type EmbedOptions, type EmbedResult } from './embed.ts';
import { listLoaded, type OllamaLoadedModel } from './list-loaded.ts';
import { listModels, type OllamaModel } from './list-models.ts';
import { loadModel, unloadModel, type LoadOptions } from './load-model.ts';
import { requestJson, type RequestContext } from './request-json.ts';
import { showModel, type OllamaModelInfo } from './show-model.ts';

export interface OllamaClientOptions {
  /** Where Ollama listens, e.g. `http://127.0.0.1:11434`; a trailing `/` or `/api` is dropped. */
  baseUrl: string;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Time limit of each call in ms, long enough for `load()` or `embed()` to wait for a cold model load. @default 120000 */
  timeoutMs?: number;
}

export interface CallOptions {
  /** Aborting rejects the call with the signal's reason (an AbortError), not an `OllamaError`. */
  signal?: AbortSignal;
}

/** Every method throws `OllamaError` on failure. */
export interface OllamaClient {
  /** The normalised base URL. */
  readonly baseUrl: string;
  /** Ollama's version, e.g. `0.12.10`: also the cheapest "is it up?" check. */
  version(options?: CallOptions): Promise<string>;
  /** Installed models, newest first. */
  listModels(options?: CallOptions): Promise<OllamaModel[]>;
  /** One model's capabilities and context length; a missing model is an `OllamaError` with status 404. */
  show(model: string, options?: CallOptions): Promise<OllamaModelInfo>;
  /** Models in memory now. */
  listLoaded(options?: CallOptions): Promise<OllamaLoadedModel[]>;
  embed(options: EmbedOptions): Promise<EmbedResult>;
  /** Loads a model into memory ahead of use. */
  load(model: string, options?: LoadOptions): Promise<void>;
  /** Frees a model's memory now. */
  unload(model: string, options?: CallOptions): Promise<void>;
}

const versionSchema = z.object({ version: z.string() });

/** Creates a client for the Ollama at `baseUrl`. Reads no environment variables. */
export function createOllamaClient(options: OllamaClientOptions): OllamaClient {
  const context: RequestContext = {
    baseUrl: options.baseUrl.replace(/\/+$/, '').replace(/\/api$/, ''),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 120_000,
  };
  return {
    baseUrl: context.baseUrl,
    async version({ signal } = {}) {
      return (await requestJson(context, { method: 'GET', path: '/api/version', schema: versionSchema, signal })).version;
    },
    listModels: ({ signal } = {}) => listModels(context, signal),
    show: (model, { signal } = {}) => showModel(context, model, signal),
    listLoaded: ({ signal } = {}) => listLoaded(context, signal),
    embed: (embedOptions) => embed(context, embedOptions),
    load: (model, loadOptions) => loadModel(context, model, loadOptions),
    unload: (model, { signal } = {}) => unloadModel(context, model, signal),
  };
}
