/**
 * The note on screen in the read-only viewer (`GET /api/vault/notes/:id`). Opening another note
 * cancels the load of the one before; a 404 and an index that cannot serve yet are told apart.
 */
import type { NoteView } from '@tauceti/contracts';
import { ApiError, errorMessage } from '../api/http.ts';
import { getNote } from '../api/vault.ts';

export interface NoteViewerStateOptions {
  /** @default getNote */
  load?: (id: string, signal: AbortSignal) => Promise<NoteView>;
}

export interface NoteLoadError {
  /** `not-found`: no note has this id (renamed or deleted); `unavailable`: the index is not open. */
  kind: 'not-found' | 'unavailable' | 'failed';
  message: string;
}

export class NoteViewerState {
  #id = $state<string | null>(null);
  #note = $state.raw<NoteView | null>(null);
  #loading = $state(false);
  #error = $state.raw<NoteLoadError | null>(null);
  #controller: AbortController | undefined;
  readonly #load: (id: string, signal: AbortSignal) => Promise<NoteView>;

  constructor(options: NoteViewerStateOptions = {}) {
    this.#load = options.load ?? getNote;
  }

  get id(): string | null { return this.#id; }
  /** The note shown; only ever the one with `id`. */
  get note(): NoteView | null { return this.#note; }
  get isLoading(): boolean { return this.#loading; }
  get error(): NoteLoadError | null { return this.#error; }

  /** Shows note `id`; the same note again is read anew but stays on screen meanwhile. */
  async open(id: string) {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (id !== this.#id) this.#note = null;
    this.#id = id;
    this.#loading = true;
    this.#error = null;
    try {
      const note = await this.#load(id, controller.signal);
      if (controller.signal.aborted) return;
      this.#note = note;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#note = null;
      this.#error = loadError(error);
    } finally {
      if (this.#controller === controller) this.#loading = false;
    }
  }

  async reload() {
    if (this.#id) await this.open(this.#id);
  }

  /** Leaves the viewer: a load still running is no longer wanted. */
  close() {
    this.#controller?.abort();
    this.#loading = false;
  }
}

function loadError(error: unknown): NoteLoadError {
  if (error instanceof ApiError && error.status === 404) {
    return { kind: 'not-found', message: 'There is no such note: it may have been renamed or deleted.' };
  }
  if (error instanceof ApiError && error.code === 'unavailable') return { kind: 'unavailable', message: error.message };
  return { kind: 'failed', message: errorMessage(error) };
}
