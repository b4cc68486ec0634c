import type { VaultState } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { summarizeVault } from './vault-summary.ts';

const vault = (overrides: Partial<VaultState> = {}): VaultState => ({
  name: 'Household', online: true, notes: 12, chunks: 310, embeddedChunks: 204, embeddingModel: 'nomic-embed-text',
  embedderAvailable: true, watching: 'native', syncing: false, lastSyncAt: null, pendingChanges: 0, errors: [], ...overrides,
});

describe('summarizeVault', () => {
  it('gives the embedded share with the model', () => {
    const summary = summarizeVault(vault());
    expect(summary.embedding).toBe('204 of 310 chunks embedded (nomic-embed-text)');
    expect(summary.size).toBe('12 notes · 310 chunks');
    expect(summary.state).toBe('Online');
    expect(summary.lastSync).toBe('Not synced yet');
    expect(summary.pending).toBe('None');
  });

  it('says full-text only when the embedding model did not answer, and offline when the folder is gone', () => {
    const summary = summarizeVault(vault({ embedderAvailable: false, embeddedChunks: 0, online: false, pendingChanges: 1, syncing: true, watching: 'polling' }));
    expect(summary.embedding).toBe('Full-text only: the embedding model did not answer');
    expect(summary.state).toBe('Offline: the vault folder is not reachable; the index is kept');
    expect(summary.pending).toBe('1 change waiting to be indexed');
    expect(summary.lastSync).toBe('Syncing now…');
    expect(summary.watching).toMatch(/polling/);
  });

  it('lists the first few failing files and counts the rest', () => {
    const errors = Array.from({ length: 7 }, (_, index) => ({ path: `bad-${index}.md`, message: 'not UTF-8' }));
    const summary = summarizeVault(vault({ errors }), { maxErrors: 5 });
    expect(summary.errors.shown.map((error) => error.path)).toEqual(['bad-0.md', 'bad-1.md', 'bad-2.md', 'bad-3.md', 'bad-4.md']);
    expect(summary.errors.more).toBe(2);
  });
});
