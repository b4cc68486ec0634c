import { chunkNote } from '../chunk/chunk-note.ts';
import { readNote } from '../source/read-note.ts';
import type { LinkResolver } from '../source/resolve-links.ts';
import type { ScannedFile } from '../source/scan-vault.ts';
import type { StoredChunk } from '../store/chunk-columns.ts';
import type { NoteEntry } from '../store/note-columns.ts';
import type { VaultStore } from '../store/open-vault-store.ts';
import type { ChunkEmbedder } from './chunk-embedder.ts';
import type { Chunk, NoteDocument } from '../types.ts';

/** Notes read, chunked and written per batch: one chunk write and one manifest write each. */
const NOTES_PER_BATCH = 200;

export interface IndexNotesInput {
  store: VaultStore;
  /** New files and files whose size or mtime changed. */
  files: readonly ScannedFile[];
  manifest: ReadonlyMap<string, NoteEntry>;
  /** Manifest entries whose path is gone: a new file with the same bytes is a rename of one. */
  gone: readonly NoteEntry[];
  resolver: LinkResolver;
  /**
   * Chunks (with vectors) of notes deleted by an earlier pass, by content hash: a watcher may report
   * a move's delete before its add, and the add must not re-embed what the delete just removed.
   */
  recentlyRemoved?: ReadonlyMap<string, readonly StoredChunk[]>;
  /**
   * Embeds the batch's new sections before it is written (one write with vectors, instead of a
   * write now and another for the vectors); null or failing: written without, embedded later.
   */
  embedder?: ChunkEmbedder | null;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface IndexNotesResult {
  added: NoteEntry[];
  updated: NoteEntry[];
  renamed: { from: NoteEntry; to: NoteEntry }[];
  /** Read again (size or mtime changed) but the same bytes: only the manifest row was updated. */
  touched: NoteEntry[];
  failed: { path: string; message: string }[];
  /** Entries of `gone` that no rename claimed: to be deleted. */
  stillGone: NoteEntry[];
  /** Commits made (for the optimize schedule). */
  writes: number;
  /** Chunks embedded on the way. */
  embedded: number;
  /** The embedder's error, when it failed (the remaining batches were written without vectors). */
  embedError: unknown;
}

/** The manifest row of a note, as just read. */
export function entryOf(note: NoteDocument, chunkCount: number): NoteEntry {
  return {
    path: note.path,
    noteId: note.id,
    contentHash: note.contentHash,
    size: note.size,
    mtimeMs: note.mtimeMs,
    title: note.title,
    aliases: note.aliases,
    tags: note.tags,
    headings: note.headings.map((heading) => heading.text),
    links: [...new Set(note.links.map((link) => link.target))],
    chunkCount,
  };
}

type Change =
  | { kind: 'added'; note: NoteDocument; reuse?: readonly StoredChunk[] }
  | { kind: 'updated'; note: NoteDocument }
  | { kind: 'renamed'; note: NoteDocument; from: NoteEntry };

/**
 * Reads, parses and chunks the given files in batches and writes each batch at once (one
 * `mergeInsert` replacing the notes' chunks, one manifest write). A file whose bytes equal a gone
 * note's is a rename: its rows move and its vectors come along. Vectors of unchanged sections
 * (same text) are kept too, so an edit re-embeds only the sections it touched. A file that cannot
 * be read is reported and skipped.
 */
export async function indexNotes(input: IndexNotesInput): Promise<IndexNotesResult> {
  const result: IndexNotesResult = { added: [], updated: [], renamed: [], touched: [], failed: [], stillGone: [], writes: 0, embedded: 0, embedError: null };
  const goneByHash = new Map<string, NoteEntry[]>();
  for (const entry of input.gone) {
    const list = goneByHash.get(entry.contentHash);
    if (list) list.push(entry);
    else goneByHash.set(entry.contentHash, [entry]);
  }

  for (let start = 0; start < input.files.length; start += NOTES_PER_BATCH) {
    input.signal?.throwIfAborted();
    const changes: Change[] = [];
    const touched: NoteEntry[] = [];
    for (const file of input.files.slice(start, start + NOTES_PER_BATCH)) {
      let note: NoteDocument;
      try {
        note = readNote(file, { resolver: input.resolver });
      } catch (error) {
        result.failed.push({ path: file.path, message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const known = input.manifest.get(file.path);
      if (known?.contentHash === note.contentHash) touched.push({ ...known, size: note.size, mtimeMs: note.mtimeMs });
      else if (known) changes.push({ kind: 'updated', note });
      else {
        const from = goneByHash.get(note.contentHash)?.shift();
        const reuse = input.recentlyRemoved?.get(note.contentHash);
        changes.push(from ? { kind: 'renamed', note, from } : reuse ? { kind: 'added', note, reuse } : { kind: 'added', note });
      }
    }
    result.writes += await writeBatch(input, changes, touched, result);
    input.onProgress?.(Math.min(start + NOTES_PER_BATCH, input.files.length), input.files.length);
  }
  result.stillGone = [...goneByHash.values()].flat();
  return result;
}

async function writeBatch(input: IndexNotesInput, changes: Change[], touched: NoteEntry[], result: IndexNotesResult): Promise<number> {
  const { store } = input;
  if (changes.length === 0) {
    if (touched.length === 0) return 0;
    await store.writeManifest(touched);
    result.touched.push(...touched);
    return 1;
  }
  const oldIds = changes.map((change) => (change.kind === 'renamed' ? change.from.noteId : change.note.id));
  // Chunks already stored under these notes (or a crashed run's leftovers under a new note's id).
  const previous = await store.chunksOfNotes([...new Set([...oldIds, ...changes.map((change) => change.note.id)])], { vectors: true });
  const byText = new Map<string, Float32Array>();
  const bySection = new Map<string, Float32Array>();
  const reused = changes.flatMap((change) => (change.kind === 'added' && change.reuse ? change.reuse.map((chunk) => ({ ...chunk, noteId: change.note.id })) : []));
  for (const chunk of [...reused, ...previous]) {
    if (!chunk.vector) continue;
    byText.set(`${chunk.noteId}\0${chunk.text}`, chunk.vector);
    bySection.set(`${chunk.noteId}\0${sectionKey(chunk)}`, chunk.vector);
  }

  const chunks: StoredChunk[] = [];
  const entries: NoteEntry[] = [...touched];
  for (const change of changes) {
    const noteChunks = chunkNote(change.note);
    for (const chunk of noteChunks) {
      // A moved note's header line names its new title: its sections are matched by heading and
      // content. An edited note keeps a vector only where the embedded text is the same.
      const vector =
        change.kind === 'renamed'
          ? bySection.get(`${change.from.noteId}\0${sectionKey(chunk)}`)
          : change.kind === 'added' && change.reuse
            ? bySection.get(`${chunk.noteId}\0${sectionKey(chunk)}`)
            : byText.get(`${chunk.noteId}\0${chunk.text}`);
      chunks.push({ ...chunk, vector: vector ?? null });
    }
    const entry = entryOf(change.note, noteChunks.length);
    entries.push(entry);
    if (change.kind === 'renamed') result.renamed.push({ from: change.from, to: entry });
    else result[change.kind].push(entry);
  }
  if (input.embedder && result.embedError === null) {
    const carried = chunks.filter((chunk) => chunk.vector).length;
    try {
      result.embedded += await input.embedder.fill(chunks, input.signal);
    } catch (error) {
      if (input.signal?.aborted) throw error;
      result.embedError = error;
      result.embedded += chunks.filter((chunk) => chunk.vector).length - carried;
    }
  }
  await store.writeNotes({
    chunks,
    // Nothing stored under these notes yet (a first index): nothing to delete either.
    replacedNoteIds: previous.length === 0 ? [] : [...new Set([...oldIds, ...changes.map((change) => change.note.id)])],
    notes: entries,
    removedPaths: changes.flatMap((change) => (change.kind === 'renamed' ? [change.from.path] : [])),
  });
  result.touched.push(...touched);
  return 2;
}

const sectionKey = (chunk: Pick<Chunk, 'headingPath' | 'ordinal' | 'content'>) =>
  `${chunk.headingPath.join('\u0001')}\0${chunk.ordinal}\0${chunk.content}`;
