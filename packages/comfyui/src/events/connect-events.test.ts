import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeComfyui, type FakeComfyui } from '../__fixtures__/fake-comfyui.ts';
import { connectEvents, createComfyuiClient, type ComfyuiClient, type ComfyuiEvent, type ComfyuiEvents } from '../index.ts';

/** Collects events and resolves waits on them as they come. */
function recorder(events: ComfyuiEvents) {
  const seen: ComfyuiEvent[] = [];
  const waiters: { test: (event: ComfyuiEvent) => boolean; resolve: (event: ComfyuiEvent) => void }[] = [];
  events.subscribe((event) => {
    seen.push(event);
    for (const waiter of [...waiters]) {
      if (!waiter.test(event)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  });
  return {
    seen,
    next: <T extends ComfyuiEvent['type']>(type: T) =>
      new Promise<Extract<ComfyuiEvent, { type: T }>>((resolve) => waiters.push({ test: (event) => event.type === type, resolve: resolve as (event: ComfyuiEvent) => void })),
  };
}

describe('connectEvents', () => {
  let fake: FakeComfyui;
  let client: ComfyuiClient;
  let events: ComfyuiEvents | undefined;

  beforeEach(async () => {
    fake = await startFakeComfyui();
    client = createComfyuiClient({ baseUrl: fake.url });
  });
  afterEach(async () => {
    events?.close();
    await fake.close();
  });

  it('connects with its clientId and declares preview metadata in its first message', async () => {
    events = connectEvents(client);
    const socket = await fake.waitForSocket();
    expect(socket.url).toBe(`/ws?clientId=${client.clientId}`);
    expect(await socket.nextMessage()).toEqual({ type: 'feature_flags', data: { supports_preview_metadata: true } });
    await events.whenOpen();
    expect(events.isOpen).toBe(true);
  });

  it('emits typed events for text frames and previews for binary ones, skipping what it does not know', async () => {
    events = client.events();
    const log = recorder(events);
    const socket = await fake.waitForSocket();
    await events.whenOpen();
    const preview = log.next('preview');
    socket.send('progress_state', { prompt_id: 'p', nodes: {} });
    socket.sendBinary(Uint8Array.from([0, 0, 0, 3, 0, 0, 0, 1, 51, 52]));
    socket.send('progress', { value: 2, max: 20, prompt_id: 'p', node: '3' });
    socket.sendBinary(Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 2, 0x89, 0x50]));
    expect(await preview).toEqual({ type: 'preview', mime: 'image/png', bytes: new Uint8Array([0x89, 0x50]), promptId: null, nodeId: null });
    expect(log.seen.map((event) => event.type)).toEqual(['open', 'progress', 'preview']);
    expect(log.seen[1]).toEqual({ type: 'progress', promptId: 'p', node: '3', value: 2, max: 20 });
  });

  it('reconnects with the same clientId after a drop and says so', async () => {
    events = client.events({ reconnectDelayMs: 5 });
    const log = recorder(events);
    const first = await fake.waitForSocket();
    await events.whenOpen();
    const closed = log.next('closed');
    const reopened = log.next('open');
    first.terminate();
    expect(await closed).toMatchObject({ type: 'closed', reconnectInMs: 5 });
    expect(await reopened).toEqual({ type: 'open', reconnected: true });
    const second = await fake.waitForSocket();
    expect(second.url).toBe(first.url);
    expect(await second.nextMessage()).toMatchObject({ type: 'feature_flags' });
  });

  it('backs off, doubling up to its cap, while ComfyUI refuses the connection', async () => {
    fake.refuseSockets = true;
    events = client.events({ reconnectDelayMs: 1, maxReconnectDelayMs: 4 });
    const log = recorder(events);
    const delays: (number | null)[] = [];
    while (delays.length < 5) delays.push((await log.next('closed')).reconnectInMs);
    expect(delays).toEqual([1, 2, 4, 4, 4]);
    fake.refuseSockets = false;
    await events.whenOpen();
    expect(events.isOpen).toBe(true);
  });

  it('stops for good on close and rejects whoever waits for it to open', async () => {
    fake.refuseSockets = true;
    events = client.events({ reconnectDelayMs: 1000 });
    const waiting = events.whenOpen();
    events.close();
    await expect(waiting).rejects.toThrow(/closed/);
    const controller = new AbortController();
    controller.abort();
    const other = client.events();
    await expect(other.whenOpen(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    other.close();
  });
});
