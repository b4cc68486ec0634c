import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashVector, makeTempDir } from '../testing/index.ts';
import type { StoredChunk } from './chunk-columns.ts';
import type { NoteEntry } from './note-columns.ts';
import { openVaultStore, type VaultStore } from './open-vault-store.ts';

function note(notePath: string, overrides: Partial<NoteEntry> = {}): NoteEntry {
  return {
    path: notePath,
    noteId: `id:${notePath}`,
    contentHash: `hash:${notePath}`,
    size: 100,
    mtimeMs: 1_700_000_000_000.5,
    title: path.basename(notePath, '.md'),
    aliases: [],
    tags: [],
    headings: [],
    links: [],
    chunkCount: 0,
    ...overrides,
  };
}

function chunk(entry: NoteEntry, ordinal: number, content: string, vector: Float32Array | null = null): StoredChunk {
  return {
    id: `${entry.noteId}#${ordinal}`,
    noteId: entry.noteId,
    notePath: entry.path,
    noteTitle: entry.title,
    aliases: entry.aliases,
    tags: entry.tags,
    headingPath: ordinal === 0 ? [] : ['Section', `Part ${ordinal}`],
    ordinal,
    content,
    text: `${entry.title}\n${content}`,
    links: [],
    contentHash: entry.contentHash,
    vector,
  };
}

async function writeNote(store: VaultStore, entry: NoteEntry, contents: string[], vectors?: (Float32Array | null)[]) {
  const chunks = contents.map((content, ordinal) => chunk(entry, ordinal, content, vectors?.[ordinal] ?? null));
  await store.writeNotes({ chunks, replacedNoteIds: [entry.noteId], notes: [{ ...entry, chunkCount: chunks.length }], removedPaths: [] });
}

describe('openVaultStore', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: VaultStore;

  beforeEach(async () => {
    temp = makeTempDir();
    store = await openVaultStore({ dataDir: path.join(temp.dir, 'index') });
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  it('reads back the notes and chunks it wrote, lists and all', async () => {
    const garden = note("Garden/O'Brien's tomatoes.md", { aliases: ['Tomatoes', 'Love apples'], tags: ['garden/veg'], headings: ['Watering'], links: ['Compost'] });
    await writeNote(store, garden, ['Water them every morning.', 'Feed them weekly.']);

    const [entry] = await store.loadNotes();
    expect(entry).toEqual({ ...garden, chunkCount: 2 });
    const chunks = await store.chunksOfNotes([garden.noteId]);
    expect(chunks.map((c) => [c.ordinal, c.content, c.headingPath, c.aliases])).toEqual([
      [0, 'Water them every morning.', [], ['Tomatoes', 'Love apples']],
      [1, 'Feed them weekly.', ['Section', 'Part 1'], ['Tomatoes', 'Love apples']],
    ]);
    expect(await store.loadNotes('catalog')).toEqual([{ ...garden, contentHash: '', size: 0, mtimeMs: 0, tags: [], headings: [], chunkCount: 0 }]);
  });

  it('replaces all chunks of a rewritten note in one batch and leaves other notes alone', async () => {
    const a = note('a.md');
    const b = note('b.md');
    await store.writeNotes({
      chunks: [chunk(a, 0, 'one'), chunk(a, 1, 'two'), chunk(a, 2, 'three'), chunk(b, 0, 'bee')],
      replacedNoteIds: [a.noteId, b.noteId],
      notes: [a, b],
      removedPaths: [],
    });
    await writeNote(store, a, ['one, edited']);

    expect((await store.chunksOfNotes([a.noteId])).map((c) => c.content)).toEqual(['one, edited']);
    expect((await store.chunksOfNotes([b.noteId])).map((c) => c.content)).toEqual(['bee']);
    expect(await store.counts()).toEqual({ notes: 2, chunks: 2, embeddedChunks: 0 });
  });

  it('removes many notes and their chunks with batched deletes', async () => {
    const notes = Array.from({ length: 30 }, (_, index) => note(`n${index}.md`));
    await store.writeNotes({
      chunks: notes.flatMap((entry) => [chunk(entry, 0, 'x'), chunk(entry, 1, 'y')]),
      replacedNoteIds: notes.map((entry) => entry.noteId),
      notes,
      removedPaths: [],
    });
    await store.removeNotes(notes.slice(0, 20));

    expect((await store.loadNotes()).map((entry) => entry.path).sort()).toEqual(notes.slice(20).map((entry) => entry.path).sort());
    expect((await store.counts()).chunks).toBe(20);
  });

  it('moves a renamed note by replacing the old path in the same write', async () => {
    const before = note('Old name.md');
    await writeNote(store, before, ['body']);
    const after = note('New name.md');
    await store.writeNotes({
      chunks: [chunk(after, 0, 'body')],
      replacedNoteIds: [after.noteId, before.noteId],
      notes: [after],
      removedPaths: [before.path],
    });

    expect((await store.loadNotes()).map((entry) => entry.path)).toEqual(['New name.md']);
    expect((await store.chunksOfNotes([before.noteId, after.noteId])).map((c) => c.notePath)).toEqual(['New name.md']);
  });

  it('stores Float32 vectors of one width and fills the chunks that have none', async () => {
    const a = note('a.md');
    await writeNote(store, a, ['alpha', 'beta']);
    expect(await store.vectorColumn()).toBeNull();
    expect((await store.idsWithoutVector()).length).toBe(2);

    await store.ensureVectorColumn(8, 'model-a');
    const [first, second] = await store.chunksByIds(await store.idsWithoutVector());
    const updated = await store.writeVectors([{ ...first!, vector: hashVector('alpha', 8) }]);

    expect(updated).toBe(1);
    expect(await store.vectorColumn()).toEqual({ width: 8, model: 'model-a' });
    expect(await store.idsWithoutVector()).toEqual([second!.id]);
    const [withVector] = (await store.chunksOfNotes([a.noteId], { vectors: true })).filter((c) => c.vector);
    expect(Array.from(withVector!.vector!)).toEqual(Array.from(hashVector('alpha', 8)));
    expect((await store.counts()).embeddedChunks).toBe(1);
  });

  it('does not put a vector on a chunk whose text changed after it was read', async () => {
    const a = note('a.md');
    await writeNote(store, a, ['old text']);
    await store.ensureVectorColumn(4, 'm');
    const [stale] = await store.chunksByIds(await store.idsWithoutVector());
    await writeNote(store, a, ['new text']);

    expect(await store.writeVectors([{ ...stale!, vector: hashVector('old text', 4) }])).toBe(0);
    expect((await store.counts()).embeddedChunks).toBe(0);
  });

  it('drops every vector when the model or the width changes, never mixing widths', async () => {
    const a = note('a.md');
    await writeNote(store, a, ['alpha']);
    await store.ensureVectorColumn(4, 'small');
    const [row] = await store.chunksByIds(await store.idsWithoutVector());
    await store.writeVectors([{ ...row!, vector: hashVector('alpha', 4) }]);

    await store.ensureVectorColumn(6, 'large');

    expect(await store.vectorColumn()).toEqual({ width: 6, model: 'large' });
    expect((await store.counts()).embeddedChunks).toBe(0);
    await store.clearVectors();
    expect(await store.vectorColumn()).toBeNull();
  });

  it('finds chunks by full text and by vector', async () => {
    const tomatoes = note('Tomatoes.md');
    const router = note('Router.md');
    await store.ensureVectorColumn(64, 'hash');
    await writeNote(store, tomatoes, ['Water the tomatoes every morning in summer.'], [hashVector('Water the tomatoes every morning', 64)]);
    await writeNote(store, router, ['The wifi password is on the back of the router.'], [hashVector('wifi password router', 64)]);

    expect((await store.fullText('watering tomatoes', 5)).map((hit) => hit.notePath)).toEqual(['Tomatoes.md']);
    expect((await store.nearest(hashVector('router wifi', 64), 1)).map((hit) => hit.notePath)).toEqual(['Router.md']);
  });

  it("answers a query with quotes and SQL-ish text normally", async () => {
    await writeNote(store, note('Router.md'), ["O'Brien set the wifi password."]);
    for (const query of ["' OR 1=1 --", "o'brien", '"unclosed', "'); DROP TABLE chunks; --", 'a AND (b OR NOT c)']) {
      await expect(store.fullText(query, 5)).resolves.toBeInstanceOf(Array);
    }
    expect((await store.fullText("o'brien", 5)).length).toBe(1);
    expect((await store.counts()).chunks).toBe(1);
  });

  it('keeps every row and search working after optimize', async () => {
    for (let index = 0; index < 12; index++) await writeNote(store, note(`n${index}.md`), [`note number ${index} about lanterns`]);
    await store.optimize();

    expect((await store.counts()).chunks).toBe(12);
    expect((await store.fullText('lanterns', 20)).length).toBe(12);
  });

  it('loses nothing when two stores write the same folder at once', async () => {
    const other = await openVaultStore({ dataDir: path.join(temp.dir, 'index') });
    try {
      const writes = Array.from({ length: 12 }, (_, index) => {
        const entry = note(`concurrent-${index}.md`);
        return writeNote(index % 2 ? store : other, entry, [`first ${index}`, `second ${index}`]);
      });
      // Rewriting one note from both sides at once must not duplicate its chunks either.
      const shared = note('shared.md');
      writes.push(writeNote(store, shared, ['from one', 'two']), writeNote(other, shared, ['from other', 'two']));
      await Promise.all(writes);

      const counts = await other.counts();
      expect(counts.notes).toBe(13);
      expect(counts.chunks).toBe(26);
      expect((await store.chunksOfNotes([shared.noteId])).length).toBe(2);
    } finally {
      other.close();
    }
  });

  it('reads a missing index as empty when read-only, and creates nothing', async () => {
    const missing = path.join(temp.dir, 'nowhere');
    const reader = await openVaultStore({ dataDir: missing, readOnly: true });

    expect(await reader.loadNotes()).toEqual([]);
    expect(await reader.fullText('anything', 5)).toEqual([]);
    expect(await reader.counts()).toEqual({ notes: 0, chunks: 0, embeddedChunks: 0 });
    expect(existsSync(missing)).toBe(false);
    reader.close();
  });

  it('sees what another connection wrote, at once', async () => {
    const reader = await openVaultStore({ dataDir: path.join(temp.dir, 'index'), readOnly: true });
    try {
      await writeNote(store, note('first.md'), ['lantern']);
      expect((await reader.fullText('lantern', 5)).length).toBe(1);
      await writeNote(store, note('second.md'), ['lantern again']);
      expect((await reader.fullText('lantern', 5)).length).toBe(2);
    } finally {
      reader.close();
    }
  });
});
