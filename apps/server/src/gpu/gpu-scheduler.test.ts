import { describe, expect, it } from 'vitest';
import type { GpuCard } from './gpu-card.ts';
import { createGpuScheduler, type GpuPolicy } from './gpu-scheduler.ts';

const GIB = 1024 ** 3;

/** A card whose two servers are plain state; every call is logged in order. */
function fakeCard(options: { loaded?: string[]; vramTotal?: number; comfyNeeds?: number } = {}) {
  const log: string[] = [];
  const state = { loaded: new Set(options.loaded ?? ['llama3.2']), comfyUsed: 0, freeApplied: true };
  const card: GpuCard = {
    async ollamaLoaded() {
      log.push('ps');
      return [...state.loaded].map((name) => ({ name, vramBytes: 4 * GIB }));
    },
    async unloadOllama(model) {
      log.push(`unload ${model}`);
      state.loaded.delete(model);
    },
    async comfyStats() {
      const total = options.vramTotal ?? 24 * GIB;
      return { vramTotal: total, vramFree: total - state.comfyUsed - state.loaded.size * 4 * GIB };
    },
    async freeComfy() {
      log.push('free');
      state.comfyUsed = 0;
    },
  };
  return { card, log, state };
}

function scheduler(card: GpuCard, policy: GpuPolicy = 'exclusive') {
  return createGpuScheduler({ policy, card, unloadTimeoutMs: 1000, freeTimeoutMs: 1000, idleFreeMs: 60_000, warn: () => {}, pollMs: 5 });
}

describe('the GPU scheduler', () => {
  it('unloads Ollama before an image job and frees ComfyUI after it, in that order', async () => {
    const { card, log } = fakeCard({ loaded: ['llama3.2', 'nomic-embed-text'] });
    const gpu = scheduler(card);
    const image = await gpu.acquire('image');
    expect(log).toContain('unload llama3.2');
    expect(log).toContain('unload nomic-embed-text');
    expect(log).not.toContain('free');
    log.push('image runs');
    image.release();
    const chat = await gpu.acquire('chat', { model: 'llama3.2' });
    expect(log.indexOf('unload llama3.2')).toBeLessThan(log.indexOf('image runs'));
    expect(log.indexOf('image runs')).toBeLessThan(log.indexOf('free'));
    expect(gpu.handovers).toEqual({ unloads: 1, frees: 1 });
    chat.release();
  });

  it('makes a chat that arrives during an image job wait, saying how far the image is', async () => {
    const { card } = fakeCard();
    const gpu = scheduler(card);
    const image = await gpu.acquire('image');
    const reasons: string[] = [];
    let granted = false;
    const chat = gpu.acquire('chat', { onWait: (reason) => reasons.push(reason) }).then((lease) => {
      granted = true;
      return lease;
    });
    gpu.setImageProgress('image, step 12 of 30');
    await Promise.resolve();
    expect(granted).toBe(false);
    expect(reasons).toContain('image, step 12 of 30');
    expect(gpu.describe()).toMatchObject({ holder: 'image', waiting: 1 });
    image.release();
    (await chat).release();
    expect(granted).toBe(true);
  });

  it('lets an image job start inside the chat turn that asked for it, without waiting for that turn', async () => {
    const { card, log } = fakeCard();
    const gpu = scheduler(card);
    const turn = await gpu.acquire('chat', { model: 'llama3.2' });
    const image = await gpu.acquire('image', { yielding: turn });
    expect(log).toContain('unload llama3.2');
    image.release();
    turn.release();
  });

  it('makes an image job wait for another chat turn to finish, and later chats wait behind it', async () => {
    const { card } = fakeCard();
    const gpu = scheduler(card);
    const other = await gpu.acquire('chat');
    const order: string[] = [];
    const image = gpu.acquire('image').then((lease) => (order.push('image'), lease));
    const later = gpu.acquire('chat').then((lease) => (order.push('later chat'), lease));
    await Promise.resolve();
    expect(order).toEqual([]);
    other.release();
    (await image).release();
    (await later).release();
    expect(order).toEqual(['image', 'later chat']);
  });

  it('lets an embedding batch of a running chat turn pass an image job that waits for that turn', async () => {
    const { card } = fakeCard();
    const gpu = scheduler(card);
    const turn = await gpu.acquire('chat');
    const image = gpu.acquire('image');
    const embedding = await gpu.acquire('embedding');
    embedding.release();
    turn.release();
    (await image).release();
  });

  it('keeps ComfyUI warm between image jobs that follow each other, and frees it after the last', async () => {
    const { card, log } = fakeCard();
    const gpu = scheduler(card);
    const first = await gpu.acquire('image');
    const second = gpu.acquire('image');
    first.release();
    (await second).release();
    await gpu.acquire('chat');
    expect(log.filter((line) => line === 'free')).toHaveLength(1);
    expect(gpu.handovers.unloads).toBe(1);
  });

  it('gives up waiting when the request is aborted, and the queue moves on', async () => {
    const { card } = fakeCard();
    const gpu = scheduler(card);
    const image = await gpu.acquire('image');
    const stop = new AbortController();
    const chat = gpu.acquire('chat', { signal: stop.signal });
    stop.abort(new Error('stopped'));
    await expect(chat).rejects.toThrow('stopped');
    expect(gpu.describe().waiting).toBe(0);
    image.release();
  });

  it('runs an image job beside the chat model in shared mode when ComfyUI reports room, and keeps that model usable', async () => {
    const { card, log } = fakeCard({ vramTotal: 48 * GIB });
    const gpu = scheduler(card, 'shared');
    const image = await gpu.acquire('image', { needBytes: 10 * GIB });
    expect(log.some((line) => line.startsWith('unload'))).toBe(false);
    const chat = await gpu.acquire('chat', { model: 'llama3.2' });
    chat.release();
    image.release();
    expect(log).not.toContain('free');
  });

  it('behaves as exclusive in shared mode when the card has no room for both', async () => {
    const { card, log } = fakeCard({ vramTotal: 12 * GIB });
    const gpu = scheduler(card, 'shared');
    const image = await gpu.acquire('image', { needBytes: 10 * GIB });
    expect(log).toContain('unload llama3.2');
    image.release();
    await gpu.acquire('chat', { model: 'llama3.2' });
    expect(log).toContain('free');
  });
});
