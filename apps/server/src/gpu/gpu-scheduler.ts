/**
 * The one owner of the one GPU. Chat turns, embedding batches and image jobs ask it for a lease;
 * it hands the card over between Ollama and ComfyUI so that the two never fight over VRAM.
 *
 * `exclusive` (the default): an image job starts only once no chat or embedding holds the card and
 * Ollama has unloaded its models (`keep_alive: 0`, then `/api/ps` is empty); chat and embeddings
 * wait while it runs, and after it ComfyUI is asked to free its memory before Ollama loads again.
 * `shared`: an image job runs beside Ollama when ComfyUI reports enough free VRAM, and a chat whose
 * model is already in memory runs beside an image job; anything else is handed over as above.
 *
 * Waiting is first come, first served: a chat that arrives behind a waiting image job waits for it,
 * so a busy chat cannot starve the image queue (and the other way round).
 */
import type { GpuCard } from './gpu-card.ts';

export type GpuWork = 'chat' | 'embedding' | 'image';
export type GpuPolicy = 'exclusive' | 'shared';

export interface GpuLease {
  readonly work: GpuWork;
  /** Gives the card back; calling it again does nothing. */
  release(): void;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Why it waits, in words for people ("image, step 12 of 30"); called again when that changes. */
  onWait?: (reason: string) => void;
  /** The chat model this lease is for: in `shared` mode a model already in memory may run beside an image. */
  model?: string;
  /**
   * A lease its holder is not using while this one is held: the chat turn whose `generate_image`
   * call this image job is. Without it the job would wait for the very turn that waits for it.
   */
  yielding?: GpuLease;
  /** VRAM the image job needs (`shared` mode). @default 8 GiB */
  needBytes?: number;
}

export interface GpuSchedulerOptions {
  policy: GpuPolicy;
  card: GpuCard;
  /** Most time to wait for Ollama to unload (then the job runs anyway, and it is logged). */
  unloadTimeoutMs: number;
  /** Most time a chat waits for ComfyUI to give its memory back after an image job. */
  freeTimeoutMs: number;
  /** `shared` mode: ask ComfyUI to free its memory once no image job came for this long. */
  idleFreeMs: number;
  warn: (message: string, details?: Record<string, unknown>) => void;
  /** How often `/api/ps` and `/system_stats` are asked while waiting. @default 250 */
  pollMs?: number;
}

export interface GpuScheduler {
  acquire(work: GpuWork, options?: AcquireOptions): Promise<GpuLease>;
  /** The running image job's progress ("image, step 12 of 30"), told to everyone waiting. */
  setImageProgress(text: string): void;
  /** For the status page. */
  describe(): { policy: GpuPolicy; holder: 'idle' | 'chat' | 'embedding' | 'image'; waiting: number };
  /** Hand-overs done so far, for tests and the benchmark: Ollama unloads and ComfyUI frees. */
  readonly handovers: { unloads: number; frees: number };
  /** Ends pending timers (shutdown). */
  close(): void;
}

const GIB = 1024 ** 3;

interface Lease extends GpuLease {
  released: boolean;
  model: string | undefined;
}

interface Waiter {
  work: GpuWork;
  options: AcquireOptions;
  resolve: (lease: GpuLease) => void;
  reject: (error: unknown) => void;
  lastReason: string | null;
}

export function createGpuScheduler(options: GpuSchedulerOptions): GpuScheduler {
  const { card, policy } = options;
  const pollMs = options.pollMs ?? 250;
  const leases = new Set<Lease>();
  const queue: Waiter[] = [];
  const yielded = new Set<GpuLease>();
  const handovers = { unloads: 0, frees: 0 };
  let imageProgress = 'image, starting';
  /** A hand-over (unloading Ollama, waiting for ComfyUI to free) is under way for the queue's head. */
  let handingOver = false;
  /** An image job had the card to itself and ComfyUI has not been seen free since: Ollama waits for it. */
  let comfyHolds = false;
  /** ComfyUI's free VRAM with nothing of ours loaded, seen before the last exclusive job. */
  let emptyCardFree: number | null = null;
  /** Models Ollama had in memory when the running image job started beside them (`shared`). */
  let residentBeside = new Set<string>();
  let idleFreeTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const active = (work: GpuWork, except?: Waiter) =>
    [...leases].filter((lease) => lease.work === work && !yielded.has(lease) && lease !== except?.options.yielding);

  function reasonFor(waiter: Waiter): string {
    if (active('image').length > 0) return imageProgress;
    const ahead = queue.slice(0, queue.indexOf(waiter));
    if (ahead.some((other) => other.work === 'image')) return 'an image job is ahead in the queue';
    if (waiter.work === 'image') return handingOver ? 'the chat model to unload' : 'a chat answer to finish';
    return handingOver ? 'ComfyUI to free its memory' : 'the GPU';
  }

  function tellWaiters() {
    for (const waiter of queue) {
      const reason = reasonFor(waiter);
      if (reason !== waiter.lastReason) {
        waiter.lastReason = reason;
        waiter.options.onWait?.(reason);
      }
    }
  }

  function grant(waiter: Waiter) {
    queue.splice(queue.indexOf(waiter), 1);
    const lease: Lease = {
      work: waiter.work,
      released: false,
      model: waiter.options.model,
      release() {
        if (lease.released) return;
        lease.released = true;
        leases.delete(lease);
        if (lease.work === 'image') onImageDone();
        if (waiter.options.yielding) yielded.delete(waiter.options.yielding);
        pump();
      },
    };
    if (waiter.options.yielding) yielded.add(waiter.options.yielding);
    if (waiter.work === 'image') {
      imageProgress = 'image, starting';
      cancelIdleFree();
    }
    leases.add(lease);
    waiter.resolve(lease);
  }

  function onImageDone() {
    if (queue[0]?.work === 'image') return; // the next job keeps ComfyUI's models warm
    // After a job that had the card to itself Ollama comes back: free now. A job that ran beside
    // Ollama may be followed by another; its models go after an idle delay.
    if (comfyHolds) void freeComfy();
    else scheduleIdleFree();
  }

  /** Grants what can run now, in order; starts the hand-over the head of the queue needs. */
  function pump() {
    if (closed || handingOver) return tellWaiters();
    while (queue.length > 0) {
      const head = queue[0] as Waiter;
      if (head.work === 'image') {
        if (active('image').length > 0) break;
        if (active('chat', head).length > 0 || active('embedding', head).length > 0) {
          // Embedding batches ride along with the Ollama work the image job waits for: a chat
          // turn searching the notes must not wait behind the job that waits for that turn.
          for (const waiter of queue.filter((other) => other.work === 'embedding')) grant(waiter);
          if (policy === 'shared') void tryBeside(head);
          break;
        }
        void handOver(head, () => handToComfy(head));
        return tellWaiters();
      }
      const image = active('image')[0];
      if (image) {
        const model = head.options.model;
        if (policy === 'shared' && model && residentBeside.has(model)) {
          grant(head);
          continue;
        }
        break;
      }
      if (comfyHolds) {
        void handOver(head, waitForComfyFree);
        return tellWaiters();
      }
      grant(head);
    }
    tellWaiters();
  }

  /** Runs a hand-over for `head`, then grants it (if it still waits) and goes on. */
  async function handOver(head: Waiter, work: () => Promise<void>) {
    handingOver = true;
    tellWaiters();
    try {
      await work();
    } catch (error) {
      options.warn('GPU hand-over failed; going on', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      handingOver = false;
    }
    if (queue[0] === head && !closed) grant(head);
    pump();
  }

  /** `shared`: lets the image job run beside the chat models when ComfyUI has room for it. */
  let checkingBeside = false;
  async function tryBeside(head: Waiter) {
    if (checkingBeside) return;
    checkingBeside = true;
    try {
      const [stats, loaded] = await Promise.all([card.comfyStats(), card.ollamaLoaded()]);
      if (stats && stats.vramFree >= (head.options.needBytes ?? 8 * GIB) && queue[0] === head && !handingOver && active('image').length === 0) {
        residentBeside = new Set(loaded.map((model) => model.name));
        grant(head);
        pump();
      }
    } catch {
      // Unknown room: behave as exclusive (wait for the chat to finish).
    } finally {
      checkingBeside = false;
    }
  }

  async function handToComfy(head: Waiter) {
    if (policy === 'shared') {
      const [stats, loaded] = await Promise.all([card.comfyStats().catch(() => null), card.ollamaLoaded()]);
      if (stats && stats.vramFree >= (head.options.needBytes ?? 8 * GIB)) {
        residentBeside = new Set(loaded.map((model) => model.name));
        return;
      }
    }
    residentBeside = new Set();
    const loaded = await card.ollamaLoaded();
    if (loaded.length > 0) {
      handovers.unloads += 1;
      await Promise.all(loaded.map((model) => card.unloadOllama(model.name)));
      const deadline = Date.now() + options.unloadTimeoutMs;
      let left = await card.ollamaLoaded();
      while (left.length > 0 && Date.now() < deadline) {
        await sleep(pollMs);
        left = await card.ollamaLoaded();
      }
      if (left.length > 0) options.warn('Ollama did not unload in time; the image job runs anyway', { models: left.map((model) => model.name) });
    }
    const stats = await card.comfyStats().catch(() => null);
    if (stats && !comfyHolds) emptyCardFree = stats.vramFree;
    comfyHolds = true;
  }

  /**
   * ComfyUI applies `/free` in its worker loop, between prompts: shortly after a job ends, or only
   * when the next prompt comes on a server idle for long. So the free is asked for as soon as the
   * job ends, and a chat waits (up to `freeTimeoutMs`) until `/system_stats` shows the memory back.
   */
  async function waitForComfyFree() {
    await freeComfy();
    const deadline = Date.now() + options.freeTimeoutMs;
    for (;;) {
      const stats = await card.comfyStats().catch(() => null);
      // Unknown (ComfyUI down) counts as free: a dead ComfyUI holds no memory.
      if (!stats || emptyCardFree === null || stats.vramFree >= emptyCardFree - 512 * 1024 ** 2) break;
      if (Date.now() >= deadline) {
        options.warn('ComfyUI did not free its memory in time; the chat model loads anyway', { vramFree: stats.vramFree });
        break;
      }
      await sleep(pollMs);
    }
    comfyHolds = false;
  }

  let freeing: Promise<void> | null = null;
  function freeComfy(): Promise<void> {
    cancelIdleFree();
    freeing ??= (async () => {
      try {
        handovers.frees += 1;
        await card.freeComfy();
      } catch (error) {
        options.warn('ComfyUI could not be asked to free its memory', { error: error instanceof Error ? error.message : String(error) });
      } finally {
        freeing = null;
      }
    })();
    return freeing;
  }

  function scheduleIdleFree() {
    cancelIdleFree();
    idleFreeTimer = setTimeout(() => {
      idleFreeTimer = null;
      if (active('image').length === 0) void freeComfy().then(() => (comfyHolds = false));
    }, options.idleFreeMs);
    idleFreeTimer.unref();
  }
  function cancelIdleFree() {
    if (idleFreeTimer) clearTimeout(idleFreeTimer);
    idleFreeTimer = null;
  }

  return {
    acquire(work, acquireOptions = {}) {
      return new Promise<GpuLease>((resolve, reject) => {
        const { signal } = acquireOptions;
        if (signal?.aborted) return reject(signal.reason);
        const waiter: Waiter = { work, options: acquireOptions, resolve, reject, lastReason: null };
        const onAbort = () => {
          const at = queue.indexOf(waiter);
          if (at < 0) return;
          queue.splice(at, 1);
          reject(signal?.reason);
          pump();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = (lease) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(lease);
        };
        queue.push(waiter);
        pump();
      });
    },
    setImageProgress(text) {
      imageProgress = text;
      tellWaiters();
    },
    describe() {
      const holder = active('image').length > 0 ? 'image' : active('chat').length > 0 ? 'chat' : active('embedding').length > 0 ? 'embedding' : 'idle';
      return { policy, holder, waiting: queue.length };
    },
    handovers,
    close() {
      closed = true;
      cancelIdleFree();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
