/** The notes index in sentences, for the status page (`VaultState` from `/api/vault/status`). */
import type { VaultState } from '@tauceti/contracts';

export interface VaultSummary {
  state: string;
  isOnline: boolean;
  size: string;
  embedding: string;
  watching: string;
  lastSync: string;
  pending: string;
  /** The first few files that could not be indexed, and how many more there are. */
  errors: { shown: VaultState['errors']; more: number };
}

const count = new Intl.NumberFormat(undefined);
const plural = (n: number, word: string) => `${count.format(n)} ${word}${n === 1 ? '' : 's'}`;

const watchingWords: Record<VaultState['watching'], string> = {
  native: 'Watching the folder for changes',
  polling: 'Checking the folder for changes from time to time (polling, for network folders)',
  off: 'Not watching: changes are picked up at the next rescan',
};

/** How many failing files the status page lists before "and n more". @default 5 */
export function summarizeVault(vault: VaultState, options: { now?: number; maxErrors?: number } = {}): VaultSummary {
  const maxErrors = options.maxErrors ?? 5;
  return {
    isOnline: vault.online,
    state: vault.online ? 'Online' : 'Offline: the vault folder is not reachable; the index is kept',
    size: `${plural(vault.notes, 'note')} · ${plural(vault.chunks, 'chunk')}`,
    embedding: vault.embedderAvailable
      ? `${count.format(vault.embeddedChunks)} of ${plural(vault.chunks, 'chunk')} embedded${vault.embeddingModel ? ` (${vault.embeddingModel})` : ''}`
      : `Full-text only: the embedding model did not answer${vault.embeddedChunks > 0 ? ` (${count.format(vault.embeddedChunks)} of ${plural(vault.chunks, 'chunk')} embedded earlier)` : ''}`,
    watching: watchingWords[vault.watching],
    lastSync: vault.syncing ? 'Syncing now…' : vault.lastSyncAt === null ? 'Not synced yet' : new Date(vault.lastSyncAt).toLocaleString(),
    pending: vault.pendingChanges === 0 ? 'None' : `${plural(vault.pendingChanges, 'change')} waiting to be indexed`,
    errors: { shown: vault.errors.slice(0, maxErrors), more: Math.max(0, vault.errors.length - maxErrors) },
  };
}
