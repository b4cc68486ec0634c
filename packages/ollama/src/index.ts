/**
 * @module
 * Ollama HTTP client: models, residency (load/unload) and embeddings. Knows nothing of Hono or the
 * AI SDK; takes `{ baseUrl, fetch?, timeoutMs? }` and returns plain camelCase data.
 */
export { createOllamaClient } from './client.ts';
export type { CallOptions, OllamaClient, OllamaClientOptions } from './client.ts';
export { OllamaError } from './errors.ts';
export type { OllamaErrorCode, OllamaErrorOptions } from './errors.ts';
export type { EmbedOptions, EmbedResult } from './embed.ts';
export type { OllamaLoadedModel } from './list-loaded.ts';
export type { OllamaModel } from './list-models.ts';
export type { LoadOptions } from './load-model.ts';
export type { ModelDetails } from './model-details.ts';
export type { OllamaModelInfo } from './show-model.ts';
