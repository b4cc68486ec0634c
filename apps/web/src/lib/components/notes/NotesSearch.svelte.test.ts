import type { NotesSearchResponse, VaultStatusResponse } from '@tauceti/contracts';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NotesSearchState } from '../../state/notes-search.svelte.ts';
import { VaultStatusState } from '../../state/vault-status.svelte.ts';
import NotesSearch from './NotesSearch.svelte';

const ready: VaultStatusResponse = {
  configured: true,
  error: null,
  state: {
    name: 'Household', online: true, notes: 3, chunks: 9, embeddedChunks: 0, embeddingModel: null, embedderAvailable: false,
    watching: 'native', syncing: false, lastSyncAt: 1, pendingChanges: 0, errors: [],
  },
};

const response: NotesSearchResponse = {
  mode: 'full-text',
  results: [{ noteId: 'boiler01', path: 'House/Boiler.md', title: 'Boiler', heading: 'Pressure', anchor: 'pressure', snippet: 'Top it up to 1.5 bar.', score: 1 }],
};

async function setup(status: VaultStatusResponse, search = vi.fn(async () => response)) {
  const vault = new VaultStatusState({ load: async () => status });
  await vault.check();
  const state = new NotesSearchState({ search, debounceMs: 0 });
  const onLinkClick = vi.fn((event: MouseEvent) => event.preventDefault());
  render(NotesSearch, { search: state, vault, onLinkClick });
  return { search, onLinkClick };
}

describe('NotesSearch', () => {
  it('searches as the person types and opens a result at its heading', async () => {
    const { search, onLinkClick } = await setup(ready);
    await userEvent.type(screen.getByTestId('notes-search-input'), 'pressure');
    const result = await screen.findByTestId('note-result');
    expect(search).toHaveBeenLastCalledWith('pressure', expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(result).toHaveTextContent('Boiler');
    expect(result).toHaveTextContent('Pressure');
    expect(result).toHaveTextContent('House/Boiler.md');
    expect(result).toHaveTextContent('Top it up to 1.5 bar.');
    const link = result.querySelector('a');
    expect(link).toHaveAttribute('href', '/notes/boiler01#pressure');
    await userEvent.click(link as HTMLAnchorElement);
    expect(onLinkClick).toHaveBeenCalled();
    expect(screen.getByTestId('notes-search-mode')).toHaveTextContent(/Full-text only/);
  });

  it('explains that no vault is set up, and does not search', async () => {
    await setup({ configured: false, state: null, error: 'Notes need a vault: set VAULT_PATH to your Obsidian vault folder.' });
    expect(screen.getByTestId('vault-notice')).toHaveAttribute('data-state', 'unconfigured');
    expect(screen.getByTestId('vault-notice')).toHaveTextContent(/VAULT_PATH/);
    expect(screen.getByTestId('notes-search-input')).toBeDisabled();
  });

  it('says when the index is still opening, or the vault folder is offline', async () => {
    await setup({ configured: true, state: null, error: 'The notes index is still opening; try again in a moment.' });
    expect(screen.getByTestId('vault-notice')).toHaveTextContent('still opening');
  });

  it('says the kept index is searched while the vault folder is offline', async () => {
    await setup({ ...ready, state: ready.state && { ...ready.state, online: false } });
    expect(screen.getByTestId('vault-notice')).toHaveAttribute('data-state', 'offline');
  });
});
