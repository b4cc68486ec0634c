/**
 * Image jobs: each one is stored first, waits for the GPU, runs in ComfyUI, and its images are kept
 * under `DATA_DIR/images`. Whoever shows a job (the card, the tool, the OpenAI answer) reads its
 * snapshot and subscribes to its changes, which reach them at most ten times a second however
 * fast ComfyUI reports progress.
 */
import { randomUUID } from 'node:crypto';
import { FINISHED_IMAGE_JOB_STATES, type ImageJob, type ImageParams } from '@tauceti/contracts';
import type { GpuLease, GpuScheduler } from '../gpu/gpu-scheduler.ts';
import type { ImageStore, StoredImageJob } from '../storage/image-store.ts';
import type { ImageFiles } from './image-files.ts';

/** A workflow made ready for ComfyUI: the graph and the figures it will run with. */
export interface PreparedJob {
  graph: Record<string, unknown>;
  workflow: string;
  checkpoint: string | null;
  seed: number;
  steps: number | null;
  cfg: number | null;
  negativePrompt: string;
}

export type RunProgress = { phase: 'queued'; position: number } | { phase: 'running'; step?: number; steps?: number } | { phase: 'preview'; mediaType: string; bytes: Uint8Array };

/** What the jobs need of ComfyUI (`comfyui-backend.ts` over `@tauceti/comfyui`; a fake in tests). */
export interface ImageBackend {
  prepare(params: ImageParams, signal: AbortSignal): Promise<PreparedJob>;
  run(graph: Record<string, unknown>, options: { promptId: string; signal: AbortSignal; onProgress: (progress: RunProgress) => void }): Promise<{ images: Uint8Array[]; durationMs: number }>;
  /** What became of a prompt sent before a restart: still in ComfyUI's queue, finished (with its images), or lost. */
  reconcile?(promptId: string, signal: AbortSignal): Promise<Reconciled>;
}

export type Reconciled = { state: 'pending' | 'running' | 'unknown' } | { state: 'success'; images: Uint8Array[] } | { state: 'error'; error: Error };

/** How often a job still in ComfyUI after a restart is asked about again. */
const RECONCILE_POLL_MS = 2000;

/** Thrown by a backend for a failure it can name (a node, a validation error); anything else is "ComfyUI failed". */
export class ImageJobError extends Error {
  override name = 'ImageJobError';
  constructor(message: string, readonly node: string | null = null, readonly nodeType: string | null = null) {
    super(message);
  }
}

export interface StartJobOptions {
  params: ImageParams;
  conversationId: string | null;
  messageId: string | null;
  variantOf?: string | null;
  /** The chat turn that asked for it (`generate_image`): its GPU lease is lent to the job. */
  yielding?: GpuLease;
  /** Ends the job (Stop in the turn that made it); the card's stop button uses `stop(id)`. */
  signal?: AbortSignal;
}

export interface ImageJobsOptions {
  store: ImageStore;
  files: ImageFiles;
  gpu: GpuScheduler;
  backend: ImageBackend;
  warn: (message: string, details?: Record<string, unknown>) => void;
  /** Least time between two updates of one job to its subscribers. @default 100 */
  minUpdateMs?: number;
  now?: () => number;
}

interface Live {
  queuePosition: number | null;
  step: number | null;
  steps: number | null;
  waitingFor: string | null;
  previews: number;
  preview: { mediaType: string; bytes: Uint8Array } | null;
  controller: AbortController;
  listeners: Set<(job: ImageJob) => void>;
  timer: NodeJS.Timeout | null;
  lastSent: number;
  finished: Promise<ImageJob>;
}

export function createImageJobs(options: ImageJobsOptions) {
  const { store, files, gpu, backend } = options;
  const now = options.now ?? Date.now;
  const minUpdateMs = options.minUpdateMs ?? 100;
  const live = new Map<string, Live>();

  function snapshot(stored: StoredImageJob): ImageJob {
    const state = live.get(stored.id);
    return {
      id: stored.id,
      conversationId: stored.conversationId,
      messageId: stored.messageId,
      state: stored.state,
      params: stored.params,
      workflow: stored.workflow,
      checkpoint: stored.checkpoint,
      seed: stored.seed,
      variantOf: stored.variantOf,
      queuePosition: stored.state === 'queued' ? (state?.queuePosition ?? null) : null,
      step: stored.state === 'running' ? (state?.step ?? null) : null,
      steps: stored.state === 'running' ? (state?.steps ?? null) : null,
      waitingFor: stored.state === 'waiting-gpu' ? (state?.waitingFor ?? null) : null,
      previewUrl: state?.preview && stored.state === 'running' ? `/api/images/jobs/${stored.id}/preview?n=${state.previews}` : null,
      images: store.imagesOfJob(stored.id).map(({ sha256: _sha256, ...image }) => image),
      error: stored.error,
      createdAt: stored.createdAt,
      startedAt: stored.startedAt,
      finishedAt: stored.finishedAt,
    };
  }

  function get(id: string): ImageJob | null {
    const stored = store.getJob(id);
    return stored ? snapshot(stored) : null;
  }

  /** Tells subscribers, at most every `minUpdateMs`; a finished job is told at once. */
  function changed(id: string, urgent = false) {
    const state = live.get(id);
    if (!state || state.listeners.size === 0) return;
    const send = () => {
      state.timer = null;
      state.lastSent = now();
      const job = get(id);
      if (job) for (const listener of state.listeners) listener(job);
    };
    if (urgent) {
      if (state.timer) clearTimeout(state.timer);
      return send();
    }
    if (state.timer) return;
    const wait = Math.max(0, state.lastSent + minUpdateMs - now());
    state.timer = setTimeout(send, wait);
  }

  function update(id: string, change: Parameters<ImageStore['updateJob']>[1]) {
    store.updateJob(id, change);
    changed(id, change.state !== undefined);
  }

  /** Stores a job's images; a batch's image i was made with seed + i (ComfyUI's batch noise). */
  async function keepImages(job: StoredImageJob, images: Uint8Array[], made: Pick<PreparedJob, 'negativePrompt' | 'seed' | 'steps' | 'cfg' | 'workflow' | 'checkpoint'> & { durationMs: number | null }) {
    const createdAt = now();
    for (const [position, bytes] of images.entries()) {
      const file = await files.save(bytes);
      store.insertImage({
        id: randomUUID(),
        jobId: job.id,
        position,
        sha256: file.sha256,
        mediaType: file.mediaType,
        width: file.width,
        height: file.height,
        sizeBytes: file.sizeBytes,
        prompt: job.params.prompt,
        negativePrompt: made.negativePrompt,
        seed: made.seed + position,
        steps: made.steps,
        cfg: made.cfg,
        workflow: made.workflow,
        checkpoint: made.checkpoint,
        durationMs: made.durationMs,
        createdAt,
      });
    }
  }

  /** Settles one job a restart left unfinished, from what ComfyUI says of its prompt. */
  async function reconcileJob(job: StoredImageJob, signal: AbortSignal): Promise<void> {
    if (!job.promptId || !backend.reconcile) {
      // Never sent (it waited for the GPU) or nothing to ask: it cannot have run.
      return void update(job.id, { state: 'interrupted', finishedAt: now() });
    }
    for (;;) {
      const found = await backend.reconcile(job.promptId, signal);
      if (found.state === 'success') {
        await keepImages(job, found.images, {
          negativePrompt: job.params.negativePrompt ?? '',
          seed: job.seed ?? 0,
          steps: null,
          cfg: null,
          workflow: job.workflow,
          checkpoint: job.checkpoint,
          durationMs: null,
        });
        return void update(job.id, { state: 'done', finishedAt: now() });
      }
      if (found.state === 'error') {
        const node = found.error instanceof ImageJobError ? { node: found.error.node, nodeType: found.error.nodeType } : { node: null, nodeType: null };
        return void update(job.id, { state: 'failed', error: { message: found.error.message, ...node }, finishedAt: now() });
      }
      if (found.state === 'unknown') return void update(job.id, { state: 'interrupted', finishedAt: now() });
      update(job.id, { state: found.state === 'running' ? 'running' : 'queued' });
      await new Promise((resolve) => setTimeout(resolve, RECONCILE_POLL_MS).unref());
      if (signal.aborted) return;
    }
  }

  async function execute(job: StoredImageJob, state: Live, yielding: GpuLease | undefined): Promise<void> {
    const { signal } = state.controller;
    let lease: GpuLease | null = null;
    try {
      const prepared = await backend.prepare(job.params, signal);
      update(job.id, { workflow: prepared.workflow, checkpoint: prepared.checkpoint, seed: prepared.seed, state: 'waiting-gpu' });
      lease = await gpu.acquire('image', {
        signal,
        ...(yielding ? { yielding } : {}),
        onWait: (reason) => {
          state.waitingFor = reason;
          changed(job.id);
        },
      });
      const promptId = randomUUID();
      // Stored before the prompt is sent: after a crash the job is found again by this id.
      update(job.id, { promptId, state: 'queued', startedAt: now() });
      const result = await backend.run(prepared.graph, {
        promptId,
        signal,
        onProgress: (progress) => {
          if (progress.phase === 'queued') {
            state.queuePosition = progress.position;
            changed(job.id);
          } else if (progress.phase === 'running') {
            if (store.getJob(job.id)?.state !== 'running') update(job.id, { state: 'running' });
            state.step = progress.step ?? state.step;
            state.steps = progress.steps ?? state.steps;
            if (state.step !== null && state.steps !== null) gpu.setImageProgress(`image, step ${state.step} of ${state.steps}`);
            changed(job.id);
          } else {
            state.preview = { mediaType: progress.mediaType, bytes: progress.bytes };
            state.previews += 1;
            changed(job.id);
          }
        },
      });
      await keepImages(job, result.images, { ...prepared, durationMs: result.durationMs });
      update(job.id, { state: 'done', finishedAt: now() });
    } catch (error) {
      if (signal.aborted) update(job.id, { state: 'stopped', finishedAt: now() });
      else {
        const failure =
          error instanceof ImageJobError
            ? { message: error.message, node: error.node, nodeType: error.nodeType }
            : { message: error instanceof Error ? error.message : String(error), node: null, nodeType: null };
        options.warn('image job failed', { jobId: job.id, error: failure.message });
        update(job.id, { state: 'failed', error: failure, finishedAt: now() });
      }
    } finally {
      lease?.release();
    }
  }

  return {
    get,

    /** Stores the job and starts it; resolves at once with its first snapshot. */
    start(start: StartJobOptions): ImageJob {
      const stored = store.insertJob({
        id: randomUUID(),
        conversationId: start.conversationId,
        messageId: start.messageId,
        variantOf: start.variantOf ?? null,
        state: 'queued',
        params: start.params,
        workflow: start.params.workflow ?? '',
        checkpoint: null,
        seed: start.params.seed ?? null,
        promptId: null,
        createdAt: now(),
      });
      const controller = new AbortController();
      start.signal?.addEventListener('abort', () => controller.abort(start.signal?.reason), { once: true });
      const state: Live = {
        queuePosition: null,
        step: null,
        steps: null,
        waitingFor: null,
        previews: 0,
        preview: null,
        controller,
        listeners: new Set(),
        timer: null,
        lastSent: 0,
        finished: Promise.resolve(null as unknown as ImageJob),
      };
      live.set(stored.id, state);
      state.finished = execute(stored, state, start.yielding).then(() => {
        if (state.timer) clearTimeout(state.timer);
        const job = get(stored.id) as ImageJob;
        for (const listener of state.listeners) listener(job);
        live.delete(stored.id);
        return job;
      });
      return snapshot(stored);
    },

    /** The jobs of an answer, oldest first (its cards and their variants). */
    ofMessage(messageId: string): ImageJob[] {
      return store.jobsOfMessage(messageId).map(snapshot);
    },

    /** Resolves with the job once it finished (at once for one already finished). */
    async finished(id: string): Promise<ImageJob | null> {
      const state = live.get(id);
      return state ? state.finished : get(id);
    },

    /** Calls `listener` with each change, throttled; the last call is the finished job. */
    subscribe(id: string, listener: (job: ImageJob) => void): () => void {
      const state = live.get(id);
      if (!state) return () => {};
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },

    /** The latest live preview of a running job. */
    preview(id: string): { mediaType: string; bytes: Uint8Array } | null {
      return live.get(id)?.preview ?? null;
    },

    /** Stops a job (ComfyUI is interrupted by the backend); false when it is not running here. */
    stop(id: string): boolean {
      const state = live.get(id);
      if (!state) return false;
      state.controller.abort(new Error('stopped'));
      return true;
    },

    /**
     * Jobs a restart left queued or running, settled from ComfyUI's queue and history: a job that
     * finished meanwhile gets its images, one still running is followed until it ends, one ComfyUI
     * never had (or lost) is marked interrupted. Never sends a prompt again.
     */
    async reconcile(signal: AbortSignal): Promise<number> {
      const jobs = store.unfinishedJobs();
      await Promise.all(
        jobs.map((job) =>
          reconcileJob(job, signal).catch((error: unknown) => {
            options.warn('could not reconcile an image job with ComfyUI', { jobId: job.id, error: error instanceof Error ? error.message : String(error) });
            update(job.id, { state: 'interrupted', finishedAt: now() });
          }),
        ),
      );
      return jobs.length;
    },

    isFinished: (job: ImageJob) => FINISHED_IMAGE_JOB_STATES.includes(job.state),
  };
}

export type ImageJobs = ReturnType<typeof createImageJobs>;
