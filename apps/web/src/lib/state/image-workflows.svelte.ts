/**
 * The ComfyUI workflows image mode may use (`GET /api/images/workflows`), loaded the first time the
 * composer's image settings are opened and kept; a failed load is tried again on the next open.
 */
import type { WorkflowsResponse } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { listWorkflows } from '../api/images.ts';

export type WorkflowInfo = WorkflowsResponse['workflows'][number];

export interface ImageWorkflowsStateOptions {
  /** @default listWorkflows */
  load?: () => Promise<WorkflowsResponse>;
}

export class ImageWorkflowsState {
  #response = $state.raw<WorkflowsResponse | null>(null);
  #loading = $state(false);
  #error = $state<string | null>(null);
  readonly #load: () => Promise<WorkflowsResponse>;

  constructor(options: ImageWorkflowsStateOptions = {}) {
    this.#load = options.load ?? (() => listWorkflows());
  }

  get workflows(): WorkflowInfo[] { return this.#response?.workflows ?? []; }
  /** Used when none is picked; null until loaded. */
  get defaultWorkflow(): string | null { return this.#response?.defaultWorkflow ?? null; }
  /** User workflow files the server could not use, and why. */
  get problems(): WorkflowsResponse['errors'] { return this.#response?.errors ?? []; }
  get isLoading(): boolean { return this.#loading; }
  get error(): string | null { return this.#error; }

  /** Loads the list unless it is already here (or on its way). */
  async ensureLoaded() {
    if (this.#response || this.#loading) return;
    this.#loading = true;
    try {
      this.#response = await this.#load();
      this.#error = null;
    } catch (error) {
      this.#error = errorMessage(error);
    } finally {
      this.#loading = false;
    }
  }
}
