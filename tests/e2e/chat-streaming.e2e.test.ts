import { defaultScenario } from '@tauceti/mocks/ollama';
import { describe, expect, it } from 'vitest';
import { useServer } from './support/use-server.ts';
import { collectUiStream, readUiStream, textOf, type UiChunk } from './support/ui-stream.ts';

const fixture = useServer();

const conversationIdOf = (chunks: UiChunk[]) => (chunks.find((chunk) => chunk.type === 'data-conversation')?.data as { id: string }).id;

describe('a chat turn over HTTP', () => {
  it('streams the answer token by token as an AI SDK UI message stream and stores it as done', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, chunks: ['Hello', ' there', ', friend.'], intervalMs: 150 });
    const response = await fixture.client.ask('Say hello');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const chunks = await collectUiStream(response);

    expect(chunks[0]).toMatchObject({ type: 'data-conversation', data: { created: true, title: 'Say hello' } });
    // Deltas that arrive within one flush window are sent together (by design), so a busy machine
    // may merge two; tokens 150 ms apart still come as more than one delta.
    const deltas = chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => chunk.delta as string);
    expect(deltas.join('')).toBe('Hello there, friend.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'done' } });

    const start = chunks.find((chunk) => chunk.type === 'start') as UiChunk & { messageId: string };
    const stored = await fixture.client.conversation(conversationIdOf(chunks));
    expect(stored.activeLeafId).toBe(start.messageId);
    expect(stored.messages.map((message) => [message.role, message.text, message.status])).toEqual([
      ['user', 'Say hello', 'done'],
      ['assistant', 'Hello there, friend.', 'done'],
    ]);
  });

  it('says the model is loading when Ollama does not hold it in memory, and not when it does', async () => {
    const scenario = defaultScenario();
    scenario.models = scenario.models.map((model) => (model.name === 'llama3.2:latest' ? { ...model, loadMs: 300 } : model));
    fixture.mock.setScenario(scenario);
    const cold = await collectUiStream(await fixture.client.ask('first'));
    const loading = cold.findIndex((chunk) => chunk.type === 'data-status');
    expect(cold[loading]).toMatchObject({ data: { state: 'loading-model', model: 'llama3.2:latest' } });
    expect(loading).toBeLessThan(cold.findIndex((chunk) => chunk.type === 'text-delta'));

    const warm = await collectUiStream(await fixture.client.ask('second'));
    expect(warm.some((chunk) => chunk.type === 'data-status')).toBe(false);
  });

  it('streams the reasoning of a thinking model before its answer and stores both', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, thinking: 'Two plus two is four.', content: 'It is 4.' });
    const chunks = await collectUiStream(await fixture.client.ask('2+2?', 'qwen3:4b'));
    const kinds = chunks.map((chunk) => chunk.type);
    expect(kinds.indexOf('reasoning-delta')).toBeLessThan(kinds.indexOf('text-delta'));
    const stored = await fixture.client.conversation(conversationIdOf(chunks));
    expect(stored.messages[1]).toMatchObject({ reasoning: 'Two plus two is four.', text: 'It is 4.' });
    const upstream = fixture.mock.requests.find((request) => request.path === '/api/chat' && (request.body as { model?: string }).model === 'qwen3:4b');
    expect(upstream?.body).toMatchObject({ think: true });
  });

  it('keeps the partial answer and Ollama\'s message when an error line arrives mid-stream', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, chunks: ['Part', 'ial', ' answer'], errorAfterChunks: { count: 2, message: 'an error was encountered while running the model' } });
    const chunks = await collectUiStream(await fixture.client.ask('break please'));
    expect(chunks.find((chunk) => chunk.type === 'error')).toMatchObject({ errorText: 'an error was encountered while running the model' });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'error' } });
    const stored = await fixture.client.conversation(conversationIdOf(chunks));
    expect(stored.messages[1]).toMatchObject({ status: 'error', text: 'Partial', error: 'an error was encountered while running the model' });
  });

  it('never loses the tokens that came just before an error line (repeated, since it was a race)', async () => {
    for (let run = 0; run < 10; run++) {
      fixture.mock.enqueueChat({ match: { stream: true }, chunks: ['one', ' two', ' three', ' four'], errorAfterChunks: { count: 3, message: 'runner died' } });
      const chunks = await collectUiStream(await fixture.client.ask(`race ${run}`));
      expect(textOf(chunks)).toBe('one two three');
      const stored = await fixture.client.conversation(conversationIdOf(chunks));
      expect(stored.messages[1]).toMatchObject({ status: 'error', text: 'one two three', error: 'runner died' });
    }
  });

  it('ends the turn as an error when Ollama drops the connection mid-answer', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, chunks: ['one', ' two', ' three', ' four'], disconnectAfterChunks: 2 });
    const chunks = await collectUiStream(await fixture.client.ask('drop it'));
    const stored = await fixture.client.conversation(conversationIdOf(chunks));
    expect(stored.messages[1]).toMatchObject({ status: 'error', text: 'one two' });
    expect(stored.messages[1]?.error).toMatch(/Ollama/);
  });

  it('gives Ollama\'s own message, naming the model, for a model that is not installed', async () => {
    const chunks = await collectUiStream(await fixture.client.ask('hi', 'llama9:latest'));
    expect(chunks.find((chunk) => chunk.type === 'error')).toMatchObject({ errorText: "model 'llama9:latest' not found" });
    const stored = await fixture.client.conversation(conversationIdOf(chunks));
    expect(stored.messages[1]).toMatchObject({ status: 'error', error: "model 'llama9:latest' not found" });
  });

  it('refuses a second answer in a conversation while one is being written', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, chunks: Array.from({ length: 40 }, (_, i) => `w${i} `), intervalMs: 20 });
    const first = await fixture.client.ask('long one');
    const reader = readUiStream(first);
    const head = (await reader.next()).value as UiChunk;
    const conversationId = (head.data as { id: string }).id;
    const stored = await fixture.client.conversation(conversationId);
    const second = await fixture.client.chat({ conversationId, model: 'llama3.2:latest', trigger: 'regenerate-message', parentId: stored.messages[0]?.id ?? null });
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe('conflict');
    for await (const _ of reader);
  });
});

describe('stopping an answer', () => {
  it('closes the socket to Ollama when the client aborts, and keeps what was shown as stopped', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, chunks: Array.from({ length: 200 }, (_, i) => `t${i} `), intervalMs: 20 });
    const controller = new AbortController();
    const response = await fixture.client.ask('count slowly', 'llama3.2:latest', {}, controller.signal);
    let conversationId = '';
    let deltas = 0;
    for await (const chunk of readUiStream(response)) {
      if (chunk.type === 'data-conversation') conversationId = (chunk.data as { id: string }).id;
      if (chunk.type === 'text-delta' && ++deltas === 3) break;
    }
    const abortedAt = Date.now();
    controller.abort();
    const upstream = await fixture.mock.waitForRequest((request) => request.path === '/api/chat' && request.clientAborted, 3000);
    expect((upstream.closedAt ?? 0) - abortedAt).toBeLessThan(1000);
    expect(upstream.chunks).toBeLessThan(200);

    await expect.poll(async () => (await fixture.client.conversation(conversationId)).messages[1]?.status, { timeout: 3000 }).toBe('stopped');
    const answer = (await fixture.client.conversation(conversationId)).messages[1];
    expect(answer?.text).toMatch(/^t0 t1 t2 /);
  });

  it('stops from the stop endpoint and answers once the partial text is saved', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, chunks: Array.from({ length: 200 }, (_, i) => `s${i} `), intervalMs: 20 });
    const response = await fixture.client.ask('go on');
    const reader = readUiStream(response);
    let conversationId = '';
    // Read by hand: leaving a for-await loop would close the response, which is a stop in itself.
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      if (next.value.type === 'data-conversation') conversationId = (next.value.data as { id: string }).id;
      if (next.value.type === 'text-delta') break;
    }
    const stop = await fixture.client.json<{ stopped: boolean }>(`/api/conversations/${conversationId}/stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(stop.stopped).toBe(true);
    const answer = (await fixture.client.conversation(conversationId)).messages[1];
    expect(answer?.status).toBe('stopped');
    expect(answer?.text).toMatch(/^s0 /);
    await fixture.mock.waitForRequest((request) => request.path === '/api/chat' && request.clientAborted, 3000);
    const rest: UiChunk[] = [];
    for (let next = await reader.next(); !next.done; next = await reader.next()) rest.push(next.value);
    expect(rest.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'stopped' } });
  });
});
