import { randomUUID } from 'node:crypto';
import type { ConversationEvent } from '@tauceti/contracts';
import { defaultScenario } from '@tauceti/mocks/ollama';
import { describe, expect, it } from 'vitest';
import { useServer } from './support/use-server.ts';
import { collectUiStream, readUiStream } from './support/ui-stream.ts';

const fixture = useServer();

const isTitleRequest = (request: { path: string; body: unknown }) =>
  request.path === '/api/chat' && (request.body as { stream?: boolean }).stream === false;

/** Collects `/api/events` conversation events until `until` holds. */
async function watchEvents(until: (event: ConversationEvent) => boolean, timeoutMs = 5000): Promise<ConversationEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: ConversationEvent[] = [];
  const response = await fetch(`${fixture.server.url}/api/events`, { signal: controller.signal });
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(bytes, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as ConversationEvent;
        events.push(event);
        if (until(event)) return events;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('conversation titles', () => {
  it('are written by the model after the first answer and pushed to open tabs, with the chat\'s own load options', async () => {
    fixture.mock.setScenario({ ...defaultScenario(), chat: [{ match: { stream: false }, content: '"Sourdough Starter Care."' }] });
    const events = watchEvents((event) => event.type === 'upserted' && event.conversation.title === 'Sourdough Starter Care');
    const chunks = await collectUiStream(await fixture.client.ask('How do I keep a sourdough starter alive while on holiday?'));
    const id = (chunks[0]?.data as { id: string }).id;
    expect((await events).some((event) => event.type === 'upserted' && event.conversation.id === id)).toBe(true);
    expect((await fixture.client.conversation(id)).title).toBe('Sourdough Starter Care');

    const [chat, title] = [
      fixture.mock.requests.find((request) => request.path === '/api/chat' && !isTitleRequest(request)),
      fixture.mock.requests.find(isTitleRequest),
    ];
    expect((title?.body as { model: string }).model).toBe((chat?.body as { model: string }).model);
    // Load-affecting options are identical (none are sent), so Ollama never reloads for a title.
    const loadOptions = (request: typeof chat) => {
      const { num_ctx, num_gpu, num_batch, num_thread, main_gpu, use_mmap } = ((request?.body as { options?: Record<string, unknown> }).options ?? {});
      return { num_ctx, num_gpu, num_batch, num_thread, main_gpu, use_mmap };
    };
    expect(loadOptions(title)).toEqual(loadOptions(chat));
    expect((title?.body as { keep_alive?: unknown }).keep_alive).toBeUndefined();
  });

  it('give way at once to the next message instead of delaying it', async () => {
    fixture.mock.setScenario({ ...defaultScenario(), chat: [{ match: { stream: false }, prefillMs: 3000, content: 'Slow title' }] });
    const first = await collectUiStream(await fixture.client.ask('first question'));
    const conversationId = (first[0]?.data as { id: string }).id;
    const answerId = first.find((chunk) => chunk.type === 'start')?.messageId as string;
    await fixture.mock.waitForRequest(isTitleRequest, 2000);

    const sentAt = Date.now();
    const reader = readUiStream(
      await fixture.client.chat({ conversationId, model: 'llama3.2:latest', trigger: 'submit-message', parentId: answerId, message: { id: randomUUID(), text: 'second question', attachmentIds: [] } }),
    );
    let firstToken = 0;
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      if (next.value.type === 'text-delta' && !firstToken) firstToken = Date.now() - sentAt;
    }
    expect(firstToken).toBeLessThan(1000);
    const cancelled = await fixture.mock.waitForRequest((request) => isTitleRequest(request) && request.clientAborted, 2000);
    expect(cancelled.closedAt ?? Infinity).toBeLessThan(sentAt + firstToken + 50);
  });
});
