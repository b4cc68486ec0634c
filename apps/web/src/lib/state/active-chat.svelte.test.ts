import type { ChatMode, ChatRequest, ConversationDetail, StoredMessage, ToolStep } from '@tauceti/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { ChatApi } from '../api/chat-api.ts';
import { createChatTransport } from '../api/chat-transport.ts';
import { doneJob, imageJob } from '../__fixtures__/image-jobs.ts';
import { ActiveChat, type ActiveChatOptions } from './active-chat.svelte.ts';

const CONVERSATION = 'conv-00000001';

function sse(chunks: unknown[]): Response {
  const body = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') + 'data: [DONE]\n\n';
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' } });
}

function stored(m: Pick<StoredMessage, 'id' | 'parentId' | 'role' | 'text'>, createdAt: number): StoredMessage {
  return {
    reasoning: '', attachments: [], model: 'm:1', status: 'done', error: null, usage: null, createdAt, updatedAt: createdAt,
    parts: [{ type: 'text', text: m.text }], sources: [], citations: null, context: null, notices: [], imageJobs: [], ...m,
  };
}

/** A tiny stand-in for the server: stores what the chat sends and answers "Answer n". */
class FakeServer {
  messages: StoredMessage[] = [];
  activeLeafId: string | null = null;
  disabledTools: string[] = [];
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
      activeLeafId: this.activeLeafId, disabledTools: [...this.disabledTools], messages: [...this.messages],
    }),
    setActiveLeaf: vi.fn(async (_id: string, leaf: string) => {
      this.activeLeafId = leaf;
    }),
    stopConversation: vi.fn(async () => true),
    answerApproval: vi.fn(async () => undefined),
    setDisabledTools: vi.fn(async () => undefined),
  };

  chat(conversationId: string | null, onConversation = vi.fn(), getMode: () => ChatMode = () => 'chat', more: Partial<ActiveChatOptions> = {}) {
    return new ActiveChat({
      ...more,
      conversationId,
      getModel: () => 'm:1',
      getMode,
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

describe('ActiveChat tools', () => {
  it('sends Web mode with the turn, and a new chat\'s switched-off tools with its first message only', async () => {
    const server = new FakeServer();
    const chat = server.chat(null, vi.fn(), () => 'web');
    await chat.tools.setEnabled('fetch_page', false);
    expect(server.api.setDisabledTools).not.toHaveBeenCalled();
    await chat.send({ text: 'Hi', attachments: [] });
    expect(server.bodies[0]).toMatchObject({ mode: 'web', disabledTools: ['fetch_page'] });
    server.disabledTools = ['fetch_page'];
    await vi.waitFor(() => expect(chat.title).toBe('Greeting'));
    await chat.send({ text: 'More', attachments: [] });
    expect(server.bodies[1]).toMatchObject({ mode: 'web', conversationId: CONVERSATION });
    expect(server.bodies[1]).not.toHaveProperty('disabledTools');
    expect(chat.tools.disabled).toEqual(['fetch_page']);
  });

  it('sends Notes mode with the turn when the chat is asked for it', async () => {
    const server = new FakeServer();
    const chat = server.chat(null, vi.fn(), () => 'notes');
    await chat.send({ text: 'When do I feed the roses?', attachments: [] });
    expect(server.bodies[0]).toMatchObject({ mode: 'notes', message: { text: 'When do I feed the roses?' } });
  });

  it('stores a tools change of an existing conversation at once, and puts it back if that fails', async () => {
    const server = new FakeServer();
    server.disabledTools = ['web_search'];
    const chat = server.chat(CONVERSATION);
    await chat.load();
    expect(chat.tools.disabled).toEqual(['web_search']);
    await chat.tools.setEnabled('web_search', true);
    expect(server.api.setDisabledTools).toHaveBeenCalledWith(CONVERSATION, []);
    vi.mocked(server.api.setDisabledTools).mockRejectedValueOnce(new Error('The server is gone.'));
    await chat.tools.setEnabled('fetch_page', false);
    expect(chat.tools.disabled).toEqual([]);
    expect(chat.notice).toMatch(/could not be saved: The server is gone/);
  });

  it('posts the answer to a held step and shows it until the stream moves the step on', async () => {
    const server = new FakeServer();
    const held: ToolStep = {
      id: 'call-1', tool: 'fetch_page', input: { url: 'https://a.test/' }, state: 'awaiting-approval', startedAt: 1, durationMs: null,
      summary: 'Open a.test?', output: null, error: null, sources: [], approval: { url: 'https://a.test/', host: 'a.test' },
    };
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const encoder = new TextEncoder();
    const line = (chunk: unknown) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);
    server.overrides.push(new Response(new ReadableStream({
      async start(controller) {
        controller.enqueue(line({ type: 'data-conversation', data: { id: CONVERSATION, title: 'New chat', created: true }, transient: true }));
        controller.enqueue(line({ type: 'start', messageId: 'answer-0001', messageMetadata: { parentId: 'user-00001', status: 'streaming' } }));
        controller.enqueue(line({ type: 'data-tool', id: 'call-1', data: held }));
        await gate;
        controller.enqueue(line({ type: 'data-tool', id: 'call-1', data: { ...held, state: 'done', approval: null, durationMs: 5, output: 'Page text' } }));
        controller.enqueue(line({ type: 'text-start', id: 't' }));
        controller.enqueue(line({ type: 'text-delta', id: 't', delta: 'Read it.' }));
        controller.enqueue(line({ type: 'text-end', id: 't' }));
        controller.close();
      },
    }), { headers: { 'content-type': 'text/event-stream' } }));
    const chat = server.chat(null);
    const sending = chat.send({ text: 'Read https://a.test/', attachments: [] });
    await vi.waitFor(() => expect(chat.messages.at(-1)?.content[0]).toMatchObject({ kind: 'tool', state: 'awaiting-approval' }));
    await chat.tools.answer('call-1', true);
    expect(server.api.answerApproval).toHaveBeenCalledWith(CONVERSATION, 'call-1', true);
    expect(chat.messages.at(-1)?.content[0]).toMatchObject({ answer: { approve: true, status: 'sent' } });
    // What the server stored meanwhile, read back after the turn.
    const questionId = server.bodies[0]?.message?.id ?? '';
    const done: ToolStep = { ...held, state: 'done', approval: null, durationMs: 5, output: 'Page text' };
    server.messages = [
      stored({ id: questionId, parentId: null, role: 'user', text: 'Read https://a.test/' }, 1),
      { ...stored({ id: 'answer-0001', parentId: questionId, role: 'assistant', text: 'Read it.' }, 2), parts: [{ type: 'tool', step: done }, { type: 'text', text: 'Read it.' }] },
    ];
    server.activeLeafId = 'answer-0001';
    const states = () => chat.messages.at(-1)?.content.map((part) => (part.kind === 'tool' ? part.state : part.kind));
    release();
    await sending;
    expect(states()).toEqual(['done', 'text']);
    await vi.waitFor(() => expect(chat.title).toBe('Greeting'));
    expect(states()).toEqual(['done', 'text']);
  });
});

describe('ActiveChat images', () => {
  const start = { type: 'start', messageId: 'answer-0001', messageMetadata: { parentId: 'user-00001', model: 'm:1', status: 'streaming', createdAt: 1 } };

  it('sends image mode with its settings and hands each streamed job on, to be followed', async () => {
    const server = new FakeServer();
    const job = imageJob({ messageId: 'answer-0001' });
    server.overrides.push(sse([
      { type: 'data-conversation', data: { id: CONVERSATION, title: 'New chat', created: true }, transient: true },
      start,
      { type: 'data-image', id: job.id, data: job },
      { type: 'finish', messageMetadata: { status: 'done' } },
    ]));
    const onImageJobs = vi.fn();
    const chat = server.chat(null, vi.fn(), () => 'image', { onImageJobs });
    await chat.send({ text: 'a lighthouse at dusk', attachments: [], image: { width: 1216, height: 832 } });
    expect(server.bodies[0]).toMatchObject({ mode: 'image', image: { width: 1216, height: 832 }, message: { text: 'a lighthouse at dusk' } });
    expect(onImageJobs).toHaveBeenCalledWith([job]);
  });

  it('offers the jobs of a stored conversation, so a reload picks their progress up again', async () => {
    const server = new FakeServer();
    const first = imageJob({ state: 'running', step: 4, steps: 30, queuePosition: null });
    const variant = doneJob({ id: 'job-00000002', variantOf: first.id, createdAt: 2000 });
    server.messages = [
      stored({ id: 'user-00001', parentId: null, role: 'user', text: 'Draw a lighthouse' }, 1),
      { ...stored({ id: 'answer-0001', parentId: 'user-00001', role: 'assistant', text: '' }, 2), parts: [{ type: 'image', jobId: first.id }], imageJobs: [first, variant] },
    ];
    server.activeLeafId = 'answer-0001';
    const onImageJobs = vi.fn();
    const chat = server.chat(CONVERSATION, vi.fn(), () => 'chat', { onImageJobs });
    await chat.load();
    expect(onImageJobs).toHaveBeenCalledWith([first, variant]);
    const answer = chat.messages.at(-1);
    expect(answer?.content).toMatchObject([{ kind: 'image', job: { id: first.id } }]);
    expect(answer?.imageJobs.map((job) => job.id)).toEqual([first.id, variant.id]);
  });

  it('says the answer waits for the GPU, and how far the image is, until it is generating', async () => {
    const server = new FakeServer();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const encoder = new TextEncoder();
    const line = (chunk: unknown) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);
    server.overrides.push(new Response(new ReadableStream({
      async start(controller) {
        controller.enqueue(line(start));
        controller.enqueue(line({ type: 'data-status', data: { state: 'waiting-gpu', model: 'm:1', detail: 'image, step 12 of 30' }, transient: true }));
        await gate;
        controller.enqueue(line({ type: 'data-status', data: { state: 'generating', model: 'm:1' }, transient: true }));
        controller.enqueue(line({ type: 'text-start', id: 't' }));
        controller.enqueue(line({ type: 'text-delta', id: 't', delta: 'Hello' }));
        controller.enqueue(line({ type: 'text-end', id: 't' }));
        controller.close();
      },
    }), { headers: { 'content-type': 'text/event-stream' } }));
    const chat = server.chat(null);
    const sending = chat.send({ text: 'Hi', attachments: [] });
    await vi.waitFor(() => expect(chat.messages.at(-1)?.gpuNotice).toBe('Waiting for the GPU: image, step 12 of 30'));
    release();
    await sending;
    expect(chat.messages.at(-1)).toMatchObject({ text: 'Hello', gpuNotice: null });
  });
});
