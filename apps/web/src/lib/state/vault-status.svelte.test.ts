import type { VaultState, VaultStatusResponse } from '@tauceti/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VaultStatusState } from './vault-status.svelte.ts';

const state = (overrides: Partial<VaultState> = {}): VaultState => ({
  name: 'Household', online: true, notes: 12, chunks: 40, embeddedChunks: 40, embeddingModel: 'nomic-embed-text',
  embedderAvailable: true, watching: 'native', syncing: false, lastSyncAt: 1_700_000_000_000, pendingChanges: 0, errors: [], ...overrides,
});

describe('VaultStatusState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps checking while watched until the index is open and synced', async () => {
    const answers: VaultStatusResponse[] = [
      { configured: true, state: null, error: 'The notes index is still opening; try again in a moment.' },
      { configured: true, state: state({ syncing: true, lastSyncAt: null }), error: null },
      { configured: true, state: state(), error: null },
    ];
    const load = vi.fn(async () => answers.shift() ?? { configured: true, state: state(), error: null });
    const vault = new VaultStatusState({ load, pollMs: 1000 });
    const stop = vault.watch();
    await vi.advanceTimersByTimeAsync(0);
    expect(vault.availability).toBe('closed');
    expect(vault.reason).toMatch(/still opening/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.isSettling).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.availability).toBe('ready');
    await vi.advanceTimersByTimeAsync(5000);
    expect(load).toHaveBeenCalledTimes(3);
    stop();
  });

  it('names a vault that is not configured, and one whose folder is offline', async () => {
    const vault = new VaultStatusState({ load: async () => ({ configured: false, state: null, error: 'Notes need a vault: set VAULT_PATH.' }) });
    await vault.check();
    expect(vault.availability).toBe('unconfigured');
    expect(vault.reason).toMatch(/VAULT_PATH/);
    const offline = new VaultStatusState({ load: async () => ({ configured: true, state: state({ online: false }), error: null }) });
    await offline.check();
    expect(offline.availability).toBe('offline');
    expect(offline.reason).toBeNull();
  });
});
