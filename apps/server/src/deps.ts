import { join } from 'node:path';
import { createOllamaClient, type OllamaClient } from '@tauceti/ollama';
import { createSearxngClient } from '@tauceti/searxng';
import { createActiveGenerations } from './chat/active-generations.ts';
import { createApprovals } from './chat/approvals.ts';
import { createTitleGenerator } from './chat/title-generator.ts';
import type { Env } from './env.ts';
import { createConversationEvents } from './events/conversation-events.ts';
import { createGpuCard } from './gpu/gpu-card.ts';
import { createGpuScheduler } from './gpu/gpu-scheduler.ts';
import { createLogger, type Logger } from './http/logger.ts';
import { createImageFiles } from './images/image-files.ts';
import { createImageJobs, type ImageBackend } from './images/image-jobs.ts';
import { createComfyuiBackend } from './images/comfyui-backend.ts';
import { noImageBackend } from './images/no-image-backend.ts';
import { createLanguageModels, type LanguageModels } from './llm/create-language-models.ts';
import { createModelCatalog } from './models/model-catalog.ts';
import { createVaultService } from './notes/vault-service.ts';
import { createStore } from './storage/create-store.ts';
import { openDatabase } from './storage/open-database.ts';
import { createTools } from './tools/create-tools.ts';
import type { AgentTools } from './tools/types.ts';
import { createUploadFiles } from './uploads/upload-files.ts';
import { createExtractionPool } from './web/extract/extraction-pool.ts';
import { createPageReader } from './web/read-page.ts';
import { createSafeFetch } from './web/safe-fetch.ts';

export interface CreateDepsOptions {
  logger?: Logger;
  /** Replaces the language models (tests use the AI SDK's mock models). */
  languageModels?: LanguageModels;
  ollama?: OllamaClient;
  /** Replaces the tools (tests offer scripted ones). */
  tools?: AgentTools;
  /** Replaces ComfyUI (tests use a scripted backend). */
  imageBackend?: ImageBackend;
}

/**
 * The only place clients and stores are built from the configuration. Routes, the chat loop and
 * the CLI receive what they need from here.
 */
export function createDeps(env: Env, options: CreateDepsOptions = {}) {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const store = createStore(openDatabase(join(env.DATA_DIR, 'tauceti.db')));
  const ollama = options.ollama ?? createOllamaClient({ baseUrl: env.OLLAMA_URL });
  const languageModels =
    options.languageModels ??
    createLanguageModels({
      baseUrl: env.OLLAMA_URL,
      firstByteTimeoutMs: env.OLLAMA_FIRST_TOKEN_TIMEOUT * 1000,
      stallTimeoutMs: env.OLLAMA_STALL_TIMEOUT * 1000,
    });
  const generations = createActiveGenerations();
  const events = createConversationEvents();
  const uploadFiles = createUploadFiles(join(env.DATA_DIR, 'uploads'));
  // Page text is extracted in worker threads, so a heavy page never stalls live streams.
  const extraction = createExtractionPool();
  const safeFetch = createSafeFetch({ allowlist: env.FETCH_ALLOWLIST });
  const readPage = createPageReader({ safeFetch, pool: extraction });
  const searxng = env.SEARXNG_URL ? createSearxngClient({ baseUrl: env.SEARXNG_URL }) : null;
  // Opened by `start()` in index.ts, so building deps does no I/O on the vault or its index.
  const vault = createVaultService({ env, ollama, logger });
  const imageFiles = createImageFiles(join(env.DATA_DIR, 'images'));
  const comfyui = env.COMFYUI_URL ? createComfyuiBackend({ env, store, uploadFiles, imageFiles }) : null;
  // One owner of the GPU for chat, embeddings and image jobs.
  const gpu = createGpuScheduler({
    policy: env.GPU_POLICY,
    card: createGpuCard(ollama, comfyui?.memory ?? null),
    unloadTimeoutMs: env.GPU_UNLOAD_TIMEOUT * 1000,
    freeTimeoutMs: 20_000,
    idleFreeMs: env.COMFYUI_FREE_AFTER * 1000,
    warn: (message, details) => logger.warn(message, details),
  });
  const imageJobs = createImageJobs({
    store: store.images,
    files: imageFiles,
    gpu,
    backend: options.imageBackend ?? comfyui?.backend ?? noImageBackend,
    warn: (message, details) => logger.warn(message, details),
  });
  const images = {
    jobs: imageJobs,
    unavailableReason: () => (options.imageBackend || env.COMFYUI_URL ? null : 'Making images needs ComfyUI: set COMFYUI_URL to your ComfyUI server.'),
  };
  return {
    env,
    logger,
    store,
    ollama,
    catalog: createModelCatalog({ ollama }),
    languageModels,
    generations,
    events,
    uploadFiles,
    extraction,
    safeFetch,
    vault,
    gpu,
    imageFiles,
    imageJobs,
    comfyui,
    tools: options.tools ?? createTools({ searxng, readPage, vault: vault.configured ? vault : null, images }),
    approvals: createApprovals(),
    titles: createTitleGenerator({ store, languageModels, events, logger, isBusy: () => generations.size > 0 }),
    startedAt: Date.now(),
  };
}

export type Deps = ReturnType<typeof createDeps>;
