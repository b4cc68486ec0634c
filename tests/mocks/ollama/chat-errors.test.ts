import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOllama, type MockOllama } from './index.ts';
import { post } from './test-utils.ts';

describe('mock Ollama request validation', () => {
  let mock: MockOllama;
  beforeAll(async () => {
    mock = await startMockOllama();
  });
  afterAll(() => mock.close());

  const expectError = async (body: unknown, status: number, error: string, path = '/api/chat') => {
    const res = await post(`${mock.url}${path}`, body);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect({ status: res.status, body: await res.json() }).toEqual({ status, body: { error } });
  };
  const user = [{ role: 'user', content: 'hi' }];

  it('rejects an empty body as a missing request body', async () => {
    await expectError('', 400, 'missing request body');
    await expectError('  \n', 400, 'missing request body', '/api/embed');
  });

  it('rejects malformed JSON with Go decoder messages', async () => {
    await expectError('{"model":', 400, 'unexpected EOF');
    await expectError('{"model":"x",}', 400, "invalid character '}' looking for beginning of object key string");
    await expectError('{model:1}', 400, "invalid character 'm' looking for beginning of object key string");
    await expectError('[1 2]', 400, "invalid character '2' after array element");
    await expectError('{"a":tru}', 400, "invalid character '}' in literal true (expecting 'e')");
  });

  it('rejects a non-string message content the way Go unmarshalling does', async () => {
    await expectError(
      { model: 'llava:7b', messages: [{ role: 'user', content: [], images: ['aGk='] }] },
      400,
      'json: cannot unmarshal array into Go struct field Message.messages.content of type string',
    );
    await expectError({ model: 1 }, 400, 'json: cannot unmarshal number into Go struct field ChatRequest.model of type string');
    await expectError({ model: 'x', messages: {} }, 400, 'json: cannot unmarshal object into Go struct field ChatRequest.messages of type []api.Message');
    await expectError({ model: 'x', top_logprobs: 1.5 }, 400, 'json: cannot unmarshal number 1.5 into Go struct field ChatRequest.top_logprobs of type int');
    await expectError([], 400, 'json: cannot unmarshal array into Go value of type api.ChatRequest');
  });

  it('requires images to be base64 strings', async () => {
    await expectError({ model: 'llava:7b', messages: [{ role: 'user', content: 'x', images: ['not base64!'] }] }, 400, 'illegal base64 data at input byte 3');
    await expectError(
      { model: 'llava:7b', messages: [{ role: 'user', content: 'x', images: [{ 0: 1 }] }] },
      400,
      'json: cannot unmarshal object into Go struct field Message.messages.images of type api.ImageData',
    );
  });

  it('accepts keep_alive as seconds or a Go duration and rejects anything else', async () => {
    expect((await post(`${mock.url}/api/chat`, { model: 'llama3.2', messages: [], keep_alive: '1h30m' })).status).toBe(200);
    expect((await post(`${mock.url}/api/chat`, { model: 'llama3.2', messages: [], keep_alive: 300 })).status).toBe(200);
    await expectError({ model: 'llama3.2', messages: [], keep_alive: true }, 400, "unsupported duration type: 'bool'");
    await expectError({ model: 'llama3.2', messages: [], keep_alive: '5 minutes' }, 400, 'time: unknown unit " minutes" in duration "5 minutes"');
    await expectError({ model: 'llama3.2', messages: [], keep_alive: '10' }, 400, 'time: missing unit in duration "10"');
  });

  it('requires a model and answers 404 for an unknown one', async () => {
    await expectError({ messages: user }, 400, 'model is required');
    await expectError({ model: 'llama9', messages: user }, 404, "model 'llama9' not found");
    await expectError({ model: 'llama9', input: 'x' }, 404, "model 'llama9' not found", '/api/embed');
  });

  it('refuses chat on an embedding-only model', async () => {
    await expectError({ model: 'nomic-embed-text', messages: user }, 400, '"nomic-embed-text" does not support chat');
    await expectError({ model: 'nomic-embed-text', prompt: 'x' }, 400, '"nomic-embed-text" does not support generate', '/api/generate');
  });

  it('refuses think only when it is truthy on a model without thinking', async () => {
    await expectError({ model: 'llama3.2', messages: user, think: true }, 400, '"llama3.2" does not support thinking');
    await expectError({ model: 'llava:7b', messages: user, think: 'low' }, 400, '"llava:7b" does not support thinking');
    const accepted = await post(`${mock.url}/api/chat`, { model: 'llama3.2', messages: user, think: false, stream: false });
    expect(accepted.status).toBe(200);
    await expectError({ model: 'qwen3:4b', messages: user, think: 'extreme' }, 400, 'invalid think value: "extreme" (must be "high", "medium", "low", "max", true, or false)');
  });

  it('refuses tools on a model without the tools capability, naming it fully qualified', async () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    await expectError({ model: 'llava:7b', messages: user, tools }, 400, 'registry.ollama.ai/library/llava:7b does not support tools');
    const empty = await post(`${mock.url}/api/chat`, { model: 'llava:7b', messages: user, tools: [], stream: false });
    expect(empty.status).toBe(200);
  });

  it('checks top_logprobs range', async () => {
    await expectError({ model: 'llama3.2', messages: user, top_logprobs: 21 }, 400, 'top_logprobs must be between 0 and 20');
  });

  it('ignores unknown fields and matches known keys case-insensitively, as Go does', async () => {
    const res = await post(`${mock.url}/api/chat`, { Model: 'llama3.2', messages: user, stream: false, tool_choice: 'auto', max_output_tokens: 5 });
    expect(res.status).toBe(200);
    expect((await res.json()).message.content).toBe('You said: hi');
  });
});
