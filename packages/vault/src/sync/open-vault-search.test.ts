import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVaultStore } from '../store/open-vault-store.ts';
import { copyFixtureVault, hashEmbedder, recordingEmbedder, type FixtureCopy } from '../testing/index.ts';
import { createVaultIndex } from './create-vault-index.ts';
import { openVaultSearch } from './open-vault-search.ts';

describe('openVaultSearch', () => {
  let vault: FixtureCopy;
  const embedder = { embed: hashEmbedder(128), model: 'hash-128' };

  beforeEach(() => {
    vault = copyFixtureVault();
  });
  afterEach(() => vault.remove());

  async function buildIndex() {
    const index = await createVaultIndex({ root: vault.root, dataDir: vault.dataDir, embedder, watch: 'off' });
    await index.sync();
    const status = index.status();
    await index.close();
    return status;
  }

  it('searches an index built by another process without touching the vault', async () => {
    const built = await buildIndex();
    rmSync(vault.root, { recursive: true });

    const search = await openVaultSearch({ dataDir: vault.dataDir, embedder });
    try {
      const [hit] = await search.search('what pressure should the boiler be at');
      expect(hit).toMatchObject({ path: 'Home/Boiler.md', heading: 'Pressure', matchedBy: expect.arrayContaining(['fts', 'vector']) });
      expect(search.status()).toEqual({ ...built, watching: 'off', syncing: false, pendingChanges: 0 });
    } finally {
      await search.close();
    }
  });

  it('leaves vectors of another model alone and answers from full text', async () => {
    await buildIndex();
    const search = await openVaultSearch({ dataDir: vault.dataDir, embedder: { embed: hashEmbedder(128), model: 'another-model' } });
    try {
      const hits = await search.search('boiler pressure');
      expect(hits[0]?.path).toBe('Home/Boiler.md');
      expect(hits.every((hit) => !hit.matchedBy.includes('vector'))).toBe(true);
    } finally {
      await search.close();
    }
  });

  it('answers from full text when its embedder fails, and says so', async () => {
    await buildIndex();
    const failing = recordingEmbedder();
    failing.failing = true;
    const search = await openVaultSearch({ dataDir: vault.dataDir, embedder: { embed: failing.embed, model: 'hash-128' } });
    try {
      expect((await search.search('boiler pressure'))[0]?.path).toBe('Home/Boiler.md');
      expect(search.status().embedderAvailable).toBe(false);
    } finally {
      await search.close();
    }
  });

  it('reads a missing index as empty and creates nothing', async () => {
    const missing = path.join(vault.dir, 'no-index');
    const search = await openVaultSearch({ dataDir: missing, embedder: null });

    expect(await search.search('boiler')).toEqual([]);
    expect(search.status()).toMatchObject({ notes: 0, chunks: 0, lastSyncAt: null, embedderAvailable: false });
    await search.close();
    expect(existsSync(missing)).toBe(false);
  });

  it('keeps answering while another connection rewrites and compacts the index', async () => {
    await buildIndex();
    const writer = await createVaultIndex({ root: vault.root, dataDir: vault.dataDir, embedder, watch: 'off' });
    const reader = await openVaultSearch({ dataDir: vault.dataDir, embedder });
    try {
      const boiler = path.join(vault.root, 'Home/Boiler.md');
      const original = readFileSync(boiler, 'utf8');
      let writing = true;
      const writes = (async () => {
        for (let round = 0; round < 4; round++) {
          writeFileSync(boiler, `${original}\nRound ${round}: checked the filling loop.\n`);
          await writer.sync(); // ends with a compaction
        }
        writing = false;
      })();
      const answers: string[] = [];
      while (writing) answers.push((await reader.search('boiler pressure filling loop'))[0]?.path ?? 'nothing');
      await writes;

      expect(answers.length).toBeGreaterThan(0);
      expect(new Set(answers)).toEqual(new Set(['Home/Boiler.md']));
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('keeps one copy of every chunk when two indexes sync the same folder at once', async () => {
    const first = await createVaultIndex({ root: vault.root, dataDir: vault.dataDir, embedder, watch: 'off' });
    const second = await createVaultIndex({ root: vault.root, dataDir: vault.dataDir, embedder, watch: 'off' });
    try {
      await Promise.all([first.sync(), second.sync()]);
      // Both passes again, now that the other's rows are there.
      await Promise.all([first.sync(), second.sync()]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
    const alone = await createVaultIndex({ root: vault.root, dataDir: `${vault.dataDir}-alone`, embedder, watch: 'off' });
    await alone.sync();
    const expected = alone.status();
    await alone.close();

    const store = await openVaultStore({ dataDir: vault.dataDir, readOnly: true });
    try {
      const notes = await store.loadNotes();
      const chunks = await store.chunksOfNotes(notes.map((note) => note.noteId), { vectors: true });
      expect(notes.length).toBe(expected.notes);
      expect(chunks.length).toBe(expected.chunks);
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(chunks.length);
      expect(chunks.every((chunk) => chunk.vector?.length === 128)).toBe(true);
    } finally {
      store.close();
    }
  });
});
