/**
 * @module
 * Process entry: configuration → dependencies → HTTP server, and a clean shutdown that keeps every
 * partial answer.
 */
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createDeps } from './deps.ts';
import { EnvError, loadEnv } from './env.ts';
import { closeDatabase } from './storage/open-database.ts';

const ORPHAN_UPLOAD_AGE_MS = 24 * 60 * 60 * 1000;

function start() {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const deps = createDeps(env);
  const { logger, store } = deps;

  const interrupted = store.messages.interruptStreaming(Date.now());
  if (interrupted > 0) logger.warn('answers cut off by the last shutdown were marked interrupted', { count: interrupted });
  for (const uploadId of store.uploads.orphansBefore(Date.now() - ORPHAN_UPLOAD_AGE_MS)) {
    store.uploads.delete(uploadId);
    void deps.uploadFiles.remove(uploadId);
  }

  const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
  const app = createApp(deps, { webDist });
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    logger.info(`Tau Ceti is listening on http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`, {
      ollama: env.OLLAMA_URL,
      dataDir: env.DATA_DIR,
    });
    // The notes index opens and the vault is watched in the background: the app serves meanwhile.
    if (deps.vault.configured) void deps.vault.start();
    // Image jobs a restart cut off are settled from ComfyUI's queue and history, never sent again.
    const reconciling = new AbortController();
    process.once('beforeExit', () => reconciling.abort());
    void deps.imageJobs.reconcile(reconciling.signal).then((count) => {
      if (count > 0) logger.info('image jobs left by the last run were reconciled with ComfyUI', { count });
    });
    // Say at once whether Ollama is there, and warm the model list for the first page load.
    void deps.catalog.list({ fresh: true }).then((listing) => {
      if (listing.error) logger.warn('Ollama is not reachable yet; the app runs and will use it when it is', { reason: listing.error });
      else logger.info('Ollama is reachable', { chatModels: listing.models.length });
    });
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${env.PORT} on ${env.HOST} is already in use; stop the other program or set PORT`
        : error.code === 'EADDRNOTAVAIL'
          ? `HOST ${env.HOST} is not an address of this machine; set HOST`
          : error.message;
    logger.error(`Tau Ceti could not start: ${reason}`);
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received; saving answers in progress and shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await deps.generations.stopAll('shutdown');
    deps.titles.close();
    deps.gpu.close();
    deps.comfyui?.close();
    server.close();
    await Promise.all([deps.extraction.close(), deps.safeFetch.close(), deps.vault.close()]);
    closeDatabase(store.db);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', { error: reason }));
}

start();
