import type { ChatRequest, ConversationDetail, StoredMessage } from '@tauceti/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { ChatApi } from '../api/chat-api.ts';
import { createChatTransport } from '../api/chat-transport.ts';
import { ActiveChat } from './active-chat.svelte.ts';

const CONVERSATION = 'conv-00000001';

function sse(chunks: unknown[]): Response {
  const body = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') + 'data: [DONE]\n\n';
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' } });
}

function stored(m: Pick<StoredMessage, 'id' | 'parentId' | 'role' | 'text'>, createdAt: number): StoredMessage {
  return { reasoning: '', attachments: [], model: 'm:1', status: 'done', error: null, usage: null, createdAt, updatedAt: createdAt, ...m };
}

/** A tiny stand-in for the server: stores what the chat sends and answers "Answer n". */
class FakeServer {
  messages: StoredMessage[] = [];
  activeLeafId: string | null = null;
  bodies: ChatRequest[] = [];
  /** Responses to use instead of the normal answer, in order. */
  overrides: Response[] = [];
  #clock = 0;

  fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as ChatRequest;
    this.bodies.push(body);
    const override = this.overrides.shift();
    if (override) return override;
    const created = this.messages.length === 0;
    let parentId = body.parentId ?? '';
    if (body.message) {
      this.messages.push(stored({ id: body.message.id, parentId: body.parentId, role: 'user', text: body.message.text }, ++this.#clock));
      parentId = body.message.id;
    }
    const id = `answer-${String(++this.#clock).padStart(4, '0')}`;
    const text = `Answer ${this.#clock}`;
    this.messages.push(stored({ id, parentId, role: 'assistant', text }, this.#clock));
    this.activeLeafId = id;
    return sse([
      { type: 'data-conversation', data: { id: CONVERSATION, title: 'New chat', created }, transient: true },
      { type: 'start', messageId: id, messageMetadata: { parentId, model: 'm:1', status: 'streaming', createdAt: this.#clock } },
      { type: 'data-status', data: { state: 'loading-model', model: 'm:1' }, transient: true },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: text },
      { type: 'text-end', id: 't' },
      { type: 'finish', messageMetadata: { status: 'done', usage: { inputTokens: 1, outputTokens: 2 } } },
    ]);
  }) as typeof globalThis.fetch;

  api: ChatApi = {
    getConversation: async (): Promise<ConversationDetail> => ({
      id: CONVERSATION, title: 'Greeting', model: 'm:1', createdAt: 1, updatedAt: 2,
      activeLeafId: this.activeLeafId, messages: [...this.messages],
    }),
    setActiveLeaf: vi.fn(async (_id: string, leaf: string) => {
      this.activeLeafId = leaf;
    }),
    stopConversation: vi.fn(async () => true),
  };

  chat(conversationId: string | null, onConversation = vi.fn()) {
    return new ActiveChat({
      conversationId,
      getModel: () => 'm:1',
      api: this.api,
      onConversation,
      transport: createChatTransport({ fetch: this.fetch, throttleMs: 0 }),
    });
  }
}

const texts = (chat: ActiveChat) => chat.messages.map((message) => message.text);

describe('ActiveChat', () => {
  it('sends the first question with a null parent and learns the new conversation from the stream', async () => {
    const server = new FakeServer();
    const onConversation = vi.fn();
    const chat = server.chat(null, onConversation);
    await chat.send({ text: 'Hi', attachments: [] });
    const body = server.bodies[0];
    expect(body).toEqual({ model: 'm:1', trigger: 'submit-message', parentId: null, message: { id: body?.message?.id, text: 'Hi', attachmentIds: [] } });
    expect(onConversation).toHaveBeenCalledWith(chat, { id: CONVERSATION, title: 'New chat', created: true });
    expect(chat.conversationId).toBe(CONVERSATION);
    await vi.waitFor(() => expect(chat.title).toBe('Greeting'));
    expect(chat.messages.map((m) => [m.role, m.text, m.status])).toEqual([['user', 'Hi', 'done'], ['assistant', 'Answer 2', 'done']]);
  });

  it('sends a follow-up under the last message shown, with the conversation id', async () => {
    const server = new FakeServer();
    const chat = server.chat(null);
    await chat.send({ text: 'Hi', attachments: [] });
    await vi.waitFor(() => expect(chat.title).toBe('Greeting'));
    await chat.send({ text: 'More', attachments: [] });
    expect(server.bodies[1]).toMatchObject({ conversationId: CONVERSATION, parentId: 'answer-0002', message: { text: 'More' } });
  });

  it('regenerates with the user message as parent and switches between the versions', async () => {
    const server = new FakeServer();
    server.messages = [stored({ id: 'user-00001', parentId: null, role: 'user', text: 'Hi' }, 0.1), stored({ id: 'answer-0000', parentId: 'user-00001', role: 'assistant', text: 'One' }, 0.2)];
    server.activeLeafId = 'answer-0000';
    const chat = server.chat(CONVERSATION);
    await chat.load();
    expect(texts(chat)).toEqual(['Hi', 'One']);
    await chat.regenerate('answer-0000');
    expect(server.bodies.at(-1)).toEqual({ conversationId: CONVERSATION, model: 'm:1', trigger: 'regenerate-message', parentId: 'user-00001' });
    await vi.waitFor(() => expect(chat.messages.at(-1)?.version).toMatchObject({ index: 1, count: 2 }));
    await chat.switchVersion('answer-0001', -1);
    expect(texts(chat)).toEqual(['Hi', 'One']);
    expect(server.api.setActiveLeaf).toHaveBeenCalledWith(CONVERSATION, 'answer-0000');
  });

  it('sends an edited question as a sibling under the same parent', async () => {
    const server = new FakeServer();
    const chat = server.chat(null);
    await chat.send({ text: 'Hi', attachments: [] });
    await chat.send({ text: 'Second', attachments: [] });
    await vi.waitFor(() => expect(texts(chat)).toEqual(['Hi', 'Answer 2', 'Second', 'Answer 4']));
    const second = chat.messages[2]?.id ?? '';
    await chat.edit(second, 'Second, edited');
    expect(server.bodies.at(-1)).toMatchObject({ trigger: 'submit-message', parentId: 'answer-0002', message: { text: 'Second, edited' } });
    await vi.waitFor(() => expect(chat.messages[2]).toMatchObject({ text: 'Second, edited', version: { index: 1, count: 2 } }));
  });

  it('shows a refused request as an error answer and sends the question again on retry', async () => {
    const server = new FakeServer();
    server.overrides.push(new Response(JSON.stringify({ error: { code: 'conflict', message: 'An answer is already being written.' } }), { status: 409 }));
    const chat = server.chat(null);
    await chat.send({ text: 'Hi', attachments: [] });
    const failed = chat.messages.at(-1);
    expect(failed).toMatchObject({ role: 'assistant', status: 'error', error: 'An answer is already being written.', isPlaceholder: true });
    await chat.retry(failed?.id ?? '');
    expect(server.bodies).toHaveLength(2);
    expect(server.bodies[1]).toMatchObject({ trigger: 'submit-message', parentId: null, message: { text: 'Hi' } });
    await vi.waitFor(() => expect(texts(chat)).toEqual(['Hi', 'Answer 2']));
  });

  it('keeps the partial text of an answer that fails mid-stream, with the error', async () => {
    const server = new FakeServer();
    server.overrides.push(sse([
      { type: 'start', messageId: 'answer-0001', messageMetadata: { parentId: 'user-00001', model: 'm:1', status: 'streaming', createdAt: 1 } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Partial' },
      { type: 'error', errorText: "model 'm:1' not found" },
    ]));
    const chat = server.chat(null);
    await chat.send({ text: 'Hi', attachments: [] });
    expect(chat.messages.at(-1)).toMatchObject({ text: 'Partial', status: 'error', error: "model 'm:1' not found" });
  });

  it('shows the model being loaded until the first token', async () => {
    const server = new FakeServer();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const encoder = new TextEncoder();
    const line = (chunk: unknown) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);
    server.overrides.push(new Response(new ReadableStream({
      async start(controller) {
        controller.enqueue(line({ type: 'start', messageId: 'answer-0001', messageMetadata: { parentId: 'user-00001', status: 'streaming' } }));
        controller.enqueue(line({ type: 'data-status', data: { state: 'loading-model', model: 'big:70b' }, transient: true }));
        await gate;
        controller.enqueue(line({ type: 'text-start', id: 't' }));
        controller.enqueue(line({ type: 'text-delta', id: 't', delta: 'Hello' }));
        controller.enqueue(line({ type: 'text-end', id: 't' }));
        controller.close();
      },
    }), { headers: { 'content-type': 'text/event-stream' } }));
    const chat = server.chat(null);
    const sending = chat.send({ text: 'Hi', attachments: [] });
    await vi.waitFor(() => expect(chat.messages.at(-1)?.loadingModel).toBe('big:70b'));
    release();
    await sending;
    expect(chat.messages.at(-1)).toMatchObject({ text: 'Hello', loadingModel: null });
  });
});
