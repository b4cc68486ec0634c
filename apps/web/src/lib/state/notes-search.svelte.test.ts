import type { NoteHit, NotesSearchResponse } from '@tauceti/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http.ts';
import type { SearchNotesOptions } from '../api/vault.ts';
import { NotesSearchState } from './notes-search.svelte.ts';

const hit = (title: string): NoteHit => ({ noteId: `id-${title}`, path: `${title}.md`, title, heading: null, anchor: null, snippet: '…', score: 1 });

/** A search whose answers the test releases one by one, in any order. */
function controlledSearch() {
  const calls: { query: string; signal: AbortSignal | undefined; resolve: (response: NotesSearchResponse) => void; reject: (error: unknown) => void }[] = [];
  const search = vi.fn((query: string, options: SearchNotesOptions) =>
    new Promise<NotesSearchResponse>((resolve, reject) => calls.push({ query, signal: options.signal, resolve, reject })),
  );
  return { search, calls };
}

describe('NotesSearchState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('searches once the person pauses typing, not on every key', async () => {
    const { search, calls } = controlledSearch();
    const state = new NotesSearchState({ search, debounceMs: 200 });
    for (const query of ['r', 'ro', 'ros', 'rose']) {
      state.setQuery(query);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(search).toHaveBeenCalledTimes(1);
    expect(calls[0]?.query).toBe('rose');
    calls[0]?.resolve({ results: [hit('Roses')], mode: 'hybrid' });
    await vi.waitFor(() => expect(state.results.map((result) => result.title)).toEqual(['Roses']));
    expect(state.searchedQuery).toBe('rose');
    expect(state.isLoading).toBe(false);
  });

  it('cancels the request a newer query makes stale and drops its late answer', async () => {
    const { search, calls } = controlledSearch();
    const state = new NotesSearchState({ search, debounceMs: 200 });
    state.setQuery('boiler');
    await vi.advanceTimersByTimeAsync(200);
    state.setQuery('boiler pressure');
    expect(calls[0]?.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(200);
    calls[1]?.resolve({ results: [hit('Boiler pressure')], mode: 'full-text' });
    // The first answer arrives last (a search that ignored the abort): it must not win.
    calls[0]?.resolve({ results: [hit('Old')], mode: 'hybrid' });
    await vi.waitFor(() => expect(state.searchedQuery).toBe('boiler pressure'));
    await Promise.resolve();
    expect(state.results.map((result) => result.title)).toEqual(['Boiler pressure']);
    expect(state.mode).toBe('full-text');
  });

  it('clears the results without a request when the box is emptied', async () => {
    const { search, calls } = controlledSearch();
    const state = new NotesSearchState({ search, debounceMs: 200 });
    state.setQuery('tap');
    await vi.advanceTimersByTimeAsync(200);
    calls[0]?.resolve({ results: [hit('Taps')], mode: 'hybrid' });
    await vi.waitFor(() => expect(state.results).toHaveLength(1));
    state.setQuery('  ');
    await vi.advanceTimersByTimeAsync(500);
    expect(search).toHaveBeenCalledTimes(1);
    expect(state.results).toEqual([]);
    expect(state.searchedQuery).toBeNull();
  });

  it('tells an index that is still opening apart from other failures', async () => {
    const search = vi.fn(async () => {
      throw new ApiError('The notes index is still opening; try again in a moment.', { status: 503, code: 'unavailable' });
    });
    const state = new NotesSearchState({ search });
    state.setQuery('seeds');
    await state.searchNow();
    expect(state.isUnavailable).toBe(true);
    expect(state.error).toMatch(/still opening/);
  });
});
