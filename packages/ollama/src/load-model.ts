/**
 * Explicit residency: load a model into memory ahead of use, or unload it (PROTOCOLS.md §1.4).
 * The AI SDK provider never sends `keep_alive`, so this is how the server manages GPU memory.
 */
import { z } from 'zod';
import { OllamaError } from './errors.ts';
import { requestJson, type RequestContext } from './request-json.ts';

const doneSchema = z.object({ done: z.boolean().nullish(), done_reason: z.string().nullish() });
const embedLoadSchema = z.object({ embeddings: z.array(z.unknown()).nullish() });

export interface LoadOptions {
  /** How long Ollama keeps it after this: seconds, or a Go duration such as `'30m'`; negative keeps it until unloaded. @default Ollama's own (5 minutes) */
  keepAlive?: number | string;
  /** Context size to load with. Use the `num_ctx` later chats send, or Ollama reloads the model for them. @default Ollama's own */
  numCtx?: number;
  signal?: AbortSignal;
}

/** Loads `model` (a chat with no messages); resolves once it is in memory. */
export async function loadModel(context: RequestContext, model: string, options: LoadOptions = {}): Promise<void> {
  const { keepAlive, numCtx, signal } = options;
  const shared = { model, keep_alive: keepAlive, options: numCtx === undefined ? undefined : { num_ctx: numCtx } };
  try {
    await requestJson(context, { method: 'POST', path: '/api/chat', body: { ...shared, messages: [] }, schema: doneSchema, signal });
  } catch (error) {
    // Ollama checks capabilities before loading, so an embedding-only model refuses a chat;
    // an embed with no input loads any model.
    if (!(error instanceof OllamaError && error.status === 400 && error.message.endsWith('does not support chat'))) throw error;
    await requestJson(context, { method: 'POST', path: '/api/embed', body: { ...shared, input: [] }, schema: embedLoadSchema, signal });
  }
}

/** Unloads `model` now (`keep_alive: 0`); works for every kind of model, loaded or not. */
export async function unloadModel(context: RequestContext, model: string, signal?: AbortSignal): Promise<void> {
  const body = { model, messages: [], keep_alive: 0 };
  await requestJson(context, { method: 'POST', path: '/api/chat', body, schema: doneSchema, signal });
}
