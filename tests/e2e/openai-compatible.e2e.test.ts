import OpenAI, { NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { useServer } from './support/use-server.ts';

const fixture = useServer();
const openai = () => new OpenAI({ baseURL: `${fixture.server.url}/v1`, apiKey: 'not-needed', maxRetries: 0 });

describe('the OpenAI-compatible API, used through the official openai client', () => {
  it('lists the chat models the picker offers, without embedding-only models', async () => {
    const models = [];
    for await (const model of openai().models.list()) models.push(model.id);
    expect(models.sort()).toEqual(['llama3.2:latest', 'llava:7b', 'qwen3:4b']);
  });

  it('answers a chat completion without streaming', async () => {
    fixture.mock.enqueueChat({ content: 'Paris is the capital of France.' });
    const completion = await openai().chat.completions.create({
      model: 'llama3.2:latest',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      temperature: 0.2,
      max_tokens: 64,
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Paris is the capital of France.' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    const upstream = fixture.mock.requests.find((request) => request.path === '/api/chat')?.body as Record<string, unknown>;
    // The client's system prompt goes first; the server's own tools (run server-side) add how to use them.
    const [system, user] = upstream.messages as { role: string; content: string }[];
    expect(system?.role).toBe('system');
    expect(system?.content.startsWith('Be brief.\n\nYou can call these tools: fetch_page.')).toBe(true);
    expect(user).toEqual({ role: 'user', content: 'Capital of France?' });
    expect((upstream.tools as { function: { name: string } }[]).map((tool) => tool.function.name)).toEqual(['fetch_page']);
    expect(upstream.options).toEqual({ temperature: 0.2, num_predict: 64 });
  });

  it('streams a chat completion chunk by chunk, with usage when asked', async () => {
    fixture.mock.enqueueChat({ chunks: ['One', ', two', ', three.'] });
    const stream = await openai().chat.completions.create({
      model: 'llama3.2:latest',
      messages: [{ role: 'user', content: 'Count to three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas).toEqual(['One', ', two', ', three.']);
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('stops Ollama\'s generation when the client abandons a stream', async () => {
    fixture.mock.enqueueChat({ chunks: Array.from({ length: 200 }, (_, i) => `n${i} `), intervalMs: 20 });
    const stream = await openai().chat.completions.create({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'go' }], stream: true });
    let seen = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content && ++seen === 3) break;
    }
    const upstream = await fixture.mock.waitForRequest((request) => request.path === '/api/chat' && request.clientAborted, 3000);
    expect(upstream.chunks).toBeLessThan(200);
  });

  it('raises NotFoundError with Ollama\'s message for a model that is not installed', async () => {
    const call = openai().chat.completions.create({ model: 'llama9', messages: [{ role: 'user', content: 'hi' }] });
    await expect(call).rejects.toBeInstanceOf(NotFoundError);
    await expect(call).rejects.toThrow(/model 'llama9' not found/);
    const streamed = openai().chat.completions.create({ model: 'llama9', messages: [{ role: 'user', content: 'hi' }], stream: true });
    await expect(streamed).rejects.toBeInstanceOf(NotFoundError);
  });

  it('raises an APIError when Ollama fails mid-stream', async () => {
    fixture.mock.enqueueChat({ chunks: ['a', 'b', 'c'], errorAfterChunks: { count: 1, message: 'an error was encountered while running the model' } });
    const stream = await openai().chat.completions.create({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'x' }], stream: true });
    const consume = async () => {
      for await (const _ of stream);
    };
    await expect(consume()).rejects.toThrow(/an error was encountered while running the model/);
  });

  it('accepts images as data URLs and refuses remote image URLs (the server never fetches them)', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await openai().chat.completions.create({
      model: 'llava:7b',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }] }],
    });
    const upstream = fixture.mock.requests.find((request) => request.path === '/api/chat')?.body as { messages: { images?: string[] }[] };
    expect(upstream.messages.at(-1)?.images).toEqual([png]);

    const remote = openai().chat.completions.create({
      model: 'llava:7b',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://169.254.169.254/latest/meta-data' } }] }],
    });
    await expect(remote).rejects.toThrow(/remote URLs are not fetched/);
  });
});
