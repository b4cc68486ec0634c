import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { connect, get, queuePrompt } from './test-utils.ts';

describe('mock ComfyUI happy path', () => {
  let mock: MockComfyui;

  beforeAll(async () => {
    mock = await startMockComfyui();
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.setScenario({ ...defaultScenario(), stepMs: 1 });
    mock.clearRequests();
  });

  it('greets a new socket with status and its sid, a fresh uuid hex without clientId', async () => {
    const named = await connect(mock.wsUrl, { clientId: 'tester-1' });
    const anonymous = await connect(mock.wsUrl);
    const greeting = await named.waitForJson('status');
    expect(greeting).toEqual({ status: { exec_info: { queue_remaining: 0 } }, sid: 'tester-1' });
    expect((await anonymous.waitForJson('status')).sid).toMatch(/^[0-9a-f]{32}$/);
    await Promise.all([named.close(), anonymous.close()]);
  });

  it('runs the default graph with the events in ComfyUI order and node order 4 5 7 6 3 8 9', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'order' });
    await socket.waitForJson('status');
    const { prompt_id: promptId, number, node_errors } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 3 }), client_id: 'order' });
    expect(promptId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(typeof number).toBe('number');
    expect(node_errors).toEqual({});
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);

    const types = socket.json.slice(1).map(({ type, data }) => (type === 'executing' ? `executing:${data.node}` : type));
    const withoutProgressState = types.filter((type) => type !== 'progress_state');
    expect(withoutProgressState).toEqual([
      'status',
      'status',
      'execution_start',
      'execution_cached',
      'executing:4',
      'executing:5',
      'executing:7',
      'executing:6',
      'executing:3',
      'progress',
      'progress',
      'progress',
      'executing:8',
      'executing:9',
      'executed',
      'execution_success',
      'status',
      'executing:null',
    ]);
    const progress = socket.json.filter(({ type }) => type === 'progress').map(({ data }) => data);
    expect(progress).toEqual([1, 2, 3].map((value) => ({ value, max: 3, prompt_id: promptId, node: '3' })));
    const executed = socket.json.find(({ type }) => type === 'executed')!.data;
    expect(executed).toEqual({ node: '9', display_node: '9', output: { images: [{ filename: expect.stringMatching(/^ComfyUI_\d{5}_\.png$/), subfolder: '', type: 'output' }] }, prompt_id: promptId });
    await socket.close();
  });

  it('sends progress_state before each progress, with the node running and its value', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'state' });
    const graph = textToImageWorkflow({ steps: 2, positive: 'progress state' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: graph, client_id: 'state' });
    await socket.waitForJson('executing', (data) => data.node === null);
    const index = socket.json.findIndex(({ type }) => type === 'progress');
    const before = socket.json[index - 1]!;
    expect(before.type).toBe('progress_state');
    expect(before.data.nodes['3']).toEqual({
      value: 1,
      max: 2,
      state: 'running',
      node_id: '3',
      prompt_id: promptId,
      display_node_id: '3',
      parent_node_id: null,
      real_node_id: '3',
    });
    // Nodes answered from the cache are never staged, so they never show up.
    expect(Object.keys(before.data.nodes).sort()).toEqual(['3', '6']);
    expect(before.data.nodes['6'].state).toBe('finished');
    await socket.close();
  });

  it('saves a real PNG of the latent size, numbered on from the last file, and serves it by /view', async () => {
    const first = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ width: 320, height: 200, filenamePrefix: 'sized', seed: 1 }) });
    const second = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ width: 320, height: 200, filenamePrefix: 'sized', seed: 2, batchSize: 2 }) });
    await mock.waitForPrompt(first.prompt_id);
    const entry = await mock.waitForPrompt(second.prompt_id);
    expect(entry.outputs['9'].images.map((image: { filename: string }) => image.filename)).toEqual(['sized_00002_.png', 'sized_00003_.png']);
    const res = await get(`${mock.url}/view?filename=sized_00002_.png&subfolder=&type=output`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('filename="sized_00002_.png"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([320, 200]);
    expect(bytes.includes(Buffer.from('tEXtprompt'))).toBe(true);
  });

  it('renders the same pixels for the same seed and prompt, and others for another seed', async () => {
    const run = async (seed: number, prefix: string) => {
      const { prompt_id } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ seed, width: 64, height: 64, filenamePrefix: prefix }) });
      const entry = await mock.waitForPrompt(prompt_id);
      const name = entry.outputs['9'].images[0].filename;
      // Compare pixels: the PNG's tEXt `prompt` chunk differs with the prefix.
      return sharp(mock.files('output').find((file) => file.filename === name)!.bytes).raw().toBuffer();
    };
    const a = await run(7, 'same-a');
    const b = await run(7, 'same-b');
    const c = await run(8, 'same-c');
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('writes a history entry of the §2.3 shape with status messages and meta', async () => {
    const { prompt_id: promptId, number } = await queuePrompt(mock.url, { prompt: textToImageWorkflow(), client_id: 'hist', extra_data: { extra_pnginfo: { workflow: { id: 'w1' } } } });
    await mock.waitForPrompt(promptId);
    const body = await (await get(`${mock.url}/api/history/${promptId}`)).json();
    const entry = body[promptId];
    expect(Object.keys(entry)).toEqual(['prompt', 'outputs', 'status', 'meta']);
    expect(entry.prompt[0]).toBe(number);
    expect(entry.prompt[1]).toBe(promptId);
    expect(entry.prompt[3]).toMatchObject({ client_id: 'hist', extra_pnginfo: { workflow: { id: 'w1' } }, create_time: expect.any(Number) });
    expect(entry.prompt[4]).toEqual(['9']);
    expect(entry.status.status_str).toBe('success');
    expect(entry.status.completed).toBe(true);
    expect(entry.status.messages.map(([event]: [string]) => event)).toEqual(['execution_start', 'execution_cached', 'execution_success']);
    expect(entry.meta).toEqual({ '9': { node_id: '9', display_node: '9', parent_node: null, real_node_id: '9' } });
  });

  it('answers JSON as Python writes it: spaced separators and floats kept as floats', async () => {
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ cfg: 8 }) });
    await mock.waitForPrompt(promptId);
    const text = await (await get(`${mock.url}/history/${promptId}`)).text();
    expect(text).toContain('"cfg": 8.0');
    expect(text).toContain('"denoise": 1.0');
    expect(text).toContain('"steps": 20,');
  });

  it('caches the loader, text encoders and latent when only the seed changes', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'cache' });
    const first = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ seed: 100, positive: 'cache me' }), client_id: 'cache' });
    await mock.waitForPrompt(first.prompt_id);
    const second = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ seed: 101, positive: 'cache me' }), client_id: 'cache' });
    const cached = await socket.waitForJson('execution_cached', (data) => data.prompt_id === second.prompt_id);
    expect(cached.nodes).toEqual(['4', '5', '6', '7']);
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === second.prompt_id);
    const executing = socket.json.filter(({ type, data }) => type === 'executing' && data.prompt_id === second.prompt_id && data.node).map(({ data }) => data.node);
    expect(executing).toEqual(['3', '8', '9']);
    await socket.close();
  });
});
