import path from 'node:path';
import { buildNoteCatalog, type NoteCatalog } from '../query/note-catalog.ts';
import { searchNotes } from '../query/search-notes.ts';
import type { StoredChunk } from '../store/chunk-columns.ts';
import type { NoteEntry } from '../store/note-columns.ts';
import { openVaultStore, type VectorColumn } from '../store/open-vault-store.ts';
import { readSnapshot, writeSnapshot } from '../store/state-file.ts';
import type { VaultStatus } from '../types.ts';
import { detectWatchMode, looksMounted } from './detect-watch-mode.ts';
import { createChunkEmbedder, toVectors } from './chunk-embedder.ts';
import { embedPending } from './embed-pending.ts';
import { readIndexedNote } from './read-indexed-note.ts';
import { runSyncPass } from './run-sync-pass.ts';
import { createSerialQueue } from './serial-queue.ts';
import type { SyncReport, VaultIndex, VaultIndexOptions, VaultLogger } from './vault-index-types.ts';
import { watchVault, type VaultWatcher } from './watch-vault.ts';

/** Commits after which the tables are compacted at once (300 unbatched upserts made queries 6.5× slower). */
const OPTIMIZE_EVERY_WRITES = 20;
/** Quiet time after the last write before the tables are compacted anyway. */
const OPTIMIZE_IDLE_MS = 30_000;

const SILENT: VaultLogger = { debug() {}, info() {}, warn() {}, error() {} };
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Opens (or creates) the index of a vault in `dataDir`. Nothing is scanned until `sync()` or
 * `start()`; the index answers searches from what it already holds at once.
 */
export async function createVaultIndex(options: VaultIndexOptions): Promise<VaultIndex> {
  const root = path.resolve(options.root);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? SILENT;
  const embedder = options.embedder;
  const batchSize = Math.max(32, options.batchSize ?? 64);
  const debounceMs = options.debounceMs ?? 400;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const rescanMs = (options.rescanMinutes ?? 15) * 60_000;
  const embedRetryMs = options.embedRetryMs ?? 60_000;

  const store = await openVaultStore({ dataDir: options.dataDir });
  const snapshot = readSnapshot(options.dataDir);
  let vectors: VectorColumn | null = await store.vectorColumn();
  if (embedder && vectors && vectors.model !== embedder.model) {
    // Never mix models: the old vectors go now, and the next pass embeds every chunk again.
    logger.info('The embedding model changed: every chunk is embedded again', { from: vectors.model, to: embedder.model });
    await store.clearVectors();
    vectors = null;
  }
  let manifest = new Map<string, NoteEntry>((await store.loadNotes()).map((entry) => [entry.path, entry]));
  let counts = await store.counts();
  let catalog: NoteCatalog | null = null;
  const getCatalog = () => (catalog ??= buildNoteCatalog([...manifest.values()]));

  const state = {
    online: snapshot?.root === root ? snapshot.online : true,
    lastSyncAt: snapshot?.root === root ? snapshot.lastSyncAt : null,
    embedderAvailable: embedder !== null,
    syncing: false,
    watching: 'off' as VaultStatus['watching'],
    errors: new Map<string, string>(),
  };
  const chunkEmbedder = embedder ? createChunkEmbedder({ store, embedder, batchSize }) : null;
  const pending = new Set<string>();
  // A move seen as a delete in one pass and an add in the next must not be embedded again.
  const recentlyRemoved = new Map<string, StoredChunk[]>();
  const queue = createSerialQueue();
  const closing = new AbortController();
  let closed = false;
  let started = false;
  let mode: 'native' | 'polling' | 'off' = 'off';
  let watcher: VaultWatcher | null = null;
  let dirty = false;
  let loopRunning = false;
  // Set when the loop is asked to run while it is running (a retry timer, an embedder back).
  let rerun = false;
  let embedBlockedUntil = 0;
  let writesSinceOptimize = 0;
  const timers = { debounce: null as NodeJS.Timeout | null, idle: null as NodeJS.Timeout | null, retry: null as NodeJS.Timeout | null };
  let rescanTimer: NodeJS.Timeout | null = null;
  let probeTimer: NodeJS.Timeout | null = null;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  };

  function persist(): void {
    try {
      writeSnapshot(options.dataDir, {
        root,
        online: state.online,
        notes: manifest.size,
        chunks: counts.chunks,
        embeddedChunks: counts.embeddedChunks,
        embeddingModel: embedder?.model ?? vectors?.model ?? null,
        embedderAvailable: state.embedderAvailable,
        lastSyncAt: state.lastSyncAt,
        errors: [...state.errors].map(([notePath, message]) => ({ path: notePath, message })),
      });
    } catch (error) {
      logger.warn('The index state file could not be written', { dataDir: options.dataDir, error: messageOf(error) });
    }
  }

  async function job<T>(run: () => Promise<T>): Promise<T> {
    state.syncing = true;
    try {
      return await run();
    } finally {
      state.syncing = false;
    }
  }

  function goOffline(reason: string): void {
    if (state.online) logger.warn(`Vault offline: ${reason}`, { root });
    state.online = false;
    stopWatcher();
    if (started && !probeTimer && !closed) {
      // Cheap look every poll interval; a full pass only once the folder has entries again.
      probeTimer = setInterval(() => {
        if (!loopRunning && !dirty && looksMounted(root)) requestPass(0);
      }, pollIntervalMs);
      probeTimer.unref();
    }
  }

  function goOnline(): void {
    if (!state.online) logger.info('Vault back online: syncing resumes', { root });
    state.online = true;
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = null;
    // The old watcher may watch a mount point that was replaced: a fresh one watches what is there now.
    if (started && mode !== 'off' && !watcher && !closed) startWatcher();
  }

  async function indexPass(signal: AbortSignal, force = false): Promise<SyncReport> {
    const startedAt = now();
    pending.clear();
    // New sections are embedded on the way unless the embedder is known to be down (then they wait).
    const inline = force || now() >= embedBlockedUntil ? chunkEmbedder : null;
    const pass = await runSyncPass({
      root,
      store,
      ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
      recentlyRemoved,
      embedder: inline,
      signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    manifest = pass.manifest;
    catalog = null;
    writesSinceOptimize += pass.writes;
    if (pass.embedError) markUnavailable(pass.embedError);
    else if (pass.counts.embedded > 0) markAvailable();
    if (inline) vectors = await store.vectorColumn();
    if (pass.offline) goOffline(pass.offline);
    else {
      goOnline();
      state.errors = new Map(pass.errors.map((error) => [error.path, error.message]));
      state.lastSyncAt = now();
      for (const failure of pass.counts.failed) logger.warn('A note could not be indexed', failure);
    }
    counts = await store.counts();
    persist();
    const { added, updated, renamed, deleted } = pass.counts;
    if (added + updated + renamed + deleted > 0) logger.info('Vault synced', { added, updated, renamed, deleted });
    return { ...pass.counts, offline: pass.offline !== null, durationMs: now() - startedAt };
  }

  async function embedPass(signal: AbortSignal, force: boolean, shouldYield?: () => boolean): Promise<number> {
    if (!chunkEmbedder || (!force && now() < embedBlockedUntil)) return 0;
    const result = await embedPending({
      store,
      embedder: chunkEmbedder,
      signal,
      onProgress: (done, total) => options.onProgress?.({ phase: 'embed', done, total }),
      ...(shouldYield ? { shouldYield } : {}),
    });
    writesSinceOptimize += result.writes;
    if (result.error) markUnavailable(result.error);
    else if (result.embedded > 0) markAvailable();
    vectors = await store.vectorColumn();
    counts = await store.counts();
    persist();
    return result.embedded;
  }

  function markUnavailable(error: unknown): void {
    if (state.embedderAvailable) logger.warn('The embedder failed: search is full-text only until it answers', { error: messageOf(error) });
    state.embedderAvailable = false;
    embedBlockedUntil = now() + embedRetryMs;
    if (timers.retry) clearTimeout(timers.retry);
    if (started && !closed) timers.retry = later(embedRetryMs, kick);
  }

  function markAvailable(): void {
    const wasDown = !state.embedderAvailable;
    state.embedderAvailable = true;
    embedBlockedUntil = 0;
    if (wasDown) {
      logger.info('The embedder answers again: filling in the missing vectors');
      if (started && !closed) later(0, kick);
    }
  }

  async function optimizeNow(): Promise<void> {
    if (writesSinceOptimize === 0) return;
    try {
      await store.optimize();
      writesSinceOptimize = 0;
    } catch (error) {
      logger.warn('Compacting the index failed; it is tried again later', { error: messageOf(error) });
    }
  }

  const wantsEmbedding = () => embedder !== null && now() >= embedBlockedUntil && counts.embeddedChunks < counts.chunks;

  function requestPass(delayMs: number): void {
    if (closed) return;
    dirty = true;
    if (timers.debounce) clearTimeout(timers.debounce);
    timers.debounce = later(delayMs, kick);
  }

  function kick(): void {
    if (loopRunning) rerun = true;
    else void backgroundLoop();
  }

  /** Index passes first (changed notes become searchable at once), then embedding in the gaps. */
  async function backgroundLoop(): Promise<void> {
    if (loopRunning || closed) return;
    loopRunning = true;
    try {
      while (!closed) {
        if (dirty) {
          dirty = false;
          await queue.run(() => job(() => indexPass(closing.signal)));
        } else if (wantsEmbedding()) {
          const embedded = await queue.run(() => job(() => embedPass(closing.signal, false, () => dirty)));
          if (embedded === 0 && !dirty) break;
        } else break;
      }
      if (writesSinceOptimize >= OPTIMIZE_EVERY_WRITES) await queue.run(() => optimizeNow());
      else if (writesSinceOptimize > 0) {
        if (timers.idle) clearTimeout(timers.idle);
        timers.idle = later(OPTIMIZE_IDLE_MS, () => void queue.run(() => optimizeNow()));
      }
    } catch (error) {
      if (!closed) logger.error('The vault sync failed; the next change or rescan tries again', { error: messageOf(error) });
    } finally {
      loopRunning = false;
      if (dirty && !closed) requestPass(debounceMs);
      else if (rerun && !closed) later(0, kick);
      rerun = false;
    }
  }

  function startWatcher(): void {
    if (mode === 'off') return;
    const watching = mode;
    const created: VaultWatcher = watchVault({
      root,
      mode: watching,
      intervalMs: pollIntervalMs,
      onChange: (changed) => {
        pending.add(changed);
        requestPass(debounceMs);
      },
      onError: (error) => {
        logger.warn('The vault watcher reported an error', { error: messageOf(error) });
        requestPass(debounceMs);
      },
      onReady: () => {
        // A watcher replaced meanwhile (offline, then back) must not report for its successor.
        if (watcher === created) state.watching = watching;
      },
    });
    watcher = created;
  }

  function stopWatcher(): Promise<void> {
    state.watching = 'off';
    const closing = watcher;
    watcher = null;
    return closing ? closing.close().catch(() => undefined) : Promise.resolve();
  }

  async function embedQuery(query: string, signal?: AbortSignal): Promise<Float32Array | null> {
    if (!embedder || !vectors || vectors.model !== embedder.model || counts.embeddedChunks === 0) return null;
    // While a failed embedder waits for its retry, searches do not wait on it each time.
    if (now() < embedBlockedUntil) return null;
    try {
      const [vector] = toVectors(await embedder.embed([query], signal ? { signal } : {}), 1);
      markAvailable();
      return vector && vector.length === vectors.width ? vector : null;
    } catch (error) {
      if (signal?.aborted) throw error;
      markUnavailable(error);
      return null;
    }
  }

  return {
    sync(syncOptions = {}) {
      if (closed) return Promise.reject(new Error('The vault index is closed'));
      const signal = syncOptions.signal ? AbortSignal.any([syncOptions.signal, closing.signal]) : closing.signal;
      return queue.run(() =>
        job(async () => {
          const startedAt = now();
          const report = await indexPass(signal, true);
          // What the pass could not embed (the embedder was down before, or failed just now) is tried once more.
          report.embedded += await embedPass(signal, true);
          await optimizeNow();
          return { ...report, durationMs: now() - startedAt };
        }),
      );
    },

    start() {
      if (started || closed) return;
      started = true;
      const wanted = options.watch ?? 'auto';
      mode = wanted === 'auto' ? detectWatchMode(root) : wanted;
      if (mode !== 'off' && looksMounted(root)) startWatcher();
      if (rescanMs > 0) {
        rescanTimer = setInterval(() => requestPass(0), rescanMs);
        rescanTimer.unref();
      }
      requestPass(0);
    },

    search(query, searchOptions = {}) {
      return searchNotes({
        query,
        ...searchOptions,
        source: store,
        catalog: async () => getCatalog(),
        embedQuery,
        onError: (stage, error) => logger.warn(`The ${stage === 'fts' ? 'full-text' : 'vector'} search failed`, { error: messageOf(error) }),
      });
    },

    status() {
      return {
        root,
        online: state.online,
        notes: manifest.size,
        chunks: counts.chunks,
        embeddedChunks: counts.embeddedChunks,
        embeddingModel: embedder?.model ?? vectors?.model ?? null,
        embedderAvailable: state.embedderAvailable,
        watching: state.watching,
        syncing: state.syncing,
        lastSyncAt: state.lastSyncAt,
        pendingChanges: pending.size,
        errors: [...state.errors].map(([notePath, message]) => ({ path: notePath, message })),
      };
    },

    async note(id) {
      const known = getCatalog().byId(id);
      const entry = known ? manifest.get(known.path) : undefined;
      if (!entry) return null;
      return readIndexedNote(root, entry, { resolve: (target, fromPath) => getCatalog().resolve(target, fromPath)?.path ?? null });
    },

    notePathOf(target, fromPath) {
      const found = getCatalog().resolve(target, fromPath);
      return found ? { path: found.path, noteId: found.noteId } : null;
    },

    backlinks(notePath) {
      return getCatalog()
        .backlinks(notePath)
        .map((note) => ({ noteId: note.noteId, title: note.title, path: note.path }));
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const timer of Object.values(timers)) if (timer) clearTimeout(timer);
      if (rescanTimer) clearInterval(rescanTimer);
      if (probeTimer) clearInterval(probeTimer);
      closing.abort();
      await stopWatcher();
      await queue.idle();
      persist();
      store.close();
    },
  };
}
