import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, startMockOllama, type MockOllama } from './index.ts';
import { GO_UTC_TIME, get, post, readNdjson } from './test-utils.ts';

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Get the weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

describe('mock Ollama /api/chat', () => {
  let mock: MockOllama;
  const chat = (body: Record<string, unknown>) => post(`${mock.url}/api/chat`, body);
  const user = (content: string) => [{ role: 'user', content }];

  beforeAll(async () => {
    mock = await startMockOllama();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.setScenario(defaultScenario()));

  it('streams NDJSON word chunks, then a done chunk with integer nanosecond metrics', async () => {
    const res = await chat({ model: 'llama3.2', messages: user('hello there') });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = await readNdjson(res);
    expect(lines.slice(0, -1).map((l) => l.message.content)).toEqual(['You', ' said:', ' hello', ' there']);
    expect(lines.map((l) => l.done)).toEqual([false, false, false, false, true]);
    expect(Object.keys(lines[0]!)).toEqual(['model', 'created_at', 'message', 'done']);
    for (const line of lines) {
      expect(line.model).toBe('llama3.2');
      expect(line.created_at).toMatch(GO_UTC_TIME);
      expect(line.message).toMatchObject({ role: 'assistant', content: expect.any(String) });
      expect(line.message).not.toHaveProperty('images');
    }
    const done = lines.at(-1)!;
    expect(done).toMatchObject({ done: true, done_reason: 'stop', message: { role: 'assistant', content: '' } });
    for (const key of ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration']) {
      expect(Number.isInteger(done[key]), key).toBe(true);
    }
    expect(done.eval_count).toBe(4);
  });

  it('answers stream:false with one object whose content and thinking are concatenated', async () => {
    mock.enqueueChat({ thinking: 'Count the letters.', content: 'There are three.' });
    const res = await chat({ model: 'qwen3:4b', messages: user('how many r in strawberry'), stream: false });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(body).toMatchObject({
      model: 'qwen3:4b',
      message: { role: 'assistant', content: 'There are three.', thinking: 'Count the letters.' },
      done: true,
      done_reason: 'stop',
    });
  });

  it('sends thinking chunks before content when the model thinks, and none for think:false', async () => {
    const script = { thinking: 'Let me count', content: 'Three.' };
    mock.enqueueChat(script, script);
    const thinking = await readNdjson(await chat({ model: 'qwen3:4b', messages: user('count'), think: 'high' }));
    expect(thinking.map((l) => (l.message.thinking ? `t:${l.message.thinking}` : l.message.content))).toEqual(['t:Let', 't: me', 't: count', 'Three.', '']);
    expect(thinking[0]!.message.content).toBe('');
    const plain = await readNdjson(await chat({ model: 'qwen3:4b', messages: user('count'), think: false }));
    expect(plain.some((l) => 'thinking' in l.message)).toBe(false);
  });

  it('sends tool calls with call ids, function.index and object arguments when tools are offered', async () => {
    mock.enqueueChat({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Tokyo' } }] });
    const lines = await readNdjson(await chat({ model: 'llama3.2', messages: user('weather?'), tools: [weatherTool] }));
    expect(lines).toHaveLength(2);
    const [call] = lines[0]!.message.tool_calls;
    expect(call).toEqual({ id: expect.stringMatching(/^call_[a-z0-9]{8}$/), function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } });
    expect(lines[0]!.message.content).toBe('');
    expect(lines[1]).toMatchObject({ done: true, done_reason: 'stop' });
  });

  it('leaves scripted tool calls out when the request offered no tools', async () => {
    mock.enqueueChat({ content: 'ok', toolCalls: [{ name: 'get_weather', arguments: {} }] });
    const body = await (await chat({ model: 'llama3.2', messages: user('x'), stream: false })).json();
    expect(body.message).toEqual({ role: 'assistant', content: 'ok' });
  });

  it('uses queued scripts first, in order and only for requests they match, then scenario rules', async () => {
    mock.setScenario({ ...defaultScenario(), chat: [{ match: { lastUserIncludes: 'joke' }, content: 'A rule.' }] });
    mock.enqueueChat({ match: { model: 'qwen3:4b' }, content: 'For qwen.' }, { content: 'First.' }, { content: 'Second.' });
    const answer = async (model: string, text: string) =>
      (await (await chat({ model, messages: user(text), stream: false, think: false })).json()).message.content;
    expect(await answer('llama3.2', 'hi')).toBe('First.');
    expect(await answer('qwen3:4b', 'hi')).toBe('For qwen.');
    expect(await answer('llama3.2', 'hi')).toBe('Second.');
    expect(await answer('llama3.2', 'tell a joke')).toBe('A rule.');
    expect(await answer('llama3.2', 'hi')).toBe('You said: hi');
  });

  it('honours explicit chunks, doneReason and timing', async () => {
    mock.enqueueChat({ chunks: ['Hel', 'lo'], doneReason: 'length', prefillMs: 60, intervalMs: 30 });
    const started = Date.now();
    const lines = await readNdjson(await chat({ model: 'llama3.2', messages: user('x') }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(lines.map((l) => l.message.content)).toEqual(['Hel', 'lo', '']);
    expect(lines.at(-1)!.done_reason).toBe('length');
    expect(lines.at(-1)!.prompt_eval_duration).toBeGreaterThanOrEqual(55_000_000);
  });

  it('loads with messages [] and unloads with keep_alive 0, as /api/ps shows', async () => {
    const load = await chat({ model: 'llama3.2', messages: [] });
    expect(await load.json()).toEqual({
      model: 'llama3.2',
      created_at: expect.stringMatching(GO_UTC_TIME),
      message: { role: 'assistant', content: '' },
      done_reason: 'load',
      done: true,
    });
    expect(mock.loaded.map((m) => m.name)).toEqual(['llama3.2:latest']);
    const unload = await (await chat({ model: 'llama3.2', messages: [], keep_alive: 0 })).json();
    expect(unload.done_reason).toBe('unload');
    expect(await (await get(`${mock.url}/api/ps`)).json()).toEqual({ models: [] });
  });

  it('waits loadMs before the first chunk of a cold model, then keeps it loaded for keep_alive', async () => {
    const scenario = defaultScenario();
    scenario.models[0]!.loadMs = 250;
    mock.setScenario(scenario);
    const started = Date.now();
    const cold = await readNdjson(await chat({ model: 'llama3.2', messages: user('x'), keep_alive: '1h' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(cold.at(-1)!.load_duration).toBeGreaterThanOrEqual(240_000_000);
    const { models } = await (await get(`${mock.url}/api/ps`)).json();
    expect((Date.parse(models[0].expires_at) - Date.now()) / 60_000).toBeGreaterThan(59);
    const warmStart = Date.now();
    await readNdjson(await chat({ model: 'llama3.2', messages: user('x') }));
    expect(Date.now() - warmStart).toBeLessThan(200);
  });

  it('loads again when a request asks for another num_ctx than the model was loaded with', async () => {
    const scenario = defaultScenario();
    scenario.models[0]!.loadMs = 250;
    mock.setScenario(scenario);
    await (await chat({ model: 'llama3.2', messages: [], options: { num_ctx: 8192 } })).text();
    expect(mock.loaded[0]!.contextLength).toBe(8192);
    const same = await readNdjson(await chat({ model: 'llama3.2', messages: user('x'), options: { num_ctx: 8192 } }));
    expect(same.at(-1)!.load_duration).toBeLessThan(150_000_000);
    const other = await readNdjson(await chat({ model: 'llama3.2', messages: user('x') }));
    expect(other.at(-1)!.load_duration).toBeGreaterThanOrEqual(240_000_000);
    expect(mock.loaded[0]!.contextLength).toBe(4096);
  });

  it('unloads right after answering when keep_alive is 0 and keeps a negative keep_alive forever', async () => {
    await (await chat({ model: 'llama3.2', messages: user('x'), keep_alive: 0 })).text();
    expect(mock.loaded).toEqual([]);
    await (await chat({ model: 'llama3.2', messages: [], keep_alive: -1 })).text();
    expect(new Date(mock.loaded[0]!.expiresAt).getUTCFullYear()).toBeGreaterThan(2300);
  });

  it('answers /api/generate load and unload forms with a response field', async () => {
    const load = await (await post(`${mock.url}/api/generate`, { model: 'llama3.2' })).json();
    expect(load).toMatchObject({ model: 'llama3.2', response: '', done: true, done_reason: 'load' });
    const unload = await (await post(`${mock.url}/api/generate`, { model: 'llama3.2', keep_alive: 0 })).json();
    expect(unload).toMatchObject({ response: '', done: true, done_reason: 'unload' });
    expect(mock.loaded).toEqual([]);
  });

  it('streams /api/generate replies in the response field', async () => {
    const lines = await readNdjson(await post(`${mock.url}/api/generate`, { model: 'llama3.2', prompt: 'hi' }));
    expect(lines.map((l) => l.response).join('')).toBe('You said: hi');
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop', context: expect.any(Array) });
  });
});
