import type { Table } from '@lancedb/lancedb';
import { arrow, vectorType } from './arrow.ts';
import {
  MATCH_COLUMNS,
  MODEL_METADATA_KEY,
  CHUNK_TEXT_COLUMNS,
  chunkFromRow,
  chunksToArrow,
  matchFromRow,
  type ChunkMatch,
  type StoredChunk,
} from './chunk-columns.ts';
import { CATALOG_COLUMNS, noteFromRow, notesToArrow, type NoteEntry } from './note-columns.ts';
import { openTables } from './open-tables.ts';
import { retryConflicts, retryRead } from './retry-conflicts.ts';
import { sqlIn } from './sql.ts';

export interface VaultStoreOptions {
  /** The folder of the LanceDB database (created unless `readOnly`). */
  dataDir: string;
  /**
   * Open without creating anything (a fresh CLI process that only searches): missing tables read
   * as empty.
   * @default false
   */
  readOnly?: boolean;
}

/** The vector column as it is: its width and the model its vectors came from. */
export interface VectorColumn {
  width: number;
  model: string | null;
}

/** One batch of notes written together: their chunks replace all chunks of `replacedNoteIds`. */
export interface NoteWriteBatch {
  chunks: StoredChunk[];
  /**
   * Notes whose other chunks are deleted in the same commit (the notes written, and the old ids
   * of renamed notes). Empty when the caller found none stored (new notes): a plain upsert then,
   * about half the cost of one that also deletes.
   */
  replacedNoteIds: string[];
  notes: NoteEntry[];
  /** Manifest paths removed in the same write (the old paths of renamed notes). */
  removedPaths: string[];
}

export type ScoredMatch = ChunkMatch & { score: number };

export interface VaultStore {
  /** The manifest; `catalog` reads only what the search's boosts and link graph need. */
  loadNotes(columns?: 'all' | 'catalog'): Promise<NoteEntry[]>;
  writeNotes(batch: NoteWriteBatch): Promise<void>;
  /** Removes notes and their chunks: one `IN (...)` delete per table (and per 500 notes). */
  removeNotes(notes: readonly Pick<NoteEntry, 'path' | 'noteId'>[]): Promise<void>;
  /** Only the manifest rows (size and mtime changed, content did not). */
  writeManifest(notes: readonly NoteEntry[]): Promise<void>;
  chunksOfNotes(noteIds: readonly string[], options?: { vectors?: boolean }): Promise<StoredChunk[]>;
  /** Ids of the chunks that have no vector yet (one scan; their texts are read per batch). */
  idsWithoutVector(): Promise<string[]>;
  chunksByIds(ids: readonly string[]): Promise<StoredChunk[]>;
  /** Writes vectors onto chunks whose text is still the one embedded; returns how many took. */
  writeVectors(chunks: readonly StoredChunk[]): Promise<number>;
  vectorColumn(): Promise<VectorColumn | null>;
  /** Makes the vector column `width` wide for `model`; a different one is dropped (its vectors with it). */
  ensureVectorColumn(width: number, model: string): Promise<void>;
  /** Drops every vector (a different embedding model). */
  clearVectors(): Promise<void>;
  /** Best first (BM25 `score`). */
  fullText(query: string, limit: number): Promise<ScoredMatch[]>;
  /** Nearest first (`score` = cosine similarity; vectors must be unit length). */
  nearest(vector: Float32Array, limit: number): Promise<ScoredMatch[]>;
  counts(): Promise<{ notes: number; chunks: number; embeddedChunks: number }>;
  /** Compaction (and folding new rows into the FTS index), and removal of old versions. */
  optimize(): Promise<void>;
  close(): void;
}

/** Long `IN (...)` lists are split: a predicate stays small and a write stays one batch of notes. */
const IN_LIST_MAX = 500;
/** Versions younger than this survive a cleanup, for readers that are still on one. */
const VERSION_RETENTION_MS = 60_000;

/**
 * Opens (or creates) the index's LanceDB tables in `dataDir`: the only module that talks to
 * LanceDB. Every read checks for the latest version (`readConsistencyInterval: 0`), so another
 * process's writes are seen at once; every write is one batch, retried on a commit conflict.
 */
export async function openVaultStore({ dataDir, readOnly = false }: VaultStoreOptions): Promise<VaultStore> {
  const tables = openTables({ dataDir, readOnly });
  const { chunks, notes } = tables;
  const writable = async (get: () => Promise<Table | null>) => {
    const found = await get();
    if (!found) throw new Error(`The notes index in ${dataDir} is open read-only`);
    return found;
  };

  async function vectorColumn(): Promise<VectorColumn | null> {
    const found = await chunks();
    if (!found) return null;
    const field = (await found.schema()).fields.find((candidate) => candidate.name === 'vector');
    if (!field || !arrow.DataType.isFixedSizeList(field.type)) return null;
    return { width: field.type.listSize, model: field.metadata.get(MODEL_METADATA_KEY) ?? null };
  }

  async function writeChunks(target: Table, batch: NoteWriteBatch): Promise<void> {
    if (batch.chunks.length === 0) {
      if (batch.replacedNoteIds.length > 0) await target.delete(sqlIn('noteId', batch.replacedNoteIds));
      return;
    }
    // The schema is read for every batch: another process may have added or replaced the vector column.
    const width = (await vectorColumn())?.width ?? null;
    let merge = target.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll();
    // One commit replaces the notes' chunks: no reader ever sees a note without its chunks.
    if (batch.replacedNoteIds.length > 0) merge = merge.whenNotMatchedBySourceDelete({ where: sqlIn('noteId', batch.replacedNoteIds) });
    await merge.execute(chunksToArrow(batch.chunks, width));
  }

  async function writeNoteRows(target: Table, entries: readonly NoteEntry[], removedPaths: readonly string[]): Promise<void> {
    if (entries.length === 0) {
      if (removedPaths.length > 0) await target.delete(sqlIn('path', removedPaths));
      return;
    }
    let merge = target.mergeInsert('path').whenMatchedUpdateAll().whenNotMatchedInsertAll();
    if (removedPaths.length > 0) merge = merge.whenNotMatchedBySourceDelete({ where: sqlIn('path', removedPaths) });
    await merge.execute(notesToArrow(entries));
  }

  // Sorted here: LanceDB returns the top rows of a full-text search in storage order, not by score.
  const scored = (rows: Record<string, unknown>[], score: (row: Record<string, unknown>) => number): ScoredMatch[] =>
    rows.map((row) => ({ ...matchFromRow(row), score: score(row) })).sort((a, b) => b.score - a.score);

  return {
    async loadNotes(columns = 'all') {
      const found = await notes();
      if (!found) return [];
      const query = found.query();
      const rows = await retryRead(() => (columns === 'catalog' ? query.select([...CATALOG_COLUMNS]) : query).toArray());
      return rows.map(noteFromRow);
    },

    async writeNotes(batch) {
      const chunkTable = await writable(chunks);
      const noteTable = await writable(notes);
      // Chunks first: a crash in between leaves the old manifest entry, so the next sync redoes the note.
      await retryConflicts(() => writeChunks(chunkTable, batch));
      await retryConflicts(() => writeNoteRows(noteTable, batch.notes, batch.removedPaths));
    },

    async removeNotes(removed) {
      const chunkTable = await writable(chunks);
      const noteTable = await writable(notes);
      for (let start = 0; start < removed.length; start += IN_LIST_MAX) {
        const part = removed.slice(start, start + IN_LIST_MAX);
        await retryConflicts(() => chunkTable.delete(sqlIn('noteId', part.map((note) => note.noteId))));
        await retryConflicts(() => noteTable.delete(sqlIn('path', part.map((note) => note.path))));
      }
    },

    async writeManifest(entries) {
      if (entries.length === 0) return;
      const noteTable = await writable(notes);
      await retryConflicts(() => writeNoteRows(noteTable, entries, []));
    },

    async chunksOfNotes(noteIds, options = {}) {
      const found = await chunks();
      if (!found || noteIds.length === 0) return [];
      const hasVector = options.vectors === true && (await vectorColumn()) !== null;
      const columns = hasVector ? [...CHUNK_TEXT_COLUMNS, 'vector'] : [...CHUNK_TEXT_COLUMNS];
      const result: StoredChunk[] = [];
      for (let start = 0; start < noteIds.length; start += IN_LIST_MAX) {
        const where = sqlIn('noteId', noteIds.slice(start, start + IN_LIST_MAX));
        const rows = await retryRead(() => found.query().where(where).select(columns).toArray());
        result.push(...rows.map(chunkFromRow));
      }
      return result;
    },

    async idsWithoutVector() {
      const found = await chunks();
      if (!found) return [];
      const hasVector = (await vectorColumn()) !== null;
      const rows = await retryRead(() => {
        const query = found.query().select(['id']);
        return (hasVector ? query.where('vector IS NULL') : query).toArray();
      });
      return rows.map((row) => String(row.id));
    },

    async chunksByIds(ids) {
      const found = await chunks();
      if (!found || ids.length === 0) return [];
      const result: StoredChunk[] = [];
      for (let start = 0; start < ids.length; start += IN_LIST_MAX) {
        const where = sqlIn('id', ids.slice(start, start + IN_LIST_MAX));
        const rows = await retryRead(() => found.query().where(where).select([...CHUNK_TEXT_COLUMNS]).toArray());
        result.push(...rows.map(chunkFromRow));
      }
      return result;
    },

    async writeVectors(embedded) {
      const chunkTable = await writable(chunks);
      const column = await vectorColumn();
      if (!column || embedded.length === 0) return 0;
      const result = await retryConflicts(() =>
        chunkTable
          .mergeInsert('id')
          // Another process may have re-chunked the note meanwhile: its newer text keeps its null vector.
          .whenMatchedUpdateAll({ where: 'target.text = source.text' })
          .execute(chunksToArrow(embedded, column.width)),
      );
      return result.numUpdatedRows;
    },

    vectorColumn,

    async ensureVectorColumn(width, model) {
      const chunkTable = await writable(chunks);
      const current = await vectorColumn();
      if (current && current.width === width && current.model === model) return;
      if (current) await retryConflicts(() => chunkTable.dropColumns(['vector']));
      const field = new arrow.Field('vector', vectorType(width), true, new Map([[MODEL_METADATA_KEY, model]]));
      try {
        await retryConflicts(() => chunkTable.addColumns(field));
      } catch (error) {
        // Another process added the same column first.
        const now = await vectorColumn();
        if (!now || now.width !== width || now.model !== model) throw error;
      }
    },

    async clearVectors() {
      const chunkTable = await writable(chunks);
      if (await vectorColumn()) await retryConflicts(() => chunkTable.dropColumns(['vector']));
    },

    async fullText(query, limit) {
      const found = await chunks();
      if (!found) return [];
      const rows = await retryRead(() =>
        found.query().fullTextSearch(query, { columns: ['text'] }).select([...MATCH_COLUMNS]).limit(limit).toArray(),
      );
      return scored(rows, (row) => Number(row._score ?? 0));
    },

    async nearest(vector, limit) {
      const found = await chunks();
      if (!found) return [];
      const rows = await retryRead(() =>
        // Stored and query vectors are unit length (see `toVectors`): the dot product is the cosine, at half the work.
        found.vectorSearch(vector).column('vector').distanceType('dot').select([...MATCH_COLUMNS]).limit(limit).toArray(),
      );
      return scored(rows, (row) => 1 - Number(row._distance ?? 1));
    },

    async counts() {
      const [chunkTable, noteTable] = await Promise.all([chunks(), notes()]);
      const hasVector = (await vectorColumn()) !== null;
      const [chunkCount, embeddedChunks, noteCount] = await Promise.all([
        chunkTable ? chunkTable.countRows() : 0,
        chunkTable && hasVector ? chunkTable.countRows('vector IS NOT NULL') : 0,
        noteTable ? noteTable.countRows() : 0,
      ]);
      return { notes: noteCount, chunks: chunkCount, embeddedChunks };
    },

    async optimize() {
      const cleanupOlderThan = new Date(Date.now() - VERSION_RETENTION_MS);
      for (const get of [chunks, notes]) {
        const found = await get();
        if (found) await retryConflicts(() => found.optimize({ cleanupOlderThan }));
      }
    },

    close() {
      tables.close();
    },
  };
}
