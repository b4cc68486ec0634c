import type { Embedder, NoteDocument, SearchHit, VaultStatus } from '../types.ts';

/** Structured logs; every method takes a message and optional fields. */
export interface VaultLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** How far a sync is: notes scanned, notes read and indexed, chunks embedded. */
export interface SyncProgress {
  phase: 'scan' | 'index' | 'embed';
  done: number;
  total: number;
}

/** The embedding model, injected: `embed` and the model's name (recorded with the vectors). */
export interface VaultEmbedder {
  embed: Embedder;
  /** A change of model (or of its vector width) drops every vector and embeds again. */
  model: string;
}

export interface VaultIndexOptions {
  /** The vault folder (read only; nothing is ever written into it). */
  root: string;
  /** A folder for the index (LanceDB tables and a small state file); created when missing. */
  dataDir: string;
  /** Null: full-text search only. */
  embedder: VaultEmbedder | null;
  /**
   * How `start()` notices changes: `native` file events, `polling` (needed on NFS/SMB/SSHFS mounts,
   * where events from other machines never arrive), `off`, or `auto`: polling when `/proc/mounts`
   * puts the vault on a network file system, native otherwise.
   * @default 'auto'
   */
  watch?: 'auto' | 'native' | 'polling' | 'off';
  /**
   * Polling interval, and how often an offline vault is looked for again.
   * @default 2000
   */
  pollIntervalMs?: number;
  /**
   * A full rescan every so many minutes, the safety net for missed events; 0 turns it off.
   * @default 15
   */
  rescanMinutes?: number;
  /**
   * Quiet time after the last file event before the changes are indexed (saves write a file in
   * several steps; a burst of edits becomes one batch).
   * @default 400
   */
  debounceMs?: number;
  /**
   * Texts per embedding call (at least 32: unbatched Ollama calls are ~20× slower).
   * @default 64
   */
  batchSize?: number;
  /**
   * Notes larger than this are skipped.
   * @default 2 MiB (the scanner's default)
   */
  maxFileBytes?: number;
  /**
   * How long to wait before asking a failed embedder again (vectors are filled in then, without
   * re-reading any note).
   * @default 60_000
   */
  embedRetryMs?: number;
  /** @default no logging */
  logger?: VaultLogger;
  onProgress?: (event: SyncProgress) => void;
  /**
   * The clock, for `lastSyncAt` and durations.
   * @default Date.now
   */
  now?: () => number;
}

/** What one full sync pass did. */
export interface SyncReport {
  added: number;
  updated: number;
  renamed: number;
  deleted: number;
  /** Notes whose content did not change (most of them not even read: same size and mtime). */
  unchanged: number;
  /** Chunks embedded in this pass. */
  embedded: number;
  /** Notes that could not be read or parsed (the sync went on without them). */
  failed: { path: string; message: string }[];
  /** The vault was missing, unreadable or empty: nothing was changed in the index. */
  offline: boolean;
  durationMs: number;
}

/** A note the index knows, with where it is: for the viewer's links and backlinks. */
export interface NoteRef {
  noteId: string;
  title: string;
  path: string;
}

export interface SearchOptions {
  /**
   * Notes to return at most.
   * @default 8
   */
  limit?: number;
  signal?: AbortSignal;
  /**
   * Follow links and backlinks of the best hits one hop.
   * @default true
   */
  expandLinks?: boolean;
}

/** The index of one vault: synced, watched, searched. */
export interface VaultIndex {
  /** One full pass: scan, index what changed, remove what is gone, embed what has no vector. */
  sync(options?: { signal?: AbortSignal }): Promise<SyncReport>;
  /** The first sync in the background, then watching (and periodic rescans). */
  start(): void;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  status(): VaultStatus;
  /** A note the index knows, read fresh from the vault; null for any other id or a vanished file. */
  note(id: string): Promise<{ document: NoteDocument; markdown: string } | null>;
  /** Where a wikilink written in `fromPath` leads (for the viewer); null when no known note. */
  notePathOf(target: string, fromPath: string): { path: string; noteId: string } | null;
  /** Notes linking to `path`. */
  backlinks(path: string): NoteRef[];
  /** Stops watching and timers, and waits for a running sync to reach a safe point. */
  close(): Promise<void>;
}

/** A read-only view of an index for a fresh process: no scan, no watcher. */
export interface VaultSearch {
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  status(): VaultStatus;
  close(): Promise<void>;
}
