import { existsSync, mkdirSync } from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import type { Connection, Table } from '@lancedb/lancedb';
import { chunkSchema } from './chunk-columns.ts';
import { noteSchema } from './note-columns.ts';
import { retryConflicts } from './retry-conflicts.ts';

/** The text index: English stemming, stop words and ASCII folding, on what a chunk is about. */
const ftsIndex = () => lancedb.Index.fts({ stem: true, removeStopWords: true, asciiFolding: true, language: 'English' });

export interface IndexTables {
  /** The `chunks` table; null while read-only and not created yet. */
  chunks(): Promise<Table | null>;
  /** The `notes` table (the manifest); null while read-only and not created yet. */
  notes(): Promise<Table | null>;
  close(): void;
}

/**
 * The connection and the two tables, opened on first use. Writable: created when missing (with
 * their primary keys and the FTS index). Read-only: a missing folder or table reads as null, and
 * is looked for again on the next read (another process may create it meanwhile).
 */
export function openTables({ dataDir, readOnly }: { dataDir: string; readOnly: boolean }): IndexTables {
  if (!readOnly) mkdirSync(dataDir, { recursive: true });
  let connection: Promise<Connection> | null = null;
  const tables = new Map<string, Promise<Table | null>>();

  async function open(name: string, schema: () => import('apache-arrow').Schema, key: string): Promise<Table | null> {
    if (readOnly && !existsSync(dataDir)) return null;
    // Every read checks for the latest version, so another process's commits are seen at once.
    connection ??= lancedb.connect(dataDir, { readConsistencyInterval: 0 }).catch((error: unknown) => {
      connection = null;
      throw error;
    });
    const db = await connection;
    if ((await db.tableNames()).includes(name)) return db.openTable(name);
    if (readOnly) return null;
    const table = await db.createEmptyTable(name, schema(), { mode: 'create', existOk: true });
    await setPrimaryKey(table, key);
    if (name === 'chunks') await ensureTextIndex(table);
    return table;
  }

  function table(name: string, schema: () => import('apache-arrow').Schema, key: string): Promise<Table | null> {
    let opening = tables.get(name);
    if (!opening) {
      opening = open(name, schema, key);
      tables.set(name, opening);
      void opening.then(
        (found) => found ?? tables.delete(name),
        () => tables.delete(name),
      );
    }
    return opening;
  }

  return {
    chunks: () => table('chunks', chunkSchema, 'id'),
    notes: () => table('notes', noteSchema, 'path'),
    close() {
      for (const opening of tables.values()) void opening.then((found) => found?.close(), () => undefined);
      tables.clear();
      void connection?.then((db) => db.close(), () => undefined);
      connection = null;
    },
  };
}

/**
 * The merge key as the table's primary key: without it two writers that insert the same new chunk
 * at once both succeed and the chunk is there twice; with it Lance sees the conflict and retries.
 */
async function setPrimaryKey(table: Table, column: string): Promise<void> {
  try {
    await retryConflicts(() => table.setUnenforcedPrimaryKey(column));
  } catch (error) {
    // Set by the process that created the table a moment earlier (the key cannot change).
    if (!(error instanceof Error && /primary key/i.test(error.message))) throw error;
  }
}

/** The FTS index, created with the table (an empty table can be indexed; new rows are searched at once). */
async function ensureTextIndex(table: Table): Promise<void> {
  // Two processes creating the table at once: the second's CreateIndex conflicts, then finds the index.
  await retryConflicts(async () => {
    const indices = await table.listIndices();
    if (!indices.some((index) => index.columns.includes('text'))) await table.createIndex('text', { config: ftsIndex(), replace: false });
  });
}
