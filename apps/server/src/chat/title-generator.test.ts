import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationEvents } from '../events/conversation-events.ts';
import { createLogger } from '../http/logger.ts';
import { languageModelsFrom } from '../llm/create-language-models.ts';
import { createStore, type Store } from '../storage/create-store.ts';
import { openDatabase } from '../storage/open-database.ts';
import { createTitleGenerator } from './title-generator.ts';

let store: Store;
beforeEach(() => {
  store = createStore(openDatabase(':memory:'));
});
afterEach(() => store.db.close());

/** A conversation with one answered question, still named after the question. */
function answered(id: string) {
  store.conversations.create({ id, title: 'provisional', model: 'm', createdAt: 1 });
  store.messages.insert({ id: `${id}-q`, conversationId: id, parentId: null, role: 'user', text: 'question', model: 'm', status: 'done', createdAt: 1 });
  store.messages.insert({ id: `${id}-a`, conversationId: id, parentId: `${id}-q`, role: 'assistant', text: 'answer', model: 'm', status: 'done', createdAt: 2 });
  store.conversations.update(id, { activeLeafId: `${id}-a` });
}

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };

/** A model whose first call hangs until aborted; the calls after it answer with a title at once. */
function modelHangingOnce() {
  let calls = 0;
  return new MockLanguageModelV3({
    doGenerate: async ({ abortSignal }) => {
      calls += 1;
      if (calls === 1) {
        await new Promise((_, reject) => {
          if (abortSignal?.aborted) reject(abortSignal.reason);
          abortSignal?.addEventListener('abort', () => reject(abortSignal.reason), { once: true });
        });
      }
      return { content: [{ type: 'text', text: `Title ${calls}` }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
  });
}

describe('createTitleGenerator', () => {
  it('writes a title cancelled by a reply once the reply is over, even when the reply ends before the cancellation lands', async () => {
    answered('conv-a');
    answered('conv-b');
    const events = createConversationEvents();
    const published: string[] = [];
    events.subscribe((event) => {
      if (event.type === 'upserted') published.push(`${event.conversation.id}: ${event.conversation.title}`);
    });
    let busy = false;
    const model = modelHangingOnce();
    const titles = createTitleGenerator({
      store,
      languageModels: languageModelsFrom(() => model),
      events,
      logger: createLogger('silent'),
      isBusy: () => busy,
    });

    titles.schedule('conv-a', 'm');
    // A reply starts (cancelling the title), and is over within the same tick.
    busy = true;
    titles.cancel();
    busy = false;
    titles.schedule('conv-b', 'm');

    await expect.poll(() => published.length).toBe(2);
    expect(published.sort()).toEqual(['conv-a: Title 2', 'conv-b: Title 3']);
  });

  it('starts no title after it was closed for shutdown', async () => {
    answered('conv-a');
    const titles = createTitleGenerator({
      store,
      languageModels: languageModelsFrom(() => new MockLanguageModelV3()),
      events: createConversationEvents(),
      logger: createLogger('silent'),
      isBusy: () => false,
    });
    titles.close();
    titles.schedule('conv-a', 'm');
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.conversations.get('conv-a')?.title).toBe('provisional');
  });
});
