import { arrow, float64Column, int32Column, numberOf, stringOf, tableOf, utf8Column, type ArrowTable } from './arrow.ts';

/**
 * One note in the manifest, the `notes` table: the persisted state of the sync (a restart compares
 * the scan with it and reads no file whose size and mtime are unchanged), and what the search keeps
 * in memory for title, alias and heading boosts and for the link graph.
 */
export interface NoteEntry {
  path: string;
  noteId: string;
  /** sha256 of the file's bytes when it was indexed. */
  contentHash: string;
  size: number;
  mtimeMs: number;
  title: string;
  aliases: string[];
  tags: string[];
  /** Heading texts, in order. */
  headings: string[];
  /**
   * Link targets as written (`Projects/Garden`, `Garden.md`): resolved against the current set of
   * paths when the graph is built, so a note added later is linked without re-reading its linkers.
   */
  links: string[];
  chunkCount: number;
}

/**
 * What the search's catalog needs (names and links; not sizes, hashes, tags or headings, which a
 * hit's chunk carries itself): read lazily by a fresh process.
 */
export const CATALOG_COLUMNS = ['path', 'noteId', 'title', 'aliases', 'links'] as const;

const NOTE_COLUMNS = ['path', 'noteId', 'contentHash', 'size', 'mtimeMs', 'title', 'aliases', 'tags', 'headings', 'links', 'chunkCount'] as const;

const SEPARATOR = '\n';

export function noteSchema() {
  const type = (name: (typeof NOTE_COLUMNS)[number]) =>
    name === 'size' || name === 'mtimeMs' ? new arrow.Float64() : name === 'chunkCount' ? new arrow.Int32() : new arrow.Utf8();
  return new arrow.Schema(NOTE_COLUMNS.map((name) => new arrow.Field(name, type(name), name !== 'path')));
}

export function notesToArrow(notes: readonly NoteEntry[]): ArrowTable {
  const strings = (pick: (note: NoteEntry) => string) => utf8Column(notes.map(pick));
  const lists = (pick: (note: NoteEntry) => string[]) => utf8Column(notes.map((note) => pick(note).join(SEPARATOR)));
  return tableOf({
    path: strings((n) => n.path),
    noteId: strings((n) => n.noteId),
    contentHash: strings((n) => n.contentHash),
    size: float64Column(notes.map((n) => n.size)),
    mtimeMs: float64Column(notes.map((n) => n.mtimeMs)),
    title: strings((n) => n.title),
    aliases: lists((n) => n.aliases),
    tags: lists((n) => n.tags),
    headings: lists((n) => n.headings),
    links: lists((n) => n.links),
    chunkCount: int32Column(notes.map((n) => n.chunkCount)),
  });
}

const split = (value: unknown) => {
  const text = stringOf(value);
  return text === '' ? [] : text.split(SEPARATOR);
};

/** A manifest row; columns that were not selected come back empty. */
export function noteFromRow(row: Record<string, unknown>): NoteEntry {
  return {
    path: stringOf(row.path),
    noteId: stringOf(row.noteId),
    contentHash: stringOf(row.contentHash),
    size: numberOf(row.size),
    mtimeMs: numberOf(row.mtimeMs),
    title: stringOf(row.title),
    aliases: split(row.aliases),
    tags: split(row.tags),
    headings: split(row.headings),
    links: split(row.links),
    chunkCount: numberOf(row.chunkCount),
  };
}
