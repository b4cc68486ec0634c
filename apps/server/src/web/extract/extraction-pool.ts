import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { FetchPageError } from '../errors.ts';
import { formatSeconds } from '../format-units.ts';
import type { ExtractReply, ExtractRequest } from './extract-protocol.ts';
import type { Extracted } from './extract-readable.ts';

export interface ExtractionPoolOptions {
  /**
   * Most worker threads; they start when work arrives, not before.
   * @default one fewer than the cores, 1 to 4
   */
  size?: number;
  /**
   * The worker entry.
   * @default `./extract-worker.js` beside the bundle (dist/), or `./extract-worker-source.mjs` when run from source
   */
  workerUrl?: URL;
  /**
   * Node flags for the workers.
   * @default the process's own execArgv
   */
  execArgv?: string[];
  /**
   * How long one extraction may run; a stuck worker is terminated and replaced.
   * @default 5_000
   */
  timeoutMs?: number;
  /**
   * V8 heap limits per worker: a pathological page kills its worker, not the server.
   * @default { maxOldGenerationSizeMb: 384 }
   */
  resourceLimits?: ResourceLimits;
}

export interface ExtractionPoolStats {
  size: number;
  /** Live worker threads. */
  workers: number;
  busy: number;
  queued: number;
  /** Workers started since the pool was created (replacements included). */
  started: number;
  completed: number;
  failed: number;
  timedOut: number;
}

export interface ExtractionPool {
  /** Extracts a page in a worker thread. Aborting rejects at once with the signal's reason. */
  extract(html: string, url: string, options?: { signal?: AbortSignal }): Promise<Extracted>;
  /** Rejects queued and running work and terminates every worker. */
  close(): Promise<void>;
  readonly stats: ExtractionPoolStats;
}

interface Job {
  id: number;
  html: string;
  url: string;
  settle: (outcome: { value: Extracted } | { error: unknown }) => void;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | undefined;
}

// In dist/ the server bundle sits beside extract-worker.js (build.mjs). Run from TypeScript source
// (vitest, `tsx watch`), a small bootstrap registers tsx in the worker first: see that file for why.
const defaultWorkerUrl = () =>
  new URL(import.meta.url.endsWith('.ts') ? './extract-worker-source.mjs' : './extract-worker.js', import.meta.url);

/** A small queue in front of a lazily started pool of Readability worker threads. */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = Math.max(1, options.size ?? defaultPoolSize());
  const timeoutMs = options.timeoutMs ?? 5_000;
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const resourceLimits = options.resourceLimits ?? { maxOldGenerationSizeMb: 384 };
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  const counts = { started: 0, completed: 0, failed: 0, timedOut: 0 };
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(workerUrl, { execArgv: options.execArgv, resourceLimits });
    const slot: Slot = { worker, ready: false, job: null, timer: undefined };
    slots.add(slot);
    counts.started++;
    worker.on('message', (reply: ExtractReply) => onReply(slot, reply));
    worker.on('error', (error) => retire(slot, failure(error)));
    worker.on('exit', (code) => retire(slot, new FetchPageError('extraction_failed', `the page reader stopped (exit code ${code})`)));
    return slot;
  }

  function onReply(slot: Slot, reply: ExtractReply): void {
    if (reply.type === 'ready') {
      slot.ready = true;
      if (slot.job && !slot.job.settled) return post(slot, slot.job);
      slot.job = null;
      slot.worker.unref();
      return pump();
    }
    const job = slot.job;
    if (job === null || job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.job = null;
    if (reply.type === 'done') {
      counts.completed++;
      job.settle({ value: reply.value });
    } else {
      counts.failed++;
      job.settle({ error: new FetchPageError('extraction_failed', `the page could not be read (${reply.message})`) });
    }
    // An idle worker must not keep the process alive (a CLI run, a test that forgot close()).
    slot.worker.unref();
    pump();
  }

  function post(slot: Slot, job: Job): void {
    // The clock starts when the worker has the page: starting a worker (loading linkedom) is not the page's fault.
    slot.timer = setTimeout(() => {
      counts.timedOut++;
      retire(slot, new FetchPageError('extraction_timeout', `reading the page took longer than ${formatSeconds(timeoutMs)}`));
    }, timeoutMs);
    slot.worker.postMessage({ id: job.id, html: job.html, url: job.url } satisfies ExtractRequest);
  }

  /** Removes a worker that failed, timed out or exited; its job fails with `error`. */
  function retire(slot: Slot, error: FetchPageError): void {
    if (!slots.delete(slot)) return;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    if (slot.job) {
      counts.failed += error.reason === 'extraction_timeout' ? 0 : 1;
      slot.job.settle({ error });
      slot.job = null;
    }
    pump();
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = [...slots].find((candidate) => candidate.ready && candidate.job === null) ?? (slots.size < size ? spawn() : undefined);
      if (slot === undefined) return;
      const job = queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      if (slot.ready) post(slot, job);
    }
  }

  function extract(html: string, url: string, { signal }: { signal?: AbortSignal } = {}): Promise<Extracted> {
    if (closed) return Promise.reject(new FetchPageError('extraction_failed', 'the page reader is shut down'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Extracted>((resolve, reject) => {
      const onAbort = () => {
        const queued = queue.indexOf(job);
        if (queued >= 0) queue.splice(queued, 1);
        job.settle({ error: signal?.reason });
      };
      const job: Job = {
        id: nextId++,
        html,
        url,
        settled: false,
        // A job aborted while a worker runs it still occupies that worker until it answers (at most
        // timeoutMs): interrupting it would cost a worker restart, which is dearer than waiting.
        settle: (outcome) => {
          if (job.settled) return;
          job.settled = true;
          signal?.removeEventListener('abort', onAbort);
          if ('value' in outcome) resolve(outcome.value);
          else reject(outcome.error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(job);
      pump();
    });
  }

  async function close(): Promise<void> {
    closed = true;
    const stopped = new FetchPageError('extraction_failed', 'the page reader is shut down');
    for (const job of queue.splice(0)) job.settle({ error: stopped });
    const workers = [...slots].map((slot) => {
      slots.delete(slot);
      clearTimeout(slot.timer);
      slot.job?.settle({ error: stopped });
      return slot.worker.terminate();
    });
    await Promise.all(workers);
  }

  return {
    extract,
    close,
    get stats(): ExtractionPoolStats {
      const busy = [...slots].filter((slot) => slot.job !== null).length;
      return { size, workers: slots.size, busy, queued: queue.length, ...counts };
    },
  };
}

function failure(error: Error): FetchPageError {
  const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
  const detail = outOfMemory ? 'the page is too large or complex to read' : `the page reader crashed (${error.message})`;
  return new FetchPageError('extraction_failed', detail, { cause: error });
}

/**
 * One worker fewer than the cores (at least one, at most four): extraction is CPU-bound, and a
 * core left to the main thread keeps live answers streaming while pages are read.
 */
function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}
