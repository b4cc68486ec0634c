import type { VaultStore } from '../store/open-vault-store.ts';
import type { ChunkEmbedder } from './chunk-embedder.ts';

/** Chunks read, embedded and written per vector write: few commits, and the texts of one group in memory. */
const CHUNKS_PER_WRITE = 1024;

export interface EmbedPendingInput {
  store: VaultStore;
  embedder: ChunkEmbedder;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Asked between writes: true stops the pass early (changed notes wait to be indexed first). */
  shouldYield?: () => boolean;
}

export interface EmbedPendingResult {
  embedded: number;
  /** The embedder's error, when it failed (those chunks stay full-text only for now). */
  error: unknown;
  yielded: boolean;
  writes: number;
}

/**
 * Embeds every chunk that has no vector (the embedder was down when it was indexed, or the model
 * changed): one scan for their ids, then groups read by id, embedded and written back. A chunk
 * re-chunked by another process meanwhile keeps its newer text (and is embedded by that process).
 */
export async function embedPending(input: EmbedPendingInput): Promise<EmbedPendingResult> {
  const { store } = input;
  const result: EmbedPendingResult = { embedded: 0, error: null, yielded: false, writes: 0 };
  const ids = await store.idsWithoutVector();
  for (let start = 0; start < ids.length; start += CHUNKS_PER_WRITE) {
    input.signal?.throwIfAborted();
    if (input.shouldYield?.()) {
      result.yielded = true;
      break;
    }
    const chunks = await store.chunksByIds(ids.slice(start, start + CHUNKS_PER_WRITE));
    try {
      await input.embedder.fill(chunks, input.signal);
    } catch (error) {
      if (input.signal?.aborted) throw error;
      result.error = error;
    }
    const embedded = chunks.filter((chunk) => chunk.vector);
    if (embedded.length > 0) {
      result.embedded += await store.writeVectors(embedded);
      result.writes++;
    }
    input.onProgress?.(Math.min(start + CHUNKS_PER_WRITE, ids.length), ids.length);
    if (result.error) break;
  }
  return result;
}
