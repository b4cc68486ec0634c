/**
 * The mock against the real client the server uses: `ai` 6 + `ollama-ai-provider-v2` 3.6.
 * Several tests pin provider quirks (marked QUIRK) so a version bump that changes them shows up here.
 */
import { APICallError, embedMany, generateText, stepCountIs, streamText, tool } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defaultScenario, startMockOllama, type MockOllama } from './index.ts';

describe('mock Ollama with the AI SDK provider', () => {
  let mock: MockOllama;
  let ollama: ReturnType<typeof createOllama>;
  const chatBodies = () => mock.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as Record<string, any>);

  beforeAll(async () => {
    mock = await startMockOllama();
    ollama = createOllama({ baseURL: `${mock.url}/api` });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario(defaultScenario());
    mock.clearRequests();
  });

  it('streams text through streamText, with the request the provider really sends', async () => {
    const result = streamText({ model: ollama('llama3.2'), prompt: 'hello mock' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual(['You', ' said:', ' hello', ' mock']);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBe(4);
    const [body] = chatBodies();
    expect(body).toMatchObject({ model: 'llama3.2', messages: [{ role: 'user', content: 'hello mock' }], think: false, stream: true });
    expect(body).not.toHaveProperty('keep_alive');
  });

  it('runs a tool round trip and sends the result back as a tool message with tool_call_id', async () => {
    mock.enqueueChat({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }, { content: 'Sunny in Paris.' });
    const execute = vi.fn(async ({ city }: { city: string }) => ({ city, forecast: 'sunny, 21C' }));
    const result = streamText({
      model: ollama('qwen3:4b'),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: tool({ description: 'Get the weather', inputSchema: z.object({ city: z.string() }), execute }) },
      stopWhen: stepCountIs(3),
    });
    expect(await result.text).toBe('Sunny in Paris.');
    const steps = await result.steps;
    expect(steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(execute).toHaveBeenCalledWith({ city: 'Paris' }, expect.anything());
    const second = chatBodies()[1]!;
    expect(second.tool_choice).toBe('auto');
    expect(second.messages.slice(1)).toEqual([
      { role: 'assistant', content: '', tool_calls: [{ id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', tool_call_id: expect.stringMatching(/^call_/), content: '{"city":"Paris","forecast":"sunny, 21C"}' },
    ]);
  });

  it('streams reasoning only when providerOptions turn think on', async () => {
    const script = { thinking: 'Three letters r.', content: 'Three.' };
    mock.enqueueChat(script, script);
    const off = await generateText({ model: ollama('qwen3:4b'), prompt: 'count' });
    expect(off.reasoningText).toBeUndefined();
    const on = streamText({ model: ollama('qwen3:4b'), prompt: 'count', providerOptions: { ollama: { think: true } } });
    expect(await on.reasoningText).toBe('Three letters r.');
    expect(await on.text).toBe('Three.');
  });

  it('embeds through the provider embedding model', async () => {
    const { embeddings } = await embedMany({ model: ollama.embedding('nomic-embed-text'), values: ['a', 'b'] });
    expect(embeddings.map((vector) => vector.length)).toEqual([768, 768]);
    expect(mock.requests.at(-1)).toMatchObject({ path: '/api/embed', body: { model: 'nomic-embed-text', input: ['a', 'b'] } });
  });

  it('QUIRK: surfaces an Ollama 404 as an APICallError whose message is the HTTP status text', async () => {
    const error = await generateText({ model: ollama('llama9'), prompt: 'x', maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404, message: 'Not Found', isRetryable: false, responseBody: `{"error":"model 'llama9' not found"}` });
  });

  it('QUIRK: drops a mid-stream {"error"} line (console.warn) and finishes with reason "other"', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    mock.enqueueChat({ content: 'one two three', errorAfterChunks: { count: 2, message: 'runner crashed' } });
    const result = streamText({ model: ollama('llama3.2'), prompt: 'x' });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types).not.toContain('error');
    expect(await result.text).toBe('one two');
    expect(await result.finishReason).toBe('other');
    expect(warn).toHaveBeenCalledWith('Failed to parse NDJSON line:', expect.anything());
    warn.mockRestore();
  });

  it('QUIRK: sends content [] for an image-only user message, which Ollama rejects', async () => {
    const error = await generateText({
      model: ollama('llava:7b'),
      maxRetries: 0,
      messages: [{ role: 'user', content: [{ type: 'image', image: 'aGVsbG8=', mediaType: 'image/png' }] }],
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 400, responseBody: expect.stringContaining('Message.messages.content of type string') });
  });

  it('QUIRK: sends Uint8Array images as JSON objects, which Ollama rejects; base64 strings work', async () => {
    const send = (image: Uint8Array | string) =>
      generateText({
        model: ollama('llava:7b'),
        maxRetries: 0,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, { type: 'image', image, mediaType: 'image/png' }] }],
      });
    const error = await send(new Uint8Array([1, 2, 3])).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 400, responseBody: expect.stringContaining('of type api.ImageData') });
    expect((await send('AQID')).text).toBe('You said: what is this');
  });

  it('closes the Ollama socket when the caller aborts the stream', async () => {
    mock.enqueueChat({ content: 'a b c', stallAfterChunks: 1 });
    const controller = new AbortController();
    const result = streamText({ model: ollama('llama3.2'), prompt: 'x', abortSignal: controller.signal });
    for await (const delta of result.textStream) {
      expect(delta).toBe('a');
      controller.abort();
    }
    const record = await mock.waitForRequest((r) => r.path === '/api/chat' && r.clientAborted, 2000);
    expect(record.chunks).toBe(1);
  });
});
