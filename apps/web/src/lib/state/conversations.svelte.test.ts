import type { ConversationListItem } from '@tauceti/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ConversationsState } from './conversations.svelte.ts';

const item = (id: string, updatedAt: number, snippet: string | null = null): ConversationListItem => ({
  id, title: id, model: null, createdAt: 0, updatedAt, snippet,
});

describe('ConversationsState', () => {
  it('loads the next page with the updatedAt cursor and keeps newest first', async () => {
    const list = vi.fn()
      .mockResolvedValueOnce({ conversations: [item('conv-0003', 30), item('conv-0002', 20)], nextBefore: '20_conv-0002' })
      .mockResolvedValueOnce({ conversations: [item('conv-0001', 10)], nextBefore: null });
    const state = new ConversationsState({ list });
    await state.refresh();
    await state.loadMore();
    expect(list).toHaveBeenLastCalledWith({ q: undefined, before: '20_conv-0002', limit: 50 });
    expect(state.items.map((c) => c.id)).toEqual(['conv-0003', 'conv-0002', 'conv-0001']);
    expect(state.hasMore).toBe(false);
  });

  it('moves an updated conversation to the top and removes a deleted one', async () => {
    const list = vi.fn().mockResolvedValue({ conversations: [item('conv-0003', 30), item('conv-0002', 20)], nextBefore: null });
    const state = new ConversationsState({ list });
    await state.refresh();
    state.apply({ type: 'upserted', conversation: { ...item('conv-0002', 40), title: 'Generated title' } });
    expect(state.items.map((c) => [c.id, c.title])).toEqual([['conv-0002', 'Generated title'], ['conv-0003', 'conv-0003']]);
    state.apply({ type: 'deleted', id: 'conv-0003' });
    expect(state.items.map((c) => c.id)).toEqual(['conv-0002']);
  });

  it('searches after a pause in typing, once', async () => {
    vi.useFakeTimers();
    const list = vi.fn().mockResolvedValue({ conversations: [item('conv-0001', 10, 'a \u0002match\u0003')], nextBefore: null });
    const state = new ConversationsState({ list, debounceMs: 250 });
    state.setQuery('ma');
    state.setQuery('match');
    await vi.advanceTimersByTimeAsync(300);
    vi.useRealTimers();
    expect(list).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledWith({ q: 'match', before: undefined, limit: 50 });
    expect(state.items[0]?.snippet).toBe('a \u0002match\u0003');
  });

  it('does not add new conversations to search results', async () => {
    const list = vi.fn().mockResolvedValue({ conversations: [item('conv-0001', 10, 's')], nextBefore: null });
    const state = new ConversationsState({ list, debounceMs: 0 });
    state.setQuery('x');
    await state.refresh();
    state.upsert(item('conv-0009', 99));
    expect(state.items.map((c) => c.id)).toEqual(['conv-0001']);
  });

  it('keeps a title that arrived while the list was loading, though the page predates it', async () => {
    let answer!: (page: { conversations: ConversationListItem[]; nextBefore: null }) => void;
    const list = vi.fn().mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const state = new ConversationsState({ list });
    const loading = state.refresh();
    state.apply({ type: 'upserted', conversation: { ...item('conv-0002', 20), title: 'Generated title' } });
    answer({ conversations: [item('conv-0002', 20), item('conv-0001', 10)], nextBefore: null });
    await loading;
    expect(state.items.map((c) => [c.id, c.title])).toEqual([['conv-0002', 'Generated title'], ['conv-0001', 'conv-0001']]);
  });
});
