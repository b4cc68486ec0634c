/**
 * `POST /api/embed`: one vector per input text.
 */
import { z } from 'zod';
import { OllamaError } from './errors.ts';
import { requestJson, type RequestContext } from './request-json.ts';

const embedSchema = z.object({
  model: z.string().nullish(),
  embeddings: z.array(z.array(z.number())),
  prompt_eval_count: z.number().nullish(),
});

export interface EmbedOptions {
  /** An embedding model such as `nomic-embed-text`. */
  model: string;
  /** The texts; an empty list returns no vectors without calling Ollama. */
  input: string[];
  /** How long Ollama keeps the model in memory afterwards: seconds, or a Go duration such as `'10m'`; negative keeps it. @default Ollama's own (5 minutes) */
  keepAlive?: number | string;
  /** Shorten each vector to this many dimensions (Ollama renormalises it). @default the model's full width */
  dimensions?: number;
  signal?: AbortSignal;
}

export interface EmbedResult {
  model: string;
  /** One unit-length vector per input text, in input order. */
  embeddings: number[][];
  /** Tokens Ollama read, or null when it did not say. */
  promptTokens: number | null;
}

export async function embed(context: RequestContext, options: EmbedOptions): Promise<EmbedResult> {
  const { model, input, keepAlive, dimensions, signal } = options;
  if (input.length === 0) return { model, embeddings: [], promptTokens: 0 };
  const body = { model, input, keep_alive: keepAlive, dimensions };
  const answer = await requestJson(context, { method: 'POST', path: '/api/embed', body, schema: embedSchema, signal });
  if (answer.embeddings.length !== input.length) {
    const message = `Ollama returned ${answer.embeddings.length} embeddings for ${input.length} texts from ${model}.`;
    throw new OllamaError(message, { url: `${context.baseUrl}/api/embed`, status: 200, code: 'invalid_response' });
  }
  return { model: answer.model ?? model, embeddings: answer.embeddings, promptTokens: answer.prompt_eval_count ?? null };
}
