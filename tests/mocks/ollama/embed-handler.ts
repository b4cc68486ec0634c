/**
 * `POST /api/embed` and the legacy `POST /api/embeddings`, with deterministic vectors.
 *
 * A vector is feature-hashed from the text's lower-cased words plus a little noise seeded by the
 * whole text, then L2-normalised: the same text always gives the same vector, and texts that share
 * words are closer (cosine) than texts that don't, so retrieval tests rank sensibly.
 */
import { decodeBody, type HandlerContext } from './handler-context.ts';
import { sendError, sendJson } from './http-util.ts';
import { findModel } from './models.ts';
import { estimateTokens } from './chat-reply.ts';
import { EMBED_REQUEST, EMBEDDINGS_REQUEST, type EmbeddingsRequest, type EmbedRequest } from './request-types.ts';
import type { MockModel } from './scenario.ts';

/** 32-bit FNV-1a. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** mulberry32: a tiny seeded PRNG in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The shortest decimal that reads back as the same float32, as Go prints `[]float32`. */
function float32(value: number): number {
  const rounded = Math.fround(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(rounded.toPrecision(digits));
    if (Math.fround(candidate) === rounded) return candidate;
  }
  return rounded;
}

function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

/** The mock's embedding of `text`: `dimensions` wide, unit length. */
export function mockEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(word);
    vector[hash % dimensions]! += hash >>> 31 ? -1 : 1;
  }
  const noise = seededRandom(fnv1a(text));
  return normalise(vector.map((value) => value + (noise() * 2 - 1) * 0.05));
}

function widthOf(model: MockModel): number {
  return model.embeddingLength ?? 768;
}

export async function handleEmbed(context: HandlerContext): Promise<void> {
  const { res, state, signal } = context;
  const request = decodeBody<EmbedRequest>(context, EMBED_REQUEST);
  if (!request) return;
  const name = request.model ?? '';
  if (name === '') return sendError(res, 400, 'model is required');
  const { input } = request;
  const isStringArray = Array.isArray(input) && input.every((item) => typeof item === 'string');
  if (input !== undefined && input !== null && typeof input !== 'string' && !isStringArray) {
    return sendError(res, 400, 'invalid input type');
  }
  const texts = typeof input === 'string' ? (input === '' ? [] : [input]) : ((input ?? []) as string[]);
  const model = findModel(state.scenario.models, name);
  if (!model) return sendError(res, 404, `model '${name}' not found`);

  await state.residency.ensureLoaded(model, { numCtx: request.options?.num_ctx, keepAliveMs: request.keep_alive, signal });
  const loadedNs = process.hrtime.bigint();
  state.residency.touch(model, request.keep_alive);
  if (texts.length === 0) return sendJson(res, 200, { model: name, embeddings: [] });

  const width = widthOf(model);
  const cut = request.dimensions && request.dimensions > 0 && request.dimensions < width ? request.dimensions : width;
  const embeddings = texts.map((text) => normalise(mockEmbedding(text, width).slice(0, cut)).map(float32));
  const doneNs = process.hrtime.bigint();
  sendJson(res, 200, {
    model: name,
    embeddings,
    total_duration: Number(doneNs - context.startNs),
    load_duration: Number(loadedNs - context.startNs),
    prompt_eval_count: texts.reduce((sum, text) => sum + estimateTokens(text), 0),
  });
}

/** Legacy `{model, prompt}` → `{embedding: [...]}`; an empty prompt only loads the model. */
export async function handleEmbeddings(context: HandlerContext): Promise<void> {
  const { res, state, signal } = context;
  const request = decodeBody<EmbeddingsRequest>(context, EMBEDDINGS_REQUEST);
  if (!request) return;
  const name = request.model ?? '';
  if (name === '') return sendError(res, 400, 'model is required');
  const model = findModel(state.scenario.models, name);
  // This route finds out at schedule time (handleScheduleError), hence the other wording.
  if (!model) return sendError(res, 404, `model ${JSON.stringify(name)} not found, try pulling it first`);
  await state.residency.ensureLoaded(model, { numCtx: request.options?.num_ctx, keepAliveMs: request.keep_alive, signal });
  state.residency.touch(model, request.keep_alive);
  const prompt = request.prompt ?? '';
  sendJson(res, 200, { embedding: prompt === '' ? [] : mockEmbedding(prompt, widthOf(model)) });
}
