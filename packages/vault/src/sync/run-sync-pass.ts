import { createLinkResolver } from '../source/resolve-links.ts';
import { VaultUnavailableError } from '../source/errors.ts';
import { scanVault } from '../source/scan-vault.ts';
import type { StoredChunk } from '../store/chunk-columns.ts';
import type { NoteEntry } from '../store/note-columns.ts';
import type { VaultStore } from '../store/open-vault-store.ts';
import type { ChunkEmbedder } from './chunk-embedder.ts';
import { indexNotes } from './index-notes.ts';
import { planSync } from './plan-sync.ts';
import type { SyncProgress, SyncReport } from './vault-index-types.ts';

export interface SyncPassInput {
  root: string;
  store: VaultStore;
  maxFileBytes?: number;
  /**
   * Chunks of notes deleted by recent passes, by content hash; this pass adds the ones it deletes
   * and takes out the ones it reuses (see `indexNotes`).
   */
  recentlyRemoved?: Map<string, StoredChunk[]>;
  /** Embeds new sections on the way (null: none, or the embedder is known to be down). */
  embedder?: ChunkEmbedder | null;
  signal?: AbortSignal;
  onProgress?: (event: SyncProgress) => void;
}

export interface SyncPassResult {
  /** Why the vault counts as offline (nothing was changed then); null when it was read. */
  offline: string | null;
  counts: Pick<SyncReport, 'added' | 'updated' | 'renamed' | 'deleted' | 'unchanged' | 'failed' | 'embedded'>;
  /** The embedder's error when it failed during the pass (the rest was indexed without vectors). */
  embedError: unknown;
  /** The manifest after the pass (as read from the store, then changed by it). */
  manifest: Map<string, NoteEntry>;
  /** Per-file problems for the status: unreadable files and folders, notes that failed. */
  errors: { path: string; message: string }[];
  writes: number;
}

/**
 * One pass over the vault: scan, compare with the manifest (size and mtime, then content hash),
 * index what is new or changed, move renamed notes, delete what is gone. A missing, unreadable
 * or empty vault is reported offline and changes nothing: an unmounted share looks exactly like a
 * vault whose notes were all deleted, and a person deleting every note at once is far rarer.
 */
export async function runSyncPass(input: SyncPassInput): Promise<SyncPassResult> {
  const { store } = input;
  const none = { added: 0, updated: 0, renamed: 0, deleted: 0, unchanged: 0, failed: [], embedded: 0 };
  let scan;
  try {
    scan = scanVault(input.root, input.maxFileBytes === undefined ? {} : { maxFileBytes: input.maxFileBytes });
  } catch (error) {
    if (!(error instanceof VaultUnavailableError)) throw error;
    const manifest = new Map((await store.loadNotes()).map((entry) => [entry.path, entry]));
    return { offline: error.message, counts: { ...none, unchanged: manifest.size }, manifest, errors: [], writes: 0, embedError: null };
  }
  // Read again on every pass: another process (`vault index` beside the server) may have written.
  const manifest = new Map((await store.loadNotes()).map((entry) => [entry.path, entry]));
  if (scan.files.length === 0 && manifest.size > 0) {
    const reason = `The vault at ${input.root} has no notes at all (an unmounted share?): the ${manifest.size} indexed notes are kept`;
    return { offline: reason, counts: { ...none, unchanged: manifest.size }, manifest, errors: [], writes: 0, embedError: null };
  }
  input.onProgress?.({ phase: 'scan', done: scan.files.length, total: scan.files.length });

  const plan = planSync(scan, manifest);
  const indexed = await indexNotes({
    store,
    files: plan.toRead,
    manifest,
    gone: plan.gone,
    resolver: createLinkResolver(scan.files.map((file) => file.path)),
    ...(input.recentlyRemoved ? { recentlyRemoved: input.recentlyRemoved } : {}),
    embedder: input.embedder ?? null,
    ...(input.signal ? { signal: input.signal } : {}),
    onProgress: (done, total) => input.onProgress?.({ phase: 'index', done, total }),
  });
  let writes = indexed.writes;
  for (const entry of indexed.added) input.recentlyRemoved?.delete(entry.contentHash);
  if (indexed.stillGone.length > 0) {
    if (input.recentlyRemoved) await remember(store, indexed.stillGone, input.recentlyRemoved);
    await store.removeNotes(indexed.stillGone);
    writes += 2;
  }

  for (const entry of indexed.stillGone) manifest.delete(entry.path);
  for (const { from } of indexed.renamed) manifest.delete(from.path);
  for (const entry of [...indexed.added, ...indexed.updated, ...indexed.touched, ...indexed.renamed.map(({ to }) => to)]) {
    manifest.set(entry.path, entry);
  }
  const unreadable = scan.skipped
    .filter((entry) => entry.reason === 'unreadable')
    .map((entry) => ({ path: entry.path, message: 'Could not be read (permissions or an I/O error); its notes are kept as they were' }));
  return {
    offline: null,
    counts: {
      added: indexed.added.length,
      updated: indexed.updated.length,
      renamed: indexed.renamed.length,
      deleted: indexed.stillGone.length,
      unchanged: plan.unchanged.length + indexed.touched.length,
      failed: indexed.failed,
      embedded: indexed.embedded,
    },
    embedError: indexed.embedError,
    manifest,
    errors: [...unreadable, ...indexed.failed],
    writes,
  };
}

/** How many deleted notes' chunks are remembered for a later add of the same bytes. */
const REMEMBER_NOTES = 200;

async function remember(store: VaultStore, removed: readonly NoteEntry[], memory: Map<string, StoredChunk[]>): Promise<void> {
  const recent = removed.slice(-REMEMBER_NOTES);
  const chunks = await store.chunksOfNotes(recent.map((entry) => entry.noteId), { vectors: true });
  for (const entry of recent) {
    const own = chunks.filter((chunk) => chunk.noteId === entry.noteId && chunk.vector);
    if (own.length === 0) continue;
    memory.delete(entry.contentHash);
    memory.set(entry.contentHash, own);
  }
  // Oldest first in a Map: drop from the front.
  for (const key of memory.keys()) {
    if (memory.size <= REMEMBER_NOTES) break;
    memory.delete(key);
  }
}
