import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeComfyui, type FakeComfyui } from './__fixtures__/fake-comfyui.ts';
import { ComfyuiError, ComfyuiUnreachableError, createComfyuiClient, type ComfyuiClient } from './index.ts';

const GRAPH = { '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'x', images: ['8', 0] } } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('createComfyuiClient', () => {
  let fake: FakeComfyui;
  let client: ComfyuiClient;

  beforeEach(async () => {
    fake = await startFakeComfyui();
    client = createComfyuiClient({ baseUrl: `${fake.url}/`, requestTimeoutMs: 300 });
  });
  afterEach(() => fake.close());

  it('gives every client its own uuid4-hex clientId and derives the WebSocket URL from the base URL', () => {
    const other = createComfyuiClient({ baseUrl: fake.url });
    expect(client.clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(other.clientId).not.toBe(client.clientId);
    expect(client.baseUrl).toBe(fake.url);
    expect(client.wsUrl).toBe(`${fake.url.replace('http', 'ws')}/ws?clientId=${client.clientId}`);
    expect(createComfyuiClient({ baseUrl: 'https://comfy.lan', clientId: 'abc' }).wsUrl).toBe('wss://comfy.lan/ws?clientId=abc');
  });

  it('queues a graph with its clientId and a prompt id made before the POST', async () => {
    const result = await client.queuePrompt(GRAPH);
    const [post] = fake.requests;
    expect(post?.body).toEqual({ prompt: GRAPH, client_id: client.clientId, prompt_id: result.promptId });
    expect(result).toEqual({ promptId: expect.stringMatching(UUID), number: 0, nodeErrors: [] });
  });

  it('sends front and extra_data only when asked, and refuses a prompt id ComfyUI would refuse', async () => {
    const promptId = crypto.randomUUID();
    await client.queuePrompt(GRAPH, { promptId, front: true, extraData: { extra_pnginfo: { workflow: {} } } });
    expect(fake.requests[0]?.body).toMatchObject({ prompt_id: promptId, front: true, extra_data: { extra_pnginfo: { workflow: {} } } });
    await expect(client.queuePrompt(GRAPH, { promptId: 'ABC' })).rejects.toThrow(/lowercase hyphenated UUID/);
  });

  it('returns the queued job without a second POST when the POST timed out but ComfyUI had queued it', async () => {
    fake.handle('POST /prompt', ({ body }) => {
      const { prompt_id } = body as { prompt_id: string };
      fake.state.pending.push([7, prompt_id, GRAPH, {}, ['9']]);
      return 'hang';
    });
    const result = await client.queuePrompt(GRAPH);
    expect(result).toEqual({ promptId: expect.stringMatching(UUID), number: 7, nodeErrors: [] });
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /prompt', 'GET /queue']);
  });

  it('finds a job that already finished in the history after the connection dropped', async () => {
    fake.handle('POST /prompt', ({ body }) => {
      const { prompt_id } = body as { prompt_id: string };
      fake.finish(prompt_id, { outputs: {} });
      return 'drop';
    });
    const result = await client.queuePrompt(GRAPH);
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /prompt', 'GET /queue', `GET /history/${result.promptId}`]);
  });

  it('sends the POST once more, with the same prompt id, when the lost one never arrived', async () => {
    let posts = 0;
    fake.handle('POST /prompt', ({ body }) => {
      posts += 1;
      if (posts === 1) return { status: 502, body: '' };
      return { json: { prompt_id: (body as { prompt_id: string }).prompt_id, number: 3, node_errors: {} } };
    });
    const result = await client.queuePrompt(GRAPH);
    const sent = fake.requests.filter((request) => request.path === '/prompt').map((request) => (request.body as { prompt_id: string }).prompt_id);
    expect(sent).toEqual([result.promptId, result.promptId]);
    expect(result.number).toBe(3);
  });

  it('fails clearly, without a third POST, when two answers in a row were lost and the job is nowhere', async () => {
    fake.handle('POST /prompt', () => ({ status: 500, body: '' }));
    const error = await client.queuePrompt(GRAPH).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ComfyuiError);
    expect((error as Error).message).toMatch(/did not take prompt .* twice: .*answered 500.*nothing was queued/);
    expect(fake.requests.filter((request) => request.path === '/prompt')).toHaveLength(2);
  });

  it('does not send again when it cannot tell whether the job was queued', async () => {
    fake.handle('POST /prompt', () => 'drop');
    fake.handle('GET /queue', () => ({ status: 500, body: '' }));
    const error = await client.queuePrompt(GRAPH).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'outcome_unknown', retryable: false });
    expect((error as Error).message).toMatch(/could not be asked whether it was queued/);
    expect(fake.requests.filter((request) => request.path === '/prompt')).toHaveLength(1);
  });

  it('names COMFYUI_URL and the URL when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await createComfyuiClient({ baseUrl: url }).queuePrompt(GRAPH).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ComfyuiUnreachableError);
    expect(error).toMatchObject({ code: 'unreachable', retryable: true });
    expect((error as Error).message).toContain(url);
    expect((error as Error).message).toContain('COMFYUI_URL');
  });

  it("rejects with the caller's AbortError, not a ComfyuiError, when the signal aborts", async () => {
    fake.handle('GET /queue', () => 'hang');
    const controller = new AbortController();
    const call = client.queue({ signal: controller.signal });
    await fake.waitForRequest((request) => request.path === '/queue');
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports a slow answer as a timeout that names the route', async () => {
    fake.handle('GET /system_stats', () => 'hang');
    await expect(client.systemStats()).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/did not answer GET \/system_stats within 0.3 s/) });
  });

  it('reads a finished prompt from the history, and null for one it does not know', async () => {
    const promptId = crypto.randomUUID();
    fake.finish(promptId, {
      outputs: { '9': { images: [{ filename: 'ComfyUI_00001_.png', subfolder: '', type: 'output' }] }, '12': { text: ['hi'] } },
      messages: [['execution_start', { prompt_id: promptId }]],
    });
    expect(await client.history(promptId)).toEqual({
      promptId,
      number: 0,
      status: 'success',
      outputs: expect.objectContaining({ '12': { text: ['hi'] } }),
      images: [{ filename: 'ComfyUI_00001_.png', subfolder: '', type: 'output' }],
      failure: null,
    });
    expect(await client.history(crypto.randomUUID())).toBeNull();
  });

  it('reads why a failed prompt failed from its history messages', async () => {
    const promptId = crypto.randomUUID();
    fake.finish(promptId, {
      status: 'error',
      messages: [['execution_error', { prompt_id: promptId, node_id: '3', node_type: 'KSampler', exception_message: 'boom', exception_type: 'RuntimeError' }]],
    });
    expect((await client.history(promptId))?.failure).toEqual({ kind: 'error', nodeId: '3', nodeType: 'KSampler', exceptionMessage: 'boom', exceptionType: 'RuntimeError' });
  });

  it('lists the queue in run order, since ComfyUI sends its pending heap unsorted', async () => {
    fake.state.running.push([1, 'a', {}, { client_id: 'me' }, ['9']]);
    fake.state.pending.push([5, 'c', {}, {}, ['9']], [-2, 'front', {}, { client_id: 'you' }, ['9']], [3, 'b', {}, {}, ['9']]);
    const queue = await client.queue();
    expect(queue.running).toEqual([{ number: 1, promptId: 'a', clientId: 'me', outputs: ['9'] }]);
    expect(queue.pending.map((entry) => entry.promptId)).toEqual(['front', 'b', 'c']);
  });

  it('sends the bodies ComfyUI expects to /queue, /interrupt and /free', async () => {
    await client.deleteFromQueue(['a', 'b']);
    await client.interrupt('a');
    await client.interrupt();
    await client.free();
    await client.free({ freeMemory: true });
    expect(fake.requests.map((request) => [request.path, request.body])).toEqual([
      ['/queue', { delete: ['a', 'b'] }],
      ['/interrupt', { prompt_id: 'a' }],
      ['/interrupt', {}],
      ['/free', { unload_models: true }],
      ['/free', { free_memory: true }],
    ]);
  });

  it('reads devices and the version from /system_stats in camelCase', async () => {
    fake.handle('GET /system_stats', () => ({
      json: {
        system: { os: 'linux', comfyui_version: '0.3.64', python_version: '3.12', pytorch_version: '2.8.0', ram_total: 10, ram_free: 5, new_field: 1 },
        devices: [{ name: 'cuda:0 NVIDIA H100', type: 'cuda', index: 0, vram_total: 85, vram_free: 84, torch_vram_total: 0, torch_vram_free: 0 }],
      },
    }));
    const stats = await client.systemStats();
    expect(stats.system.comfyuiVersion).toBe('0.3.64');
    expect(stats.devices).toEqual([{ name: 'cuda:0 NVIDIA H100', type: 'cuda', index: 0, vramTotal: 85, vramFree: 84, torchVramTotal: 0, torchVramFree: 0 }]);
  });

  it('lists checkpoints from both the V1 and the V3 combo form', async () => {
    const loader = (ckptName: unknown) => ({ json: { CheckpointLoaderSimple: { input: { required: { ckpt_name: ckptName } }, output: ['MODEL', 'CLIP', 'VAE'], name: 'CheckpointLoaderSimple' } } });
    fake.handle('GET /object_info/CheckpointLoaderSimple', () => loader([['a.ckpt', 'sd_xl.safetensors'], { tooltip: 'x' }]));
    expect(await client.checkpoints()).toEqual(['a.ckpt', 'sd_xl.safetensors']);
    fake.handle('GET /object_info/CheckpointLoaderSimple', () => loader(['COMBO', { options: ['v3.safetensors'], tooltip: 'x' }]));
    expect(await client.checkpoints()).toEqual(['v3.safetensors']);
    fake.handle('GET /object_info/CheckpointLoaderSimple', () => ({ json: {} }));
    await expect(client.checkpoints()).rejects.toThrow(/has no CheckpointLoaderSimple/);
  });

  it('fetches an image with its content type, and says which one is missing on 404', async () => {
    fake.handle('GET /view', ({ query }) =>
      query.get('filename') === 'a.png' && query.get('type') === 'output' && query.get('subfolder') === 'sub'
        ? { body: Buffer.from([137, 80, 78, 71]), headers: { 'Content-Type': 'image/png' } }
        : { status: 404, body: '' },
    );
    const image = await client.view({ filename: 'a.png', subfolder: 'sub', type: 'output' });
    expect(image).toEqual({ bytes: new Uint8Array([137, 80, 78, 71]), contentType: 'image/png' });
    await expect(client.view({ filename: 'b.png', subfolder: '', type: 'output' })).rejects.toMatchObject({ status: 404, message: expect.stringContaining("no output image 'b.png'") });
  });

  it('uploads an input image as multipart form data', async () => {
    fake.handle('POST /upload/image', async ({ raw, headers }) => {
      const form = await new Response(raw, { headers: { 'content-type': String(headers['content-type']) } }).formData();
      const file = form.get('image') as File;
      expect([file.name, file.type, form.get('type'), form.get('overwrite')]).toEqual(['photo.png', 'image/png', 'input', 'true']);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
      return { json: { name: 'photo.png', subfolder: '', type: 'input', asset: { id: 'x' } } };
    });
    expect(await client.uploadImage(new Uint8Array([1, 2, 3]), 'photo.png', { overwrite: true })).toEqual({ name: 'photo.png', subfolder: '', type: 'input' });
  });

  it('asks once more when a GET loses its connection before the answer, as after a restart', async () => {
    let calls = 0;
    fake.handle('GET /queue', () => (++calls === 1 ? 'drop' : { json: { queue_running: [], queue_pending: [] } }));
    expect(await client.queue()).toEqual({ running: [], pending: [] });
    expect(calls).toBe(2);
    fake.handle('GET /queue', () => 'drop');
    await expect(client.queue()).rejects.toMatchObject({ code: 'connection_lost', message: expect.stringMatching(/broke during GET \/queue/) });
  });

  it('explains a 403 from the origin guard', async () => {
    fake.handle('GET /queue', () => ({ status: 403, body: '' }));
    await expect(client.queue()).rejects.toThrow(/refuses cross-origin requests/);
  });
});
