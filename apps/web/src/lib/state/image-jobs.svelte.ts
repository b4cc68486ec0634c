/**
 * Every image job the app has seen, in its newest known state: snapshots come from the chat stream
 * and stored messages (`offer`), from the card's actions, and from each unfinished job's event
 * stream, which is followed until the job finishes. A page reload picks progress up again because
 * loading the conversation offers its jobs.
 */
import { FINISHED_IMAGE_JOB_STATES, type ImageJob, type ImageJobState, type RerunImageRequest } from '@tauceti/contracts';
import { subscribeImageJob, type SubscribeImageJob } from '../api/image-job-events.ts';
import { ApiError } from '../api/http.ts';
import { getImageJob, rerunImageJob, stopImageJob, varyImageJob } from '../api/images.ts';

export interface ImageJobsStateOptions {
  /** @default subscribeImageJob (`GET /api/images/jobs/:id/events`) */
  subscribe?: SubscribeImageJob;
  /** @default getImageJob */
  getJob?: (id: string) => Promise<ImageJob>;
  /** @default varyImageJob */
  vary?: (id: string) => Promise<ImageJob>;
  /** @default rerunImageJob */
  rerun?: (id: string, changes: RerunImageRequest) => Promise<ImageJob>;
  /** @default stopImageJob */
  stop?: (id: string) => Promise<boolean>;
  /**
   * Event streams open at once. Each holds one of the browser's six HTTP/1.1 connections to the
   * server, so jobs beyond this are asked for (`pollMs`) until a stream is free. @default 2
   */
  maxStreams?: number;
  /** Between looks at jobs waiting for a stream, and the first retry of a refused one. @default 2000 */
  pollMs?: number;
}

export const isFinished = (job: Pick<ImageJob, 'state'>): boolean => FINISHED_IMAGE_JOB_STATES.includes(job.state);

const RANK: Record<ImageJobState, number> = { queued: 0, 'waiting-gpu': 1, running: 2, done: 3, failed: 3, stopped: 3, interrupted: 3 };

/** Whether a snapshot from elsewhere is at least as far along as the one known (a stored row can lag behind the stream). */
function isAsFarAlong(candidate: ImageJob, known: ImageJob): boolean {
  const [a, b] = [RANK[candidate.state], RANK[known.state]];
  return a !== b ? a > b : (candidate.step ?? 0) >= (known.step ?? 0);
}

/** Refused streams are retried with a growing pause, then given up (the card keeps its last state). */
const MAX_RETRIES = 6;

export class ImageJobsState {
  #jobs = $state.raw<ReadonlyMap<string, ImageJob>>(new Map());
  #streams = new Map<string, () => void>();
  /** Unfinished jobs without a stream yet, oldest first. */
  #waiting = new Set<string>();
  #retries = new Map<string, number>();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;
  readonly #options: Required<ImageJobsStateOptions>;

  constructor(options: ImageJobsStateOptions = {}) {
    this.#options = {
      subscribe: subscribeImageJob,
      getJob: getImageJob,
      vary: varyImageJob,
      rerun: rerunImageJob,
      stop: stopImageJob,
      maxStreams: 2,
      pollMs: 2000,
      ...options,
    };
  }

  get(id: string): ImageJob | undefined {
    return this.#jobs.get(id);
  }

  /** Whether the job's progress is being followed (a stream, or a turn to get one). */
  isFollowing(id: string): boolean {
    return this.#streams.has(id) || this.#waiting.has(id);
  }

  /** Snapshots seen elsewhere: kept unless what is known is further along; unfinished jobs are followed. */
  offer(snapshots: Iterable<ImageJob>) {
    const jobs = [...snapshots];
    let next: Map<string, ImageJob> | null = null;
    for (const job of jobs) {
      const known = (next ?? this.#jobs).get(job.id);
      if (known && (known === job || !isAsFarAlong(job, known))) continue;
      next ??= new Map(this.#jobs);
      next.set(job.id, job);
    }
    if (next) this.#jobs = next;
    for (const { id } of jobs) {
      const job = this.#jobs.get(id);
      if (job && isFinished(job)) this.#release(id);
      else this.#follow(id);
    }
  }

  /**
   * The jobs a card shows: `root` and every job made from it (following `variantOf`), oldest first,
   * each in its newest known state. `known` are the message's jobs (stored or streamed).
   */
  card(root: ImageJob, known: readonly ImageJob[]): ImageJob[] {
    const all = new Map<string, ImageJob>();
    for (const job of [...known, root]) all.set(job.id, job);
    for (const job of this.#jobs.values()) all.set(job.id, job);
    const rootOf = (job: ImageJob): string => {
      let current = job;
      for (let depth = 0; depth < all.size && current.id !== root.id && current.variantOf; depth++) {
        const parent = all.get(current.variantOf);
        if (!parent) break;
        current = parent;
      }
      return current.id;
    };
    return [...all.values()].filter((job) => rootOf(job) === root.id).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Same parameters, a new seed; resolves with the new job (followed). */
  async vary(id: string): Promise<ImageJob> {
    return this.#added(await this.#options.vary(id));
  }

  /** The same job with some parameters changed; resolves with the new job (followed). */
  async rerun(id: string, changes: RerunImageRequest): Promise<ImageJob> {
    return this.#added(await this.#options.rerun(id, changes));
  }

  /** Asks the server to stop the job; its stream then says `stopped`. */
  async stop(id: string): Promise<boolean> {
    const stopped = await this.#options.stop(id);
    // Already finished there: its stream may be gone, so ask once for how it ended.
    if (!stopped) this.#set(await this.#options.getJob(id));
    return stopped;
  }

  dispose() {
    this.#disposed = true;
    for (const unsubscribe of this.#streams.values()) unsubscribe();
    this.#streams.clear();
    this.#waiting.clear();
    for (const timer of this.#timers) clearTimeout(timer);
    clearTimeout(this.#pollTimer);
  }

  #added(job: ImageJob): ImageJob {
    this.#set(job);
    this.#follow(job.id);
    return job;
  }

  #set(job: ImageJob) {
    this.#jobs = new Map(this.#jobs).set(job.id, job);
    if (isFinished(job)) this.#release(job.id);
  }

  #follow(id: string) {
    const job = this.#jobs.get(id);
    if (this.#disposed || !job || isFinished(job) || this.isFollowing(id)) return;
    if (this.#streams.size < this.#options.maxStreams) this.#open(id);
    else {
      this.#waiting.add(id);
      this.#schedulePoll();
    }
  }

  #open(id: string) {
    const unsubscribe = this.#options.subscribe(id, {
      onJob: (job) => {
        this.#retries.delete(id);
        this.#set(job);
      },
      onClosed: () => {
        this.#release(id);
        this.#retry(id);
      },
    });
    // The subscription may have delivered a finished job synchronously.
    const job = this.#jobs.get(id);
    if (job && isFinished(job)) unsubscribe();
    else this.#streams.set(id, unsubscribe);
  }

  /** Ends the job's stream (or its turn for one) and gives a waiting job the free stream. */
  #release(id: string) {
    this.#streams.get(id)?.();
    this.#streams.delete(id);
    this.#waiting.delete(id);
    for (const next of this.#waiting) {
      if (this.#streams.size >= this.#options.maxStreams) break;
      this.#waiting.delete(next);
      this.#open(next);
    }
  }

  /** The server refused the stream: ask for the job itself and, if it still runs, try the stream again. */
  #retry(id: string) {
    const attempt = (this.#retries.get(id) ?? 0) + 1;
    if (attempt > MAX_RETRIES) return;
    this.#retries.set(id, attempt);
    const timer = setTimeout(async () => {
      this.#timers.delete(timer);
      try {
        this.#set(await this.#options.getJob(id));
        this.#follow(id);
      } catch (error) {
        // Gone (deleted with its conversation): nothing left to follow.
        if (!(error instanceof ApiError && error.code === 'not_found')) this.#retry(id);
      }
    }, this.#options.pollMs * 2 ** (attempt - 1));
    this.#timers.add(timer);
  }

  #schedulePoll() {
    if (this.#pollTimer !== undefined || this.#disposed) return;
    this.#pollTimer = setTimeout(async () => {
      for (const id of [...this.#waiting]) {
        if (this.#disposed) return;
        try {
          const job = await this.#options.getJob(id);
          if (this.#waiting.has(id)) this.#set(job);
        } catch {
          // Asked again on the next round, or streamed once a stream is free.
        }
      }
      this.#pollTimer = undefined;
      if (this.#waiting.size > 0) this.#schedulePoll();
    }, this.#options.pollMs);
  }
}
