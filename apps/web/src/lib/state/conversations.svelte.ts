/**
 * The sidebar's conversation list: newest first, paged with `before`, searchable, kept current by
 * `/api/events` (titles generated after the first answer, other tabs).
 */
import type { ConversationEvent, ConversationListItem, ConversationListResponse, ConversationSummary } from '@tauceti/contracts';
import { deleteConversation, listConversations, updateConversation, type ListConversationsOptions } from '../api/conversations.ts';
import { errorMessage } from '../api/http.ts';

export interface ConversationsStateOptions {
  list?: (options: ListConversationsOptions) => Promise<ConversationListResponse>;
  rename?: (id: string, title: string) => Promise<ConversationSummary>;
  remove?: (id: string) => Promise<void>;
  /** Wait after the last keystroke before searching. @default 250 */
  debounceMs?: number;
  /** @default 50 */
  pageSize?: number;
}

export class ConversationsState {
  #items = $state.raw<ConversationListItem[]>([]);
  #nextBefore = $state<string | null>(null);
  #loading = $state(false);
  #error = $state<string | null>(null);
  #query = $state('');
  #seq = 0;
  /** Events that came while the first page was loading: newer than that page, applied over it. */
  #eventsDuringLoad: ConversationEvent[] | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #options: Required<ConversationsStateOptions>;

  constructor(options: ConversationsStateOptions = {}) {
    this.#options = {
      list: listConversations,
      rename: (id, title) => updateConversation(id, { title }),
      remove: deleteConversation,
      debounceMs: 250,
      pageSize: 50,
      ...options,
    };
  }

  get items(): ConversationListItem[] { return this.#items; }
  get hasMore(): boolean { return this.#nextBefore !== null; }
  get isLoading(): boolean { return this.#loading; }
  get error(): string | null { return this.#error; }
  get query(): string { return this.#query; }
  get isSearching(): boolean { return this.#query.trim() !== ''; }

  find(id: string): ConversationListItem | undefined {
    return this.#items.find((item) => item.id === id);
  }

  /** Loads the first page for the current search (or the plain list). */
  async refresh() {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    await this.#loadPage(seq, undefined);
  }

  /** The next page (infinite scroll); ignored while a page is loading or at the end. */
  async loadMore() {
    if (this.#loading || this.#nextBefore === null) return;
    await this.#loadPage(this.#seq, this.#nextBefore);
  }

  /** Typing in the search box: searches once the user pauses. */
  setQuery(query: string) {
    this.#query = query;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), this.#options.debounceMs);
  }

  apply(event: ConversationEvent) {
    this.#eventsDuringLoad?.push(event);
    if (event.type === 'deleted') this.#items = this.#items.filter((item) => item.id !== event.id);
    else this.upsert(event.conversation);
  }

  /** Puts a changed or new conversation in its place (newest first); a search only updates its rows. */
  upsert(summary: ConversationSummary) {
    const existing = this.find(summary.id);
    const item: ConversationListItem = { ...summary, snippet: existing?.snippet ?? null };
    if (this.isSearching) {
      if (existing) this.#items = this.#items.map((row) => (row.id === summary.id ? item : row));
      return;
    }
    const rest = this.#items.filter((row) => row.id !== summary.id);
    const index = rest.findIndex((row) => row.updatedAt <= summary.updatedAt);
    // Older than every loaded row while more pages exist: it will come with a later page.
    if (index === -1 && this.#nextBefore !== null) {
      this.#items = rest;
      return;
    }
    this.#items = index === -1 ? [...rest, item] : [...rest.slice(0, index), item, ...rest.slice(index)];
  }

  async rename(id: string, title: string) {
    const summary = await this.#options.rename(id, title);
    this.upsert(summary);
  }

  async remove(id: string) {
    await this.#options.remove(id);
    this.#items = this.#items.filter((item) => item.id !== id);
  }

  dispose() {
    clearTimeout(this.#timer);
  }

  async #loadPage(seq: number, before: string | undefined) {
    this.#loading = true;
    this.#error = null;
    const events: ConversationEvent[] = [];
    if (before === undefined) this.#eventsDuringLoad = events;
    try {
      const q = this.#query.trim() || undefined;
      const page = await this.#options.list({ q, before, limit: this.#options.pageSize });
      if (seq !== this.#seq) return;
      const known = new Set(before === undefined ? [] : this.#items.map((item) => item.id));
      const fresh = page.conversations.filter((item) => !known.has(item.id));
      this.#items = before === undefined ? page.conversations : [...this.#items, ...fresh];
      this.#nextBefore = page.nextBefore;
      if (before === undefined) {
        // The page may predate a title or a deletion that was already shown: replay them over it.
        this.#eventsDuringLoad = null;
        for (const event of events) this.apply(event);
      }
    } catch (error) {
      if (seq === this.#seq) this.#error = errorMessage(error);
    } finally {
      if (this.#eventsDuringLoad === events) this.#eventsDuringLoad = null;
      if (seq === this.#seq) this.#loading = false;
    }
  }
}
