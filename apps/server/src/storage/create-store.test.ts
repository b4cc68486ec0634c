import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '@tauceti/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationListItem } from '@tauceti/contracts';
import { cursorOf } from './conversation-store.ts';
import { createStore, type Store } from './create-store.ts';
import { openDatabase } from './open-database.ts';

let store: Store;
let clock = 1_000;

function conversation(id: string, title = 'A chat') {
  return store.conversations.create({ id, title, model: 'llama3.2:latest', createdAt: clock++ });
}

function message(id: string, conversationId: string, parentId: string | null, role: 'user' | 'assistant', text: string) {
  store.messages.insert({ id, conversationId, parentId, role, text, model: null, status: 'done', createdAt: clock++ });
}

beforeEach(() => {
  store = createStore(openDatabase(':memory:'));
});
afterEach(() => store.db.close());

describe('conversation store', () => {
  it('lists conversations newest first and pages with a cursor', () => {
    for (const id of ['conv-aaa1', 'conv-bbb2', 'conv-ccc3']) conversation(id);
    const first = store.conversations.list({ limit: 2 });
    expect(first.map((row) => row.id)).toEqual(['conv-ccc3', 'conv-bbb2']);
    const next = store.conversations.list({ limit: 2, before: cursorOf(first[1] as ConversationListItem) });
    expect(next.map((row) => row.id)).toEqual(['conv-aaa1']);
  });

  it('never skips conversations saved in the same millisecond across pages', () => {
    for (const id of ['same-ms-1', 'same-ms-2', 'same-ms-3']) store.conversations.create({ id, title: 't', model: null, createdAt: 5 });
    const first = store.conversations.list({ limit: 2 });
    const next = store.conversations.list({ limit: 2, before: cursorOf(first[1] as ConversationListItem) });
    expect([...first, ...next].map((row) => row.id)).toEqual(['same-ms-1', 'same-ms-2', 'same-ms-3']);
  });

  it('finds conversations by words in their messages, with a marked snippet', () => {
    conversation('conv-bread', 'Kitchen');
    message('msg-00001', 'conv-bread', null, 'user', 'How long should sourdough proof overnight?');
    conversation('conv-cars', 'Garage');
    message('msg-00002', 'conv-cars', null, 'user', 'Change the oil');
    const hits = store.conversations.search('sourdo', { limit: 10 });
    expect(hits.map((hit) => hit.id)).toEqual(['conv-bread']);
    expect(hits[0]?.snippet).toContain(`${SNIPPET_MATCH_START}sourdough${SNIPPET_MATCH_END}`);
  });

  it('finds conversations by their title, and survives FTS syntax in the query', () => {
    conversation('conv-title', 'Tax return 2026');
    expect(store.conversations.search('return', { limit: 10 }).map((hit) => hit.id)).toEqual(['conv-title']);
    expect(store.conversations.search('"unbalanced AND (', { limit: 10 })).toEqual([]);
  });

  it('deletes a conversation with all its messages', () => {
    conversation('conv-gone');
    message('msg-gone1', 'conv-gone', null, 'user', 'bye');
    expect(store.conversations.delete('conv-gone')).toBe(true);
    expect(store.messages.get('msg-gone1')).toBeNull();
    expect(store.conversations.search('bye', { limit: 5 })).toEqual([]);
  });
});

describe('message store', () => {
  it('walks a branch from the root to a message', () => {
    conversation('conv-tree');
    message('q1-000000', 'conv-tree', null, 'user', 'first');
    message('a1-000000', 'conv-tree', 'q1-000000', 'assistant', 'answer one');
    message('a1-version2', 'conv-tree', 'q1-000000', 'assistant', 'answer two');
    message('q2-000000', 'conv-tree', 'a1-version2', 'user', 'second');
    expect(store.messages.path('q2-000000').map((m) => m.id)).toEqual(['q1-000000', 'a1-version2', 'q2-000000']);
  });

  it('marks answers left streaming as interrupted, keeping their text', () => {
    conversation('conv-crash');
    store.messages.insert({
      id: 'msg-stream', conversationId: 'conv-crash', parentId: null, role: 'assistant', text: '', model: null, status: 'streaming', createdAt: clock++,
    });
    store.messages.saveProgress('msg-stream', { text: 'half an ans', reasoning: '', status: 'streaming', updatedAt: clock++ });
    expect(store.messages.interruptStreaming(clock)).toBe(1);
    expect(store.messages.get('msg-stream')).toMatchObject({ status: 'interrupted', text: 'half an ans' });
  });

  it('binds uploads to one message only', () => {
    conversation('conv-img');
    message('msg-img01', 'conv-img', null, 'user', 'look');
    message('msg-img02', 'conv-img', null, 'user', 'again');
    store.uploads.insert({ id: 'upload-1', name: 'cat.png', mediaType: 'image/png', sizeBytes: 10, createdAt: clock });
    expect(store.uploads.attach('msg-img01', ['upload-1'])).toBe(true);
    expect(store.uploads.attach('msg-img02', ['upload-1'])).toBe(false);
    expect(store.messages.get('msg-img01')?.attachments).toEqual([
      { id: 'upload-1', name: 'cat.png', mediaType: 'image/png', sizeBytes: 10, url: '/api/uploads/upload-1' },
    ]);
  });
});
