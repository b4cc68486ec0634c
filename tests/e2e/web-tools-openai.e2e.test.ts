import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useWebServer } from './support/use-web-server.ts';

const fixture = useWebServer();
const openai = () => new OpenAI({ baseURL: `${fixture.server.url}/v1`, apiKey: 'not-needed', maxRetries: 0 });

const articleTitle = 'Street trees cut summer heat by up to 4 °C, survey finds';

function scriptResearch() {
  fixture.mock.enqueueChat(
    { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'web_search', arguments: { query: 'street trees heat' } }] },
    { match: { stream: true, lastToolIncludes: 'Search results' }, toolCalls: [{ name: 'fetch_page', arguments: { url: `${fixture.web.url}/article` } }] },
    { match: { stream: true, lastToolIncludes: 'Source [1]' }, content: 'Tree-lined streets were up to four degrees cooler [1].' },
  );
}

describe('the server’s tools behind the OpenAI-compatible API', () => {
  it('searches and reads server-side, and the answer ends with its sources, one line each', async () => {
    scriptResearch();
    const completion = await openai().chat.completions.create({
      model: 'llama3.2:latest',
      messages: [{ role: 'user', content: 'Do street trees cool a city?' }],
    });
    const content = completion.choices[0]?.message.content ?? '';
    expect(content.startsWith('Tree-lined streets were up to four degrees cooler [1].')).toBe(true);
    expect(content.split('\n').slice(-2)).toEqual([
      `[1]: ${articleTitle} - ${fixture.web.url}/article`,
      `[2]: Keeping a sourdough starter alive through winter - ${fixture.web.url}/article-2`,
    ]);
    expect(fixture.web.requests.map((request) => request.path)).toEqual(['/article']);
  });

  it('streams the same answer and its sources to a streaming client', async () => {
    scriptResearch();
    const stream = await openai().chat.completions.create({
      model: 'llama3.2:latest',
      messages: [{ role: 'user', content: 'Do street trees cool a city?' }],
      stream: true,
    });
    let content = '';
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    expect(content).toContain(`\n\n[1]: ${articleTitle} - ${fixture.web.url}/article\n`);
  });

  it('refuses to read a URL nobody gave, since no one can be asked', async () => {
    fixture.mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'fetch_page', arguments: { url: `${fixture.web.url}/notes.md` } }] },
      { match: { stream: true, afterTool: true }, content: 'I was not allowed to read it.' },
    );
    const completion = await openai().chat.completions.create({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'Read my notes' }] });
    expect(completion.choices[0]?.message.content).toBe('I was not allowed to read it.');
    expect(fixture.web.requests).toEqual([]);
    const toolResult = fixture.mock.requests.filter((request) => request.path === '/api/chat').at(-1)?.body as { messages: { content: string }[] };
    expect(toolResult.messages.at(-1)?.content).toMatch(/^fetch_page refused/);
  });

  it('offers the client’s own tools instead of its own, hands their calls back, and takes the results', async () => {
    const weather = { type: 'function' as const, function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
    fixture.mock.enqueueChat({ match: { stream: true, afterTool: false }, toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const first = await openai().chat.completions.create({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [weather] });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const call = choice?.message.tool_calls?.[0];
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    const offered = (fixture.mock.requests.at(-1)?.body as { tools: { function: { name: string } }[] }).tools.map((tool) => tool.function.name);
    expect(offered).toEqual(['get_weather']);

    fixture.mock.enqueueChat({ match: { stream: true, lastToolIncludes: 'sunny' }, content: 'It is sunny in Paris.' });
    const stream = await openai().chat.completions.create({
      model: 'llama3.2:latest',
      tools: [weather],
      stream: true,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [call as NonNullable<typeof call>] },
        { role: 'tool', tool_call_id: call?.id ?? '', content: 'sunny, 21 °C' },
      ],
    });
    let content = '';
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    expect(content).toBe('It is sunny in Paris.');
    const sent = (fixture.mock.requests.at(-1)?.body as { messages: { role: string; content: string; tool_calls?: unknown[] }[] }).messages;
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(sent[2]?.content).toBe('sunny, 21 °C');
  });

  it('streams calls to the client’s tools as tool_calls deltas', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, toolCalls: [{ name: 'get_time', arguments: { zone: 'UTC' } }] });
    const stream = await openai().chat.completions.create({
      model: 'llama3.2:latest',
      stream: true,
      messages: [{ role: 'user', content: 'Time?' }],
      tools: [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } }],
    });
    const calls: unknown[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(calls).toEqual([expect.objectContaining({ index: 0, type: 'function', function: { name: 'get_time', arguments: '{"zone":"UTC"}' } })]);
    expect(finish).toBe('tool_calls');
  });
});
