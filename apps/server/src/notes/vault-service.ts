import { join } from 'node:path';
import type { VaultState } from '@tauceti/contracts';
import type { OllamaClient } from '@tauceti/ollama';
import { createVaultIndex, type Embedder, type VaultIndex } from '@tauceti/vault';
import type { Env } from '../env.ts';
import type { Logger } from '../http/logger.ts';

export interface VaultServiceOptions {
  env: Pick<Env, 'VAULT_PATH' | 'VAULT_NAME' | 'DATA_DIR' | 'EMBED_MODEL' | 'VAULT_POLL' | 'VAULT_RESCAN_MINUTES'>;
  ollama: Pick<OllamaClient, 'embed'>;
  logger: Logger;
}

/** Where the notes index lives: local disk under DATA_DIR (the vault is the only thing read from the NAS). */
export const vaultIndexDir = (dataDir: string) => join(dataDir, 'lancedb');

/**
 * Embeddings from Ollama's `/api/embed` with `EMBED_MODEL`, always with the same (no) load
 * options, so indexing never makes Ollama reload the model.
 */
export function ollamaEmbedder(ollama: Pick<OllamaClient, 'embed'>, model: string): Embedder {
  return async (texts, { signal }) => (await ollama.embed({ model, input: texts, ...(signal ? { signal } : {}) })).embeddings;
}

/**
 * The server's notes index: opened (and the vault watched) in the background at start-up, so the
 * app serves at once; null until then, with the reason when it cannot open. Without `VAULT_PATH`
 * the notes features are simply off.
 */
export function createVaultService({ env, ollama, logger }: VaultServiceOptions) {
  let index: VaultIndex | null = null;
  let opening: Promise<VaultIndex | null> | null = null;
  let failure: string | null = null;

  async function open(): Promise<VaultIndex | null> {
    if (!env.VAULT_PATH) return null;
    try {
      index = await createVaultIndex({
        root: env.VAULT_PATH,
        dataDir: vaultIndexDir(env.DATA_DIR),
        embedder: { model: env.EMBED_MODEL, embed: ollamaEmbedder(ollama, env.EMBED_MODEL) },
        watch: env.VAULT_POLL === 'true' ? 'polling' : env.VAULT_POLL === 'false' ? 'native' : 'auto',
        rescanMinutes: env.VAULT_RESCAN_MINUTES,
        logger,
      });
      index.start();
      logger.info('notes index open', { vault: env.VAULT_PATH });
      return index;
    } catch (error) {
      failure = `The notes index could not be opened: ${error instanceof Error ? error.message : String(error)}`;
      logger.error(failure, { dataDir: vaultIndexDir(env.DATA_DIR) });
      return null;
    }
  }

  return {
    /** A vault is configured (`VAULT_PATH`). */
    configured: env.VAULT_PATH !== undefined,
    name: env.VAULT_NAME ?? 'vault',
    /** Opens the index and starts watching; resolves once it is open (or failed). */
    start(): Promise<VaultIndex | null> {
      opening ??= open();
      return opening;
    },
    /** The index once open; null before, when not configured, or when it failed. */
    get index(): VaultIndex | null {
      return index;
    },
    /** Why the notes cannot be used right now, for people; null when they can. */
    unavailableReason(): string | null {
      if (!env.VAULT_PATH) return 'Notes need a vault: set VAULT_PATH to your Obsidian vault folder.';
      if (failure) return failure;
      if (!index) return 'The notes index is still opening; try again in a moment.';
      return null;
    },
    state(): VaultState | null {
      if (!index) return null;
      const { root: _root, ...status } = index.status();
      return { name: env.VAULT_NAME ?? 'vault', ...status };
    },
    async close(): Promise<void> {
      await (await opening)?.close();
    },
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
