import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeComfyui, type FakeComfyui, type FakeSocket } from './__fixtures__/fake-comfyui.ts';
import {
  builtinWorkflows,
  ComfyuiExecutionError,
  ComfyuiInterruptedError,
  createComfyuiClient,
  runPrompt,
  type ComfyuiClient,
  type ComfyuiEvents,
  type RunProgress,
} from './index.ts';

const GRAPH = builtinWorkflows().sdxl.graph;
const IMAGE = { filename: 'tauceti_00001_.png', subfolder: '', type: 'output' };

/** Progress as it comes, with a way to wait for a given step. */
function progressLog() {
  const seen: RunProgress[] = [];
  const waiters: { test: (progress: RunProgress) => boolean; resolve: () => void }[] = [];
  return {
    seen,
    onProgress(progress: RunProgress) {
      seen.push(progress);
      for (const waiter of [...waiters]) {
        if (waiter.test(progress)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    until(test: (progress: RunProgress) => boolean) {
      if (seen.some(test)) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ test, resolve }));
    },
  };
}

describe('runPrompt', () => {
  let fake: FakeComfyui;
  let client: ComfyuiClient;
  let events: ComfyuiEvents;
  let socket: FakeSocket;

  beforeEach(async () => {
    fake = await startFakeComfyui();
    client = createComfyuiClient({ baseUrl: fake.url });
    events = client.events({ reconnectDelayMs: 5 });
    socket = await fake.waitForSocket();
    await events.whenOpen();
  });
  afterEach(async () => {
    events.close();
    await fake.close();
  });

  /** Starts a run and waits until ComfyUI has it queued and the run has said so. */
  async function queuedRun(options: Parameters<typeof runPrompt>[3] = {}) {
    const log = progressLog();
    const run = runPrompt(client, events, GRAPH, { ...options, onProgress: log.onProgress });
    run.catch(() => {});
    const post = await fake.waitForRequest((request) => request.path === '/prompt');
    const promptId = (post.body as { prompt_id: string }).prompt_id;
    await log.until((progress) => progress.phase === 'queued');
    return { run, log, promptId };
  }

  it('follows a run through its events to the saved images', async () => {
    const { run, log, promptId } = await queuedRun();
    fake.start(promptId);
    socket.send('execution_start', { prompt_id: promptId, timestamp: 1 });
    socket.send('execution_cached', { nodes: ['4'], prompt_id: promptId });
    socket.send('executing', { node: '3', display_node: '3', prompt_id: promptId });
    socket.send('progress', { value: 1, max: 25, prompt_id: promptId, node: '3' });
    const metadata = new TextEncoder().encode(JSON.stringify({ node_id: '3', prompt_id: promptId, image_type: 'image/jpeg' }));
    socket.sendBinary(Uint8Array.from([0, 0, 0, 4, 0, 0, 0, metadata.byteLength, ...metadata, 0xff, 0xd8]));
    socket.send('executed', { node: '9', output: { images: [IMAGE, { filename: 'preview.png', subfolder: '', type: 'temp' }] }, prompt_id: promptId });
    socket.send('execution_success', { prompt_id: promptId });
    const result = await run;
    expect(result).toEqual({ promptId, images: [IMAGE], durationMs: expect.any(Number) });
    expect(log.seen).toEqual([
      { phase: 'queued', position: 0 },
      { phase: 'running', node: null, nodeType: null },
      { phase: 'running', node: '3', nodeType: 'KSampler' },
      { phase: 'running', node: '3', nodeType: 'KSampler', step: 1, steps: 25 },
      { phase: 'preview', mime: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8]) },
    ]);
    expect(fake.requests.filter((request) => request.path.startsWith('/history'))).toEqual([]);
  });

  it("ignores other prompts' events and updates its place as the queue moves", async () => {
    fake.state.running.push([0, 'someone-else', {}, {}, ['9']]);
    fake.state.pending.push([1, 'also-ahead', {}, {}, ['9']]);
    fake.state.nextNumber = 2;
    const { run, log, promptId } = await queuedRun();
    expect(log.seen).toEqual([{ phase: 'queued', position: 2 }]);
    socket.send('progress', { value: 5, max: 20, prompt_id: 'someone-else', node: '3' });
    fake.state.running = [];
    fake.start('also-ahead');
    socket.send('status', { status: { exec_info: { queue_remaining: 2 } } });
    await log.until((progress) => progress.phase === 'queued' && progress.position === 1);
    fake.finish(promptId, { outputs: { '9': { images: [IMAGE] } } });
    socket.send('executing', { node: null, prompt_id: promptId });
    expect((await run).images).toEqual([IMAGE]);
    expect(log.seen.filter((progress) => progress.phase === 'running')).toEqual([]);
  });

  it('reads the images from the history when the WebSocket dropped and stays down', async () => {
    const { run, promptId } = await queuedRun({ pollIntervalMs: 10 });
    fake.refuseSockets = true;
    fake.start(promptId);
    socket.terminate();
    const polled = fake.requests.length;
    await fake.waitForRequest((request) => request.path === '/queue' && fake.requests.indexOf(request) >= polled);
    fake.finish(promptId, { outputs: { '9': { images: [IMAGE] } } });
    expect((await run).images).toEqual([IMAGE]);
    expect(fake.requests.some((request) => request.path === `/history/${promptId}`)).toBe(true);
  });

  it('asks the history for the images when it missed the executed events during a reconnect', async () => {
    const { run, promptId } = await queuedRun();
    fake.start(promptId);
    socket.terminate();
    const second = await fake.waitForSocket();
    fake.finish(promptId, { outputs: { '9': { images: [IMAGE] } } });
    second.send('execution_success', { prompt_id: promptId });
    expect((await run).images).toEqual([IMAGE]);
  });

  it('fails with where and why ComfyUI failed', async () => {
    const { run, promptId } = await queuedRun();
    socket.send('execution_error', {
      prompt_id: promptId,
      node_id: '3',
      node_type: 'KSampler',
      exception_message: 'CUDA out of memory. Tried to allocate 2.00 GiB',
      exception_type: 'torch.OutOfMemoryError',
      traceback: [],
    });
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ComfyuiExecutionError);
    expect(error).toMatchObject({ promptId, nodeId: '3', nodeType: 'KSampler', exceptionType: 'torch.OutOfMemoryError', retryable: true });
    expect((error as Error).message).toBe('ComfyUI failed in KSampler (node 3): CUDA out of memory. Tried to allocate 2.00 GiB');
  });

  it('fails with ComfyuiInterruptedError when someone else interrupts it', async () => {
    const { run, promptId } = await queuedRun();
    socket.send('execution_interrupted', { prompt_id: promptId, node_id: '3', node_type: 'KSampler', executed: [] });
    await expect(run).rejects.toBeInstanceOf(ComfyuiInterruptedError);
  });

  it('interrupts the job in ComfyUI when aborted while it runs, then rejects with the AbortError', async () => {
    const controller = new AbortController();
    const { run, log, promptId } = await queuedRun({ signal: controller.signal });
    fake.start(promptId);
    socket.send('execution_start', { prompt_id: promptId });
    await log.until((progress) => progress.phase === 'running');
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const interrupt = await fake.waitForRequest((request) => request.path === '/interrupt');
    expect(interrupt.body).toEqual({ prompt_id: promptId });
    expect(fake.requests.some((request) => request.method === 'POST' && request.path === '/queue')).toBe(false);
  });

  it('takes the job out of the queue when aborted while it waits', async () => {
    const controller = new AbortController();
    const { run, promptId } = await queuedRun({ signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const removal = await fake.waitForRequest((request) => request.method === 'POST' && request.path === '/queue');
    expect(removal.body).toEqual({ delete: [promptId] });
    expect(fake.state.pending).toEqual([]);
    expect(fake.requests.some((request) => request.path === '/interrupt')).toBe(false);
  });

  it('stops a job the POST was still queueing when aborted, and rejects with the AbortError', async () => {
    fake.handle('POST /prompt', ({ body }) => {
      const { prompt_id } = body as { prompt_id: string };
      fake.state.pending.push([0, prompt_id, {}, {}, ['9']]);
      return 'hang';
    });
    const controller = new AbortController();
    const run = runPrompt(client, events, GRAPH, { signal: controller.signal });
    await fake.waitForRequest((request) => request.path === '/prompt');
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.state.pending).toEqual([]);
  });

  it('interrupts the job and names the setting when it runs past its time limit', async () => {
    // Queued straight into the running slot, so that it runs whenever the time limit strikes.
    fake.handle('POST /prompt', ({ body }) => {
      const { prompt_id } = body as { prompt_id: string };
      fake.state.running.push([0, prompt_id, {}, {}, ['9']]);
      return { json: { prompt_id, number: 0, node_errors: {} } };
    });
    const error = await runPrompt(client, events, GRAPH, { timeoutMs: 100, timeoutSettingName: 'COMFYUI_TIMEOUT_MS' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'run_timeout' });
    expect((error as Error).message).toMatch(/did not finish prompt .* within 0.1 s \(COMFYUI_TIMEOUT_MS\); it was interrupted\. .*raise COMFYUI_TIMEOUT_MS/);
    expect(fake.requests.some((request) => request.path === '/interrupt')).toBe(true);
  });

  it('fails when ComfyUI no longer knows the job, as after a restart that lost its queue', async () => {
    const { run } = await queuedRun({ stallTimeoutMs: 20 });
    fake.state.pending = [];
    await expect(run).rejects.toMatchObject({ code: 'lost', message: expect.stringMatching(/no longer knows prompt/) });
  });

  it('reports the failure the history records when it finished while the socket was away', async () => {
    const { run, promptId } = await queuedRun({ pollIntervalMs: 10 });
    fake.refuseSockets = true;
    socket.terminate();
    fake.finish(promptId, {
      status: 'error',
      messages: [['execution_error', { prompt_id: promptId, node_id: '8', node_type: 'VAEDecode', exception_message: 'boom', exception_type: 'RuntimeError' }]],
    });
    await expect(run).rejects.toThrow('ComfyUI failed in VAEDecode (node 8): boom');
  });
});
