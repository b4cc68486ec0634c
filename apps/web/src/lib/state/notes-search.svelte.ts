/**
 * The notes search panel: searches as the person types (after a pause), cancels the request a newer
 * query makes stale and drops any answer that still arrives for it. Needs no language model.
 */
import type { NoteHit, NotesSearchResponse } from '@tauceti/contracts';
import { ApiError, errorMessage } from '../api/http.ts';
import { searchNotes, type SearchNotesOptions } from '../api/vault.ts';

export interface NotesSearchStateOptions {
  /** @default searchNotes (`GET /api/vault/search`) */
  search?: (query: string, options: SearchNotesOptions) => Promise<NotesSearchResponse>;
  /** Wait after the last keystroke. @default 200 */
  debounceMs?: number;
  /** @default 20 */
  limit?: number;
}

export class NotesSearchState {
  #query = $state('');
  #results = $state.raw<NoteHit[]>([]);
  #mode = $state<NotesSearchResponse['mode'] | null>(null);
  /** The query the results are for; null before any search. */
  #searched = $state<string | null>(null);
  #loading = $state(false);
  #error = $state<string | null>(null);
  #isUnavailable = $state(false);
  #seq = 0;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #options: Required<NotesSearchStateOptions>;

  constructor(options: NotesSearchStateOptions = {}) {
    this.#options = { search: searchNotes, debounceMs: 200, limit: 20, ...options };
  }

  get query(): string { return this.#query; }
  get results(): NoteHit[] { return this.#results; }
  /** `full-text` while no embedding model answers; null before any results. */
  get mode(): NotesSearchResponse['mode'] | null { return this.#mode; }
  get searchedQuery(): string | null { return this.#searched; }
  get isLoading(): boolean { return this.#loading; }
  get error(): string | null { return this.#error; }
  /** The server said the index cannot serve yet (503 `unavailable`). */
  get isUnavailable(): boolean { return this.#isUnavailable; }

  /** Typing: the search runs once the person pauses; what was in flight is cancelled now. */
  setQuery(query: string) {
    this.#query = query;
    clearTimeout(this.#timer);
    this.#cancel();
    if (query.trim() === '') {
      this.#clear();
      return;
    }
    this.#timer = setTimeout(() => void this.#run(query.trim()), this.#options.debounceMs);
  }

  /** Searches at once (Enter, or a retry). */
  async searchNow() {
    clearTimeout(this.#timer);
    this.#cancel();
    const query = this.#query.trim();
    if (query) await this.#run(query);
  }

  dispose() {
    clearTimeout(this.#timer);
    this.#cancel();
  }

  async #run(query: string) {
    const seq = ++this.#seq;
    const controller = new AbortController();
    this.#controller = controller;
    this.#loading = true;
    try {
      const response = await this.#options.search(query, { limit: this.#options.limit, signal: controller.signal });
      // A newer query has started meanwhile: this answer is stale even if it was not cancelled in time.
      if (seq !== this.#seq) return;
      this.#results = response.results;
      this.#mode = response.mode;
      this.#searched = query;
      this.#error = null;
      this.#isUnavailable = false;
    } catch (error) {
      if (seq !== this.#seq || controller.signal.aborted) return;
      this.#error = errorMessage(error);
      this.#isUnavailable = error instanceof ApiError && error.code === 'unavailable';
    } finally {
      if (seq === this.#seq) this.#loading = false;
    }
  }

  #cancel() {
    // Counting it stale as well: a search function that ignores the signal is dropped all the same.
    this.#seq++;
    this.#controller?.abort();
    this.#controller = undefined;
    this.#loading = false;
  }

  #clear() {
    this.#results = [];
    this.#mode = null;
    this.#searched = null;
    this.#error = null;
    this.#isUnavailable = false;
  }
}
