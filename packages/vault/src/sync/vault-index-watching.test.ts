import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureVault, hashEmbedder, recordingEmbedder, waitFor, type FixtureCopy, type RecordingEmbedder } from '../testing/index.ts';
import { createVaultIndex } from './create-vault-index.ts';
import type { VaultIndex } from './vault-index-types.ts';

describe.each(['native', 'polling'] as const)('a started vault index watching with %s events', (mode) => {
  let vault: FixtureCopy;
  let embedder: RecordingEmbedder;
  let index: VaultIndex;

  const paths = async (query: string) => (await index.search(query)).map((hit) => hit.path);
  /** Settled: nothing pending, nothing running, every chunk embedded. */
  const settled = () => {
    const status = index.status();
    return !status.syncing && status.pendingChanges === 0 && status.embeddedChunks === status.chunks;
  };

  beforeEach(async () => {
    vault = copyFixtureVault();
    embedder = recordingEmbedder(hashEmbedder(128));
    index = await createVaultIndex({
      root: vault.root,
      dataDir: vault.dataDir,
      embedder: { embed: embedder.embed, model: 'hash-128' },
      watch: mode,
      pollIntervalMs: 100,
      debounceMs: 50,
      rescanMinutes: 0,
    });
    index.start();
    await waitFor(() => index.status().watching === mode && index.status().lastSyncAt !== null && settled(), { message: 'the first sync and a ready watcher' });
  });
  afterEach(async () => {
    await index.close();
    vault.remove();
  });

  it('indexes notes as they are added, edited, renamed and deleted', async () => {
    const note = path.join(vault.root, 'Garden/Quince.md');
    writeFileSync(note, '# Quince\n\nThe quince tree by the shed needs pruning in February.\n');
    await waitFor(async () => (await paths('quince pruning')).includes('Garden/Quince.md'), { message: 'the added note' });

    writeFileSync(note, '# Quince\n\nThe quince tree was moved to the zanzibar corner.\n');
    await waitFor(async () => (await index.search('zanzibar corner'))[0]?.path === 'Garden/Quince.md', { message: 'the edit' });
    expect(await paths('february pruning')).not.toContain('Garden/Quince.md');

    await waitFor(settled, { message: 'the edit embedded' });
    const textsBeforeRename = embedder.texts.length;
    mkdirSync(path.join(vault.root, 'Orchard'));
    renameSync(note, path.join(vault.root, 'Orchard/Quince tree.md'));
    await waitFor(async () => {
      const found = await paths('zanzibar corner');
      return found[0] === 'Orchard/Quince tree.md' && !found.includes('Garden/Quince.md');
    }, { message: 'the rename' });
    await waitFor(settled, { message: 'the rename settled' });
    // The searches above embed their queries; no chunk of the note was embedded again.
    expect(embedder.texts.slice(textsBeforeRename).filter((text) => text.includes('quince tree'))).toEqual([]);

    rmSync(path.join(vault.root, 'Orchard/Quince tree.md'));
    await waitFor(async () => !(await paths('zanzibar corner')).includes('Orchard/Quince tree.md'), { message: 'the delete' });
  });

  it('goes offline when the vault folder disappears, keeps the index, and resumes when it is back', async () => {
    const { notes, chunks } = index.status();
    renameSync(vault.root, `${vault.root}-away`);
    await waitFor(() => !index.status().online, { message: 'offline' });

    expect(index.status()).toMatchObject({ notes, chunks });
    expect((await paths('boiler pressure'))[0]).toBe('Home/Boiler.md');

    renameSync(`${vault.root}-away`, vault.root);
    await waitFor(() => index.status().online && index.status().watching === mode, { message: 'online and watching again' });
    expect(index.status()).toMatchObject({ notes, chunks });

    writeFileSync(path.join(vault.root, 'Back again.md'), 'A note about the xylophone in the attic.\n');
    await waitFor(async () => (await paths('xylophone attic')).includes('Back again.md'), { message: 'a change after coming back' });
  });
});
