import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../storage/create-store.ts';
import { openDatabase } from '../storage/open-database.ts';
import { AnswerRecorder } from './answer-recorder.ts';

let store: Store;
let now = 0;

beforeEach(() => {
  store = createStore(openDatabase(':memory:'));
  store.conversations.create({ id: 'conv-rec1', title: 't', model: null, createdAt: 0 });
  store.messages.insert({
    id: 'answer-01', conversationId: 'conv-rec1', parentId: null, role: 'assistant', text: '', model: null, status: 'streaming', createdAt: 0,
  });
});
afterEach(() => store.db.close());

describe('AnswerRecorder', () => {
  it('saves streamed text about once a second, not on every token', () => {
    const recorder = new AnswerRecorder({ messages: store.messages, messageId: 'answer-01', now: () => now });
    recorder.appendText('Hel');
    expect(store.messages.get('answer-01')?.text).toBe('');
    now = 1000;
    recorder.appendText('lo');
    expect(store.messages.get('answer-01')).toMatchObject({ text: 'Hello', status: 'streaming' });
  });

  it('stores the final status, error and usage once', () => {
    const recorder = new AnswerRecorder({ messages: store.messages, messageId: 'answer-01', now: () => now });
    recorder.appendReasoning('think');
    recorder.appendText('partial');
    recorder.finish('error', { error: 'model crashed', usage: { inputTokens: 3, outputTokens: 1 } });
    recorder.finish('done');
    expect(store.messages.get('answer-01')).toMatchObject({
      text: 'partial', reasoning: 'think', status: 'error', error: 'model crashed', usage: { inputTokens: 3, outputTokens: 1 },
    });
  });
});
