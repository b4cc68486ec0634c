import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.ts';
import { openDatabase } from './open-database.ts';

let store: Store;

beforeEach(() => {
  store = createStore(openDatabase(':memory:'));
  store.conversations.create({ id: 'conv-0001', title: 'Pictures', model: null, createdAt: 1 });
  store.messages.insert({ id: 'msg-answer', conversationId: 'conv-0001', parentId: null, role: 'assistant', text: '', model: null, status: 'done', createdAt: 2 });
});
afterEach(() => store.db.close());

const job = (id: string, createdAt: number, variantOf: string | null = null) =>
  store.images.insertJob({
    id,
    conversationId: 'conv-0001',
    messageId: 'msg-answer',
    variantOf,
    state: 'queued',
    params: { prompt: 'a lighthouse at dusk' },
    workflow: 'sdxl',
    checkpoint: null,
    seed: null,
    promptId: null,
    createdAt,
  });

const image = (id: string, jobId: string, createdAt: number) =>
  store.images.insertImage({
    id,
    jobId,
    position: 0,
    sha256: 'a'.repeat(64),
    mediaType: 'image/png',
    width: 1024,
    height: 1024,
    sizeBytes: 1000,
    prompt: 'a lighthouse at dusk',
    negativePrompt: '',
    seed: 42,
    steps: 30,
    cfg: 7,
    workflow: 'sdxl',
    checkpoint: 'sd_xl_base_1.0.safetensors',
    durationMs: 5000,
    createdAt,
  });

describe('image store', () => {
  it('keeps a card’s variants with their message, oldest first, and each job’s images', () => {
    job('job-first1', 10);
    job('job-varnt1', 20, 'job-first1');
    image('img-00001', 'job-first1', 11);
    expect(store.images.jobsOfMessage('msg-answer').map((row) => [row.id, row.variantOf])).toEqual([
      ['job-first1', null],
      ['job-varnt1', 'job-first1'],
    ]);
    expect(store.images.imagesOfJob('job-first1')[0]).toMatchObject({ url: '/api/images/img-00001', conversationId: 'conv-0001', seed: 42 });
  });

  it('records how a job went, and finds the ones a restart left unfinished', () => {
    job('job-done01', 10);
    job('job-runs01', 11);
    store.images.updateJob('job-done01', { state: 'failed', error: { message: 'CUDA out of memory', node: '3', nodeType: 'KSampler' }, finishedAt: 30 });
    store.images.updateJob('job-runs01', { state: 'running', promptId: '3f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50' });
    expect(store.images.getJob('job-done01')?.error).toEqual({ message: 'CUDA out of memory', node: '3', nodeType: 'KSampler' });
    expect(store.images.unfinishedJobs().map((row) => row.promptId)).toEqual(['3f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50']);
  });

  it('pages the gallery newest first without skipping images made in the same millisecond', () => {
    job('job-first1', 10);
    for (const id of ['img-00001', 'img-00002', 'img-00003']) image(id, 'job-first1', 50);
    image('img-00000', 'job-first1', 40);
    const first = store.images.listImages({ limit: 2 });
    const second = store.images.listImages({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect([...first.images, ...second.images].map((row) => row.id)).toEqual(['img-00003', 'img-00002', 'img-00001', 'img-00000']);
    expect(second.nextCursor).toBeNull();
  });

  it('forgets the jobs and images of a deleted conversation', () => {
    job('job-first1', 10);
    image('img-00001', 'job-first1', 11);
    store.db.prepare('DELETE FROM conversations WHERE id = ?').run('conv-0001');
    expect(store.images.getImage('img-00001')).toBeNull();
  });
});
