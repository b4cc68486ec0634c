import type { StoredChunk } from '../store/chunk-columns.ts';
import type { VaultStore } from '../store/open-vault-store.ts';
import type { VaultEmbedder } from './vault-index-types.ts';

/** Thrown when the embedder answers with something that is not one vector per text, all of one width. */
export class EmbedderResponseError extends Error {
  override readonly name = 'EmbedderResponseError';
}

/**
 * The embedder's answer as unit-length Float32Arrays, checked: one per text, one width, finite
 * numbers. Unit length makes the stored dot product the cosine (what the search ranks by), at
 * half the cost of a cosine distance.
 */
export function toVectors(answer: unknown, count: number): Float32Array[] {
  if (!Array.isArray(answer) || answer.length !== count) {
    throw new EmbedderResponseError(`The embedder returned ${Array.isArray(answer) ? answer.length : 'no'} vectors for ${count} texts`);
  }
  const vectors = answer.map((vector: unknown) =>
    vector instanceof Float32Array ? Float32Array.from(vector) : Array.isArray(vector) ? Float32Array.from(vector as number[]) : new Float32Array(0),
  );
  const width = vectors[0]?.length ?? 0;
  for (const vector of vectors) {
    if (vector.length === 0 || vector.length !== width) throw new EmbedderResponseError('The embedder returned vectors of different or zero widths');
    let norm = 0;
    for (const value of vector) {
      if (!Number.isFinite(value)) throw new EmbedderResponseError('The embedder returned a vector with a non-finite number');
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index]! /= norm;
  }
  return vectors;
}

export interface ChunkEmbedder {
  /**
   * Embeds the chunks that have no vector, `batchSize` texts per call, and sets their `vector`.
   * Returns how many it filled. Throws the embedder's error (chunks filled before it keep theirs).
   */
  fill(chunks: StoredChunk[], signal?: AbortSignal): Promise<number>;
}

/**
 * Embeds chunks for the index. The first answer fixes the vector column: one of another width or
 * model is replaced (all vectors dropped, never mixed).
 */
export function createChunkEmbedder(options: { store: VaultStore; embedder: VaultEmbedder; batchSize: number }): ChunkEmbedder {
  const { store, embedder, batchSize } = options;
  // The width the vector column was last made for (a model re-pulled under its name may change it).
  let columnWidth: number | null = null;
  return {
    async fill(chunks, signal) {
      const missing = chunks.filter((chunk) => !chunk.vector);
      let filled = 0;
      for (let start = 0; start < missing.length; start += batchSize) {
        const batch = missing.slice(start, start + batchSize);
        const answer = await embedder.embed(batch.map((chunk) => chunk.text), signal ? { signal } : {});
        const vectors = toVectors(answer, batch.length);
        if (columnWidth !== vectors[0]!.length) {
          await store.ensureVectorColumn(vectors[0]!.length, embedder.model);
          columnWidth = vectors[0]!.length;
        }
        batch.forEach((chunk, index) => {
          chunk.vector = vectors[index]!;
        });
        filled += batch.length;
      }
      return filled;
    },
  };
}
