/**
 * One image card of an answer: the job its part names and the variants made from it (a strip, the
 * newest shown unless another is picked, all kept), and the card's actions on the job shown.
 */
import type { GeneratedImage, ImageJob, RerunImageRequest } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { isFinished, type ImageJobsState } from './image-jobs.svelte.ts';
import type { ImageWorkflowsState } from './image-workflows.svelte.ts';

/** What the cards of the message list need from the app. */
export interface ImageCardHost {
  /** The jobs being followed, shared by every card. */
  jobs: ImageJobsState;
  /** For the "edit and re-run" form's workflow list. */
  workflows: ImageWorkflowsState;
  /** "Use as input": image mode in the composer, starting from this image. */
  onUseAsInput: (image: GeneratedImage) => void;
}

export interface ImageCardStateOptions {
  jobs: ImageJobsState;
  /** The job the answer's part names. */
  getRoot: () => ImageJob;
  /** Every job of the message (stored or streamed), variants included. @default none */
  getKnown?: () => readonly ImageJob[];
}

export type ImageCardAction = 'vary' | 'rerun' | 'stop';

export class ImageCardState {
  #selectedId = $state<string | null>(null);
  #pending = $state<ImageCardAction | null>(null);
  #error = $state<string | null>(null);
  readonly #jobs: ImageJobsState;

  /** The root and its variants, oldest first, each in its newest known state. */
  readonly variants: ImageJob[];
  /** The job on show: the one picked in the strip, else the newest. */
  readonly shown: ImageJob;

  constructor(options: ImageCardStateOptions) {
    this.#jobs = options.jobs;
    const getKnown = options.getKnown ?? (() => []);
    this.variants = $derived(this.#jobs.card(options.getRoot(), getKnown()));
    this.shown = $derived(
      this.variants.find((job) => job.id === this.#selectedId) ?? this.variants.at(-1) ?? options.getRoot(),
    );
  }

  get selectedId(): string { return this.shown.id; }
  /** The action waiting for the server. */
  get pending(): ImageCardAction | null { return this.#pending; }
  /** Why the last action failed. */
  get error(): string | null { return this.#error; }
  get canStop(): boolean { return !isFinished(this.shown); }

  select(id: string) {
    this.#selectedId = id;
  }

  /** Same parameters, a new seed; the new variant is shown. */
  vary(): Promise<void> {
    return this.#act('vary', () => this.#jobs.vary(this.shown.id));
  }

  /** The job shown, with the edited parameters; the new variant is shown. */
  rerun(changes: RerunImageRequest): Promise<void> {
    return this.#act('rerun', () => this.#jobs.rerun(this.shown.id, changes));
  }

  stop(): Promise<void> {
    return this.#act('stop', async () => {
      await this.#jobs.stop(this.shown.id);
    });
  }

  /** Runs one action at a time; a new job it made becomes the one shown. */
  async #act(action: ImageCardAction, run: () => Promise<ImageJob | void>) {
    if (this.#pending) return;
    this.#pending = action;
    this.#error = null;
    try {
      const made = await run();
      if (made) this.#selectedId = made.id;
    } catch (error) {
      this.#error = errorMessage(error);
    } finally {
      this.#pending = null;
    }
  }
}
