import { buildNoteCatalog, type NoteCatalog } from '../query/note-catalog.ts';
import { searchNotes } from '../query/search-notes.ts';
import { openVaultStore } from '../store/open-vault-store.ts';
import { readSnapshot } from '../store/state-file.ts';
import { toVectors } from './chunk-embedder.ts';
import type { VaultEmbedder, VaultLogger, VaultSearch } from './vault-index-types.ts';

export interface OpenVaultSearchOptions {
  /** The index folder a `createVaultIndex` wrote (by this or another process). */
  dataDir: string;
  /** Null: full text only (and `status()` needs none). */
  embedder: VaultEmbedder | null;
  /** @default no logging */
  logger?: VaultLogger;
}

/**
 * The index of a vault, read-only, for a fresh process (`vault search`, `vault status`): no scan,
 * no watcher, nothing created. Opens only the chunks table for the first query; the manifest's
 * names and links are read lazily, in parallel with the query. Another process may be syncing
 * meanwhile: every read sees its latest commit.
 */
export async function openVaultSearch(options: OpenVaultSearchOptions): Promise<VaultSearch> {
  const store = await openVaultStore({ dataDir: options.dataDir, readOnly: true });
  const snapshot = readSnapshot(options.dataDir);
  const { embedder } = options;
  let catalog: Promise<NoteCatalog> | null = null;
  let embedderFailed = false;

  async function embedQuery(query: string, signal?: AbortSignal): Promise<Float32Array | null> {
    if (!embedder || snapshot?.embeddedChunks === 0) return null;
    const [column, answer] = await Promise.all([
      store.vectorColumn(),
      embedder.embed([query], signal ? { signal } : {}).catch((error: unknown) => {
        if (signal?.aborted) throw error;
        embedderFailed = true;
        options.logger?.warn('The embedder failed: searching full text only', { error: error instanceof Error ? error.message : String(error) });
        return null;
      }),
    ]);
    // Vectors of another model (or none yet) cannot be compared with this one's.
    if (!answer || !column || column.model !== embedder.model) return null;
    const [vector] = toVectors(answer, 1);
    return vector && vector.length === column.width ? vector : null;
  }

  return {
    search(query, searchOptions = {}) {
      return searchNotes({
        query,
        ...searchOptions,
        source: store,
        catalog: () => (catalog ??= store.loadNotes('catalog').then(buildNoteCatalog)),
        embedQuery,
        onError: (stage, error) =>
          options.logger?.warn(`The ${stage === 'fts' ? 'full-text' : 'vector'} search failed`, { error: error instanceof Error ? error.message : String(error) }),
      });
    },
    status() {
      return {
        root: snapshot?.root ?? '',
        online: snapshot?.online ?? false,
        notes: snapshot?.notes ?? 0,
        chunks: snapshot?.chunks ?? 0,
        embeddedChunks: snapshot?.embeddedChunks ?? 0,
        embeddingModel: snapshot?.embeddingModel ?? null,
        embedderAvailable: embedder !== null && !embedderFailed,
        watching: 'off',
        syncing: false,
        lastSyncAt: snapshot?.lastSyncAt ?? null,
        pendingChanges: 0,
        errors: snapshot?.errors ?? [],
      };
    },
    async close() {
      store.close();
    },
  };
}
