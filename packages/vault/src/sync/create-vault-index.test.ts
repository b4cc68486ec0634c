import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readNote } from '../source/read-note.ts';
import { scanVault } from '../source/scan-vault.ts';
import { openVaultStore } from '../store/open-vault-store.ts';
import { copyFixtureVault, hashEmbedder, recordingEmbedder, type FixtureCopy, type RecordingEmbedder } from '../testing/index.ts';
import { createVaultIndex } from './create-vault-index.ts';
import type { VaultIndex, VaultIndexOptions } from './vault-index-types.ts';

// Counts the notes actually read, to prove unchanged files are never opened.
vi.mock(import('../source/read-note.ts'), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, readNote: vi.fn(actual.readNote) };
});
const readPaths = () => vi.mocked(readNote).mock.calls.map(([file]) => file.path);

describe('createVaultIndex', () => {
  let vault: FixtureCopy;
  let embedder: RecordingEmbedder;
  const open: VaultIndex[] = [];
  const openIndex = async (overrides: Partial<VaultIndexOptions> = {}) => {
    const index = await createVaultIndex({ root: vault.root, dataDir: vault.dataDir, embedder: { embed: embedder.embed, model: 'hash-256' }, watch: 'off', ...overrides });
    open.push(index);
    return index;
  };
  const noteCount = () => scanVault(vault.root).files.length;

  beforeEach(() => {
    vault = copyFixtureVault();
    embedder = recordingEmbedder(hashEmbedder(256));
    vi.mocked(readNote).mockClear();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((index) => index.close()));
    vault.remove();
  });

  it('indexes and embeds the whole vault on the first sync', async () => {
    const index = await openIndex();
    const report = await index.sync();

    expect(report).toMatchObject({ added: noteCount(), updated: 0, renamed: 0, deleted: 0, offline: false, failed: [] });
    const status = index.status();
    expect(status).toMatchObject({ online: true, notes: noteCount(), embeddingModel: 'hash-256', embedderAvailable: true, watching: 'off', syncing: false });
    expect(status.chunks).toBeGreaterThan(noteCount());
    expect(status.embeddedChunks).toBe(status.chunks);
    expect(report.embedded).toBe(status.chunks);
    expect(status.lastSyncAt).not.toBeNull();
    const [hit] = await index.search('what pressure should the boiler be at');
    expect(hit).toMatchObject({ path: 'Home/Boiler.md', heading: 'Pressure' });
    expect(hit!.matchedBy).toEqual(expect.arrayContaining(['fts', 'vector']));
  });

  it('reports progress for the scan, the notes indexed and the chunks embedded', async () => {
    const events: { phase: string; done: number; total: number }[] = [];
    embedder.failing = true;
    const index = await openIndex({ onProgress: (event) => events.push(event) });
    await index.sync();
    embedder.failing = false;
    await index.sync();

    expect(events).toContainEqual({ phase: 'scan', done: noteCount(), total: noteCount() });
    expect(events).toContainEqual({ phase: 'index', done: noteCount(), total: noteCount() });
    expect(events.filter((event) => event.phase === 'embed').at(-1)).toEqual({ phase: 'embed', done: index.status().chunks, total: index.status().chunks });
  });

  it('embeds in batches of batchSize texts', async () => {
    const index = await openIndex({ batchSize: 32 });
    await index.sync();
    expect(embedder.calls).toBe(Math.ceil(index.status().chunks / 32));
  });

  it('reads no file and embeds nothing when restarted over an unchanged vault', async () => {
    await (await openIndex()).sync();
    await open.pop()!.close();
    vi.mocked(readNote).mockClear();
    const callsBefore = embedder.calls;

    const restarted = await openIndex();
    const report = await restarted.sync();

    expect(report).toMatchObject({ added: 0, updated: 0, renamed: 0, deleted: 0, unchanged: noteCount(), embedded: 0 });
    expect(readPaths()).toEqual([]);
    expect(embedder.calls).toBe(callsBefore);
    expect(restarted.status().notes).toBe(noteCount());
  });

  it('re-embeds only the section an edit changed', async () => {
    const index = await openIndex();
    await index.sync();
    const boiler = path.join(vault.root, 'Home/Boiler.md');
    writeFileSync(boiler, readFileSync(boiler, 'utf8').replace('Upstairs first, then downstairs.', 'Start with the zanzibar radiator upstairs.'));
    vi.mocked(readNote).mockClear();
    const textsBefore = embedder.texts.length;

    const report = await index.sync();

    expect(report).toMatchObject({ added: 0, updated: 1, renamed: 0, deleted: 0, embedded: 1 });
    expect(readPaths()).toEqual(['Home/Boiler.md']);
    expect(embedder.texts.slice(textsBefore)).toEqual([expect.stringContaining('zanzibar radiator')]);
    expect((await index.search('zanzibar'))[0]).toMatchObject({ path: 'Home/Boiler.md', heading: 'Radiators' });
  });

  it('moves a renamed note without embedding it again', async () => {
    const index = await openIndex();
    await index.sync();
    const before = (await index.search('chicken bones compost'))[0]!;
    renameSync(path.join(vault.root, 'Garden/Compost.md'), path.join(vault.root, 'Garden/Compost heap.md'));
    const callsBefore = embedder.calls;

    const report = await index.sync();

    expect(report).toMatchObject({ added: 0, updated: 0, renamed: 1, deleted: 0, embedded: 0 });
    expect(embedder.calls).toBe(callsBefore);
    const status = index.status();
    expect(status.embeddedChunks).toBe(status.chunks);
    const after = (await index.search('chicken bones compost'))[0]!;
    expect(after.path).toBe('Garden/Compost heap.md');
    expect(after.noteId).not.toBe(before.noteId);
    expect(await index.note(before.noteId)).toBeNull();
  });

  it('does not embed a moved note again when its delete and its add arrive in separate passes', async () => {
    const index = await openIndex();
    await index.sync();
    renameSync(path.join(vault.root, 'Garden/Lawn.md'), path.join(vault.dir, 'Lawn.md'));
    expect(await index.sync()).toMatchObject({ deleted: 1 });
    const callsBefore = embedder.calls;

    renameSync(path.join(vault.dir, 'Lawn.md'), path.join(vault.root, 'Home/Lawn care.md'));
    const report = await index.sync();

    expect(report).toMatchObject({ added: 1, embedded: 0 });
    expect(embedder.calls).toBe(callsBefore);
    expect(index.status().embeddedChunks).toBe(index.status().chunks);
  });

  it('removes a deleted note', async () => {
    const index = await openIndex();
    await index.sync();
    rmSync(path.join(vault.root, 'Family/Vet.md'));

    const report = await index.sync();

    expect(report).toMatchObject({ deleted: 1, added: 0 });
    expect(index.status().notes).toBe(noteCount());
    expect((await index.search('spaniel vaccination booster')).map((hit) => hit.path)).not.toContain('Family/Vet.md');
  });

  it('keeps the whole index while the vault folder is gone, then resumes', async () => {
    const index = await openIndex();
    await index.sync();
    const notes = index.status().notes;
    const chunks = index.status().chunks;
    renameSync(vault.root, `${vault.root}-unmounted`);

    const away = await index.sync();

    expect(away).toMatchObject({ offline: true, deleted: 0, added: 0 });
    expect(index.status()).toMatchObject({ online: false, notes, chunks });
    expect((await index.search('boiler pressure'))[0]?.path).toBe('Home/Boiler.md');

    renameSync(`${vault.root}-unmounted`, vault.root);
    const back = await index.sync();

    expect(back).toMatchObject({ offline: false, deleted: 0, added: 0, unchanged: notes });
    expect(index.status()).toMatchObject({ online: true, notes, chunks });
  });

  it('treats a vault whose notes all vanished at once as offline, not as a mass delete', async () => {
    const index = await openIndex();
    await index.sync();
    const notes = index.status().notes;
    // What an unmounted share often looks like: the mount point is there, and empty.
    renameSync(vault.root, `${vault.root}-real`);
    mkdirSync(vault.root);

    const report = await index.sync();

    expect(report).toMatchObject({ offline: true, deleted: 0 });
    expect(index.status()).toMatchObject({ online: false, notes });
  });

  it('works full-text only while the embedder fails, then fills in the vectors without reading notes again', async () => {
    embedder.failing = true;
    const index = await openIndex();
    const first = await index.sync();

    expect(first).toMatchObject({ added: noteCount(), embedded: 0 });
    expect(index.status()).toMatchObject({ embedderAvailable: false, embeddedChunks: 0 });
    const [hit] = await index.search('boiler pressure');
    expect(hit).toMatchObject({ path: 'Home/Boiler.md', matchedBy: expect.not.arrayContaining(['vector']) });

    embedder.failing = false;
    vi.mocked(readNote).mockClear();
    const second = await index.sync();

    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: noteCount() });
    expect(second.embedded).toBe(index.status().chunks);
    expect(readPaths()).toEqual([]);
    expect(index.status()).toMatchObject({ embedderAvailable: true });
    expect((await index.search('boiler pressure'))[0]!.matchedBy).toContain('vector');
  });

  it('fills in the vectors on its own once a failed embedder answers again', async () => {
    embedder.failing = true;
    const index = await openIndex({ embedRetryMs: 50 });
    index.start();
    await vi.waitFor(() => expect(index.status()).toMatchObject({ embedderAvailable: false, notes: noteCount() }), { timeout: 30_000, interval: 25 });

    embedder.failing = false;

    await vi.waitFor(
      () => {
        const status = index.status();
        expect(status.embedderAvailable).toBe(true);
        expect(status.embeddedChunks).toBe(status.chunks);
      },
      { timeout: 30_000, interval: 25 },
    );
  });

  it('embeds everything again for another model, never mixing vector widths', async () => {
    await (await openIndex()).sync();
    await open.pop()!.close();

    const other = recordingEmbedder(hashEmbedder(64));
    const index = await openIndex({ embedder: { embed: other.embed, model: 'hash-64' } });
    const report = await index.sync();

    expect(report.embedded).toBe(index.status().chunks);
    expect(index.status()).toMatchObject({ embeddingModel: 'hash-64' });
    const store = await openVaultStore({ dataDir: vault.dataDir, readOnly: true });
    expect(await store.vectorColumn()).toEqual({ width: 64, model: 'hash-64' });
    store.close();
    expect((await index.search('boiler pressure'))[0]!.matchedBy).toContain('vector');
  });

  it('reports a note it cannot read and indexes the rest', async () => {
    const actual = await vi.importActual<typeof import('../source/read-note.ts')>('../source/read-note.ts');
    vi.mocked(readNote).mockImplementation((file, options) => {
      if (file.path === 'Home/Bins.md') throw new Error(`Cannot read the note ${file.absolutePath} (EIO)`);
      return actual.readNote(file, options);
    });
    try {
      symlinkSync(path.join(vault.root, 'nowhere.md'), path.join(vault.root, 'Dangling.md'));
      const index = await openIndex();
      const report = await index.sync();

      expect(report.failed).toEqual([{ path: 'Home/Bins.md', message: expect.stringContaining('EIO') }]);
      expect(report.added).toBe(noteCount() - 1);
      expect(index.status().errors).toEqual(
        expect.arrayContaining([
          { path: 'Home/Bins.md', message: expect.stringContaining('EIO') },
          { path: 'Dangling.md', message: expect.any(String) },
        ]),
      );
    } finally {
      vi.mocked(readNote).mockImplementation(actual.readNote);
    }
  });

  it('serves known notes fresh from the vault and nothing else', async () => {
    const index = await openIndex();
    await index.sync();
    const [hit] = await index.search('boiler pressure');
    appendFileSync(path.join(vault.root, 'Home/Boiler.md'), '\nAdded after indexing.\n');

    const found = await index.note(hit!.noteId);

    expect(found?.document).toMatchObject({ path: 'Home/Boiler.md', title: 'Boiler' });
    expect(found?.markdown).toContain('Added after indexing.');
    expect(found?.markdown).not.toContain('aliases:');
    for (const id of ['../../etc/passwd', '/etc/passwd', '%2e%2e/%2e%2e/etc/passwd', '', 'Home/Boiler.md']) {
      expect(await index.note(id)).toBeNull();
    }
  });

  it('refuses a note replaced by a symlink that leaves the vault', async () => {
    const index = await openIndex();
    await index.sync();
    const [hit] = await index.search('wifi router');
    const secret = `${vault.root}-secret.md`;
    writeFileSync(secret, 'not part of the vault');
    rmSync(path.join(vault.root, hit!.path));
    symlinkSync(secret, path.join(vault.root, hit!.path));

    expect(await index.note(hit!.noteId)).toBeNull();
  });

  it('resolves wikilinks and lists backlinks for the viewer', async () => {
    const index = await openIndex();
    await index.sync();

    expect(index.notePathOf('Boiler', 'Welcome.md')).toMatchObject({ path: 'Home/Boiler.md' });
    expect(index.notePathOf('No such note', 'Welcome.md')).toBeNull();
    expect(index.backlinks('Home/Boiler.md').map((note) => note.path)).toEqual(expect.arrayContaining(['Welcome.md', 'Home/Emergency contacts.md']));
  });

  it('never writes into the vault', async () => {
    // Every entry, hidden ones included, with its size and mtime.
    const listing = () =>
      readdirSync(vault.root, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((entry) => {
          const stats = statSync(path.join(vault.root, entry));
          return `${entry} ${stats.size} ${stats.mtimeMs}`;
        });
    const before = listing();
    const index = await openIndex();
    await index.sync();
    await index.search('anything at all');
    await index.note((await index.search('boiler'))[0]!.noteId);
    await index.close();

    expect(listing()).toEqual(before);
  });
});
