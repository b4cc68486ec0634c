import type { Chunk } from '../types.ts';
import { arrow, float32Of, int32Column, numberOf, stringOf, tableOf, utf8Column, vectorColumn, type ArrowTable } from './arrow.ts';

/** A chunk as stored: the `Chunk` record and its vector (null until it is embedded). */
export interface StoredChunk extends Chunk {
  vector: Float32Array | null;
}

/** What a search reads of a chunk: no vector, no aliases (the catalog has them). */
export type ChunkMatch = Pick<Chunk, 'id' | 'noteId' | 'notePath' | 'noteTitle' | 'headingPath' | 'ordinal' | 'content'>;

/** The field metadata key under which the vector column records the embedding model. */
export const MODEL_METADATA_KEY = 'tauceti.embedding_model';

// Lists are stored as text joined with newlines: a heading, alias, tag or path is one line, and a
// string column is cheaper to read and write than an Arrow list.
const SEPARATOR = '\n';

/** The columns of the `chunks` table, without `vector` (added once the embedder's width is known). */
export const CHUNK_TEXT_COLUMNS = [
  'id',
  'noteId',
  'path',
  'title',
  'aliases',
  'tags',
  'headingPath',
  'ordinal',
  'content',
  'text',
  'links',
  'contentHash',
] as const;

/** What a search selects: everything a hit shows, nothing more. */
export const MATCH_COLUMNS = ['id', 'noteId', 'path', 'title', 'headingPath', 'ordinal', 'content'] as const;

export function chunkSchema() {
  // The merge key is the primary key (see open-vault-store.ts), which must not be nullable.
  const field = (name: string, type: import('apache-arrow').DataType) => new arrow.Field(name, type, name !== 'id');
  return new arrow.Schema(CHUNK_TEXT_COLUMNS.map((name) => field(name, name === 'ordinal' ? new arrow.Int32() : new arrow.Utf8())));
}

const join = (values: readonly string[]) => values.join(SEPARATOR);
const split = (value: unknown) => {
  const text = stringOf(value);
  return text === '' ? [] : text.split(SEPARATOR);
};

/** Chunks as an Arrow table in the table's column order; `vectorWidth` null: no vector column yet. */
export function chunksToArrow(chunks: readonly StoredChunk[], vectorWidth: number | null): ArrowTable {
  const column = <T>(pick: (chunk: StoredChunk) => T) => chunks.map(pick);
  const columns = {
    id: utf8Column(column((c) => c.id)),
    noteId: utf8Column(column((c) => c.noteId)),
    path: utf8Column(column((c) => c.notePath)),
    title: utf8Column(column((c) => c.noteTitle)),
    aliases: utf8Column(column((c) => join(c.aliases))),
    tags: utf8Column(column((c) => join(c.tags))),
    headingPath: utf8Column(column((c) => join(c.headingPath))),
    ordinal: int32Column(column((c) => c.ordinal)),
    content: utf8Column(column((c) => c.content)),
    text: utf8Column(column((c) => c.text)),
    links: utf8Column(column((c) => join(c.links))),
    contentHash: utf8Column(column((c) => c.contentHash)),
  };
  return tableOf(vectorWidth === null ? columns : { ...columns, vector: vectorColumn(column((c) => c.vector), vectorWidth) });
}

type Row = Record<string, unknown>;

export function chunkFromRow(row: Row): StoredChunk {
  return {
    id: stringOf(row.id),
    noteId: stringOf(row.noteId),
    notePath: stringOf(row.path),
    noteTitle: stringOf(row.title),
    aliases: split(row.aliases),
    tags: split(row.tags),
    headingPath: split(row.headingPath),
    ordinal: numberOf(row.ordinal),
    content: stringOf(row.content),
    text: stringOf(row.text),
    links: split(row.links),
    contentHash: stringOf(row.contentHash),
    vector: float32Of(row.vector),
  };
}

export function matchFromRow(row: Row): ChunkMatch {
  return {
    id: stringOf(row.id),
    noteId: stringOf(row.noteId),
    notePath: stringOf(row.path),
    noteTitle: stringOf(row.title),
    headingPath: split(row.headingPath),
    ordinal: numberOf(row.ordinal),
    content: stringOf(row.content),
  };
}
