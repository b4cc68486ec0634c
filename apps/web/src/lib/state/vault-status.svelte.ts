/**
 * Where the notes stand (`GET /api/vault/status`), for the notes search panel and the status page.
 * While a page that shows it is open, it is checked again until the index is open and synced.
 */
import type { VaultStatusResponse } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { getVaultStatus } from '../api/vault.ts';

export interface VaultStatusStateOptions {
  /** @default getVaultStatus */
  load?: (signal?: AbortSignal) => Promise<VaultStatusResponse>;
  /** Between checks while the index opens or syncs. @default 2000 */
  pollMs?: number;
}

/**
 * - `checking`: not known yet. `unconfigured`: no `VAULT_PATH`. `closed`: the index is opening (or
 *   could not open; `reason` says which). `offline`: the vault folder is not reachable, the index is
 *   kept and searched. `ready`: online.
 */
export type VaultAvailability = 'checking' | 'unconfigured' | 'closed' | 'offline' | 'ready';

export class VaultStatusState {
  #status = $state.raw<VaultStatusResponse | null>(null);
  #error = $state<string | null>(null);
  #checking = $state(false);
  #watchers = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #load: (signal?: AbortSignal) => Promise<VaultStatusResponse>;
  readonly #pollMs: number;

  constructor(options: VaultStatusStateOptions = {}) {
    this.#load = options.load ?? getVaultStatus;
    this.#pollMs = options.pollMs ?? 2000;
  }

  get status(): VaultStatusResponse | null { return this.#status; }
  /** The status request itself failed. */
  get error(): string | null { return this.#error; }
  get isChecking(): boolean { return this.#checking; }

  get availability(): VaultAvailability {
    const status = this.#status;
    if (!status) return 'checking';
    if (!status.configured) return 'unconfigured';
    if (!status.state) return 'closed';
    return status.state.online ? 'ready' : 'offline';
  }

  /** Why the notes cannot be searched right now, in the server's words; null when they can. */
  get reason(): string | null {
    const availability = this.availability;
    if (availability === 'ready' || availability === 'offline') return null;
    if (this.#error) return `The notes status could not be read: ${this.#error}`;
    return this.#status?.error ?? null;
  }

  /** Still settling: opening, syncing or never synced, so worth asking again soon. */
  get isSettling(): boolean {
    const status = this.#status;
    if (!status?.configured) return false;
    return !status.state || status.state.syncing || status.state.lastSyncAt === null;
  }

  async check() {
    clearTimeout(this.#timer);
    this.#checking = true;
    try {
      this.#status = await this.#load();
      this.#error = null;
    } catch (error) {
      this.#error = errorMessage(error);
    } finally {
      this.#checking = false;
    }
    if (this.#watchers > 0 && (this.isSettling || this.#error)) {
      this.#timer = setTimeout(() => void this.check(), this.#pollMs);
    }
  }

  /** Checks now and keeps checking while it settles; returns the stop. */
  watch(): () => void {
    this.#watchers++;
    void this.check();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.#watchers--;
      if (this.#watchers === 0) clearTimeout(this.#timer);
    };
  }
}
