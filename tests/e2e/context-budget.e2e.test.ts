import { randomUUID } from 'node:crypto';
import { type ContextReport, type StoredMessage } from '@tauceti/contracts';
import { defaultScenario } from '@tauceti/mocks/ollama';
import { beforeEach, describe, expect, it } from 'vitest';
import { type UiChunk, collectUiStream } from './support/ui-stream.ts';
import { useServer } from './support/use-server.ts';

const fixture = useServer();

/** llama3.2 runs with a 2,048-token window here (its Modelfile says so, as `/api/show` lists). */
beforeEach(() => {
  const scenario = defaultScenario();
  scenario.models = scenario.models.map((model) => (model.name === 'llama3.2:latest' ? { ...model, numCtx: 2048 } : model));
  fixture.mock.setScenario(scenario);
});

type Sent = { messages: { role: string; content: string }[]; options?: Record<string, unknown> };
const streamed = () => fixture.mock.requests.filter((request) => request.path === '/api/chat' && (request.body as { stream?: boolean }).stream !== false);
const contextOf = (chunks: UiChunk[]) => chunks.filter((chunk) => chunk.type === 'data-context').at(-1)?.data as ContextReport | undefined;

/** Asks `text` under `parentId` in the conversation (null: a new one); returns the chunks. */
async function turn(text: string, conversationId?: string, parentId: string | null = null) {
  const response = await fixture.client.chat({
    ...(conversationId ? { conversationId } : {}),
    model: 'llama3.2:latest',
    trigger: 'submit-message',
    parentId,
    message: { id: randomUUID(), text, attachmentIds: [] },
  });
  return collectUiStream(response);
}

describe('fitting what is sent to the context window the model runs with', () => {
  it('leaves the oldest turns out of what is sent, never out of what is stored, and says so', async () => {
    const long = (n: number) => `Question ${n}: ${'about the tides and the moon '.repeat(60)}`;
    let chunks = await turn(long(1));
    const conversationId = (chunks.find((chunk) => chunk.type === 'data-conversation')?.data as { id: string }).id;
    for (let n = 2; n <= 5; n++) {
      const detail = await fixture.client.conversation(conversationId);
      chunks = await turn(long(n), conversationId, detail.activeLeafId);
    }
    const sent = streamed().at(-1)?.body as Sent;
    const report = contextOf(chunks);
    expect(report).toMatchObject({ window: 2048, overflowed: false });
    expect(report?.droppedMessages).toBeGreaterThan(0);
    // The question is always sent; older messages went first.
    expect(sent.messages.at(-1)?.content.startsWith('Question 5:')).toBe(true);
    expect(sent.messages.some((message) => message.content.startsWith('Question 1:'))).toBe(false);
    expect(sent.messages.filter((message) => message.role !== 'system').length).toBe(9 - (report?.droppedMessages ?? 0));
    // Ollama never had to cut anything, and no request asked it to reload the model.
    expect(streamed().every((request) => !request.promptTruncated)).toBe(true);
    expect(streamed().every((request) => (request.body as Sent).options?.num_ctx === undefined)).toBe(true);

    const stored = await fixture.client.conversation(conversationId);
    expect(stored.messages.filter((message: StoredMessage) => message.role === 'user')).toHaveLength(5);
    expect(stored.messages.find((message) => message.role === 'assistant' && message.context)?.context?.droppedMessages).toBeGreaterThan(0);
  });

  it('detects from prompt_eval_count that Ollama still cut a prompt too long to fit, and says so', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, content: 'A short answer.' });
    const chunks = await turn(`Read this: ${'word '.repeat(12_000)}`);
    expect(streamed()[0]?.promptTruncated).toBe(true);
    expect(contextOf(chunks)).toMatchObject({ window: 2048, overflowed: true, promptTokens: 2048 });
  });

  it('takes the window of a loaded model from /api/ps, before its Modelfile or the setting', async () => {
    const scenario = defaultScenario();
    scenario.defaultNumCtx = 8192;
    scenario.models = scenario.models.map((model) => ({ ...model, loaded: model.name === 'qwen3:4b' }));
    fixture.mock.setScenario(scenario);
    fixture.mock.enqueueChat({ match: { stream: true }, content: 'A short answer.' });
    const chunks = await collectUiStream(await fixture.client.ask(`Summarise: ${'tide '.repeat(9000)}`, 'qwen3:4b'));
    expect(contextOf(chunks)).toMatchObject({ window: 8192, windowSource: 'ollama-ps' });
  });
});
