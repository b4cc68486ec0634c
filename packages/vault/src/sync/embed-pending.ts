import type { StoredChunk } from '../store/chunk-columns.ts';
import type { VaultStore } from '../store/open-vault-store.ts';
import type { VaultEmbedder } from './vault-index-types.ts';

/** Embedding batches per vector write: fewer commits (and versions) than one write per call. */
const BATCHES_PER_WRITE = 4;

export interface EmbedPendingInput {
  store: VaultStore;
  embedder: VaultEmbedder;
  /** Texts per embedding call. */
  batchSize: number;
  signal?: AbortSignal;
  /** Chunks without a vector when the pass began, for progress. */
  total: number;
  onProgress?: (done: number, total: number) => void;
  /** Asked between writes: true stops the pass early (changed notes wait to be indexed first). */
  shouldYield?: () => boolean;
}

export interface EmbedPendingResult {
  embedded: number;
  /** The embedder's error, when it failed (the index stays full-text only for those chunks). */
  error: unknown;
  yielded: boolean;
  writes: number;
}

/** Thrown when the embedder answers with something that is not one vector per text, all of one width. */
export class EmbedderResponseError extends Error {
  override readonly name = 'EmbedderResponseError';
}

/** The embedder's answer as Float32Arrays, checked: one per text, one width, finite numbers. */
export function toVectors(answer: unknown, count: number): Float32Array[] {
  if (!Array.isArray(answer) || answer.length !== count) {
    throw new EmbedderResponseError(`The embedder returned ${Array.isArray(answer) ? answer.length : 'no'} vectors for ${count} texts`);
  }
  const vectors = answer.map((vector: unknown) =>
    vector instanceof Float32Array ? vector : Array.isArray(vector) ? Float32Array.from(vector as number[]) : new Float32Array(0),
  );
  const width = vectors[0]?.length ?? 0;
  for (const vector of vectors) {
    if (vector.length === 0 || vector.length !== width) throw new EmbedderResponseError('The embedder returned vectors of different or zero widths');
    if (!vector.every(Number.isFinite)) throw new EmbedderResponseError('The embedder returned a vector with a non-finite number');
  }
  return vectors;
}

/**
 * Embeds the chunks that have no vector, `batchSize` texts per call, writing every few calls. The
 * first answer fixes the vector column: a different width or model replaces it (all vectors are
 * dropped, never mixed). Stops at the first embedder failure and reports it.
 */
export async function embedPending(input: EmbedPendingInput): Promise<EmbedPendingResult> {
  const { store, embedder, batchSize } = input;
  const result: EmbedPendingResult = { embedded: 0, error: null, yielded: false, writes: 0 };
  const attempted = new Set<string>();
  let columnChecked = false;
  for (;;) {
    input.signal?.throwIfAborted();
    if (input.shouldYield?.()) {
      result.yielded = true;
      return result;
    }
    const rows = (await store.chunksWithoutVector(batchSize * BATCHES_PER_WRITE)).filter((row) => !attempted.has(row.id));
    // Rows that keep coming back were re-chunked by another process meanwhile: it embeds them.
    if (rows.length === 0) return result;
    const embedded: StoredChunk[] = [];
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      let vectors: Float32Array[];
      try {
        vectors = toVectors(await embedder.embed(batch.map((row) => row.text), input.signal ? { signal: input.signal } : {}), batch.length);
      } catch (error) {
        if (input.signal?.aborted) throw error;
        result.error = error;
        break;
      }
      if (!columnChecked) {
        const before = await store.vectorColumn();
        await store.ensureVectorColumn(vectors[0]!.length, embedder.model);
        columnChecked = true;
        // The model or its width changed: every vector was dropped; this pass fills them all again.
        if (before && (before.width !== vectors[0]!.length || before.model !== embedder.model)) attempted.clear();
      }
      batch.forEach((row, index) => embedded.push({ ...row, vector: vectors[index]! }));
    }
    rows.forEach((row) => attempted.add(row.id));
    if (embedded.length > 0) {
      result.embedded += await store.writeVectors(embedded);
      result.writes++;
      input.onProgress?.(Math.min(result.embedded, input.total), input.total);
    }
    if (result.error) return result;
  }
}
