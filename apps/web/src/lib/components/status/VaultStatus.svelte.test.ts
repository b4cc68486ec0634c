import type { VaultStatusResponse } from '@tauceti/contracts';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { VaultStatusState } from '../../state/vault-status.svelte.ts';
import VaultStatus from './VaultStatus.svelte';

async function setup(status: VaultStatusResponse) {
  const vault = new VaultStatusState({ load: async () => status });
  await vault.check();
  render(VaultStatus, { vault });
}

const state = {
  name: 'Household', online: false, notes: 12, chunks: 40, embeddedChunks: 31, embeddingModel: 'nomic-embed-text', embedderAvailable: true,
  watching: 'polling' as const, syncing: false, lastSyncAt: null, pendingChanges: 2,
  errors: [{ path: 'Broken.md', message: 'The file is not UTF-8.' }],
};

describe('VaultStatus', () => {
  it('shows the index: offline with the index kept, the embedded share, changes and failing files', async () => {
    await setup({ configured: true, state, error: null });
    expect(screen.getByTestId('vault-state')).toHaveTextContent('Household · Offline: the vault folder is not reachable; the index is kept');
    expect(screen.getByTestId('vault-embedding')).toHaveTextContent('31 of 40 chunks embedded (nomic-embed-text)');
    expect(screen.getByText('2 changes waiting to be indexed')).toBeInTheDocument();
    expect(screen.getByTestId('vault-errors')).toHaveTextContent('Broken.md: The file is not UTF-8.');
  });

  it('says when no vault is set up', async () => {
    await setup({ configured: false, state: null, error: 'Notes need a vault: set VAULT_PATH to your Obsidian vault folder.' });
    expect(screen.getByTestId('vault-status')).toHaveTextContent('No vault is set up. Notes need a vault');
  });
});
