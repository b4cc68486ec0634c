import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOllama, type MockOllama } from './index.ts';
import { post } from './test-utils.ts';

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(cosine(v, v));

describe('mock Ollama /api/embed', () => {
  let mock: MockOllama;
  const embed = async (body: Record<string, unknown>) => {
    const res = await post(`${mock.url}/api/embed`, { model: 'nomic-embed-text', ...body });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    mock = await startMockOllama();
  });
  afterAll(() => mock.close());

  it('always returns an array of arrays, for a string or a list of strings', async () => {
    const single = await embed({ input: 'Why is the sky blue?' });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ model: 'nomic-embed-text', prompt_eval_count: expect.any(Number) });
    expect(Number.isInteger(single.body.total_duration) && Number.isInteger(single.body.load_duration)).toBe(true);
    expect(single.body.embeddings).toHaveLength(1);
    expect(single.body.embeddings[0]).toHaveLength(768);
    const many = await embed({ input: ['a', 'bb'] });
    expect(many.body.embeddings).toHaveLength(2);
  });

  it('returns deterministic, L2-normalised vectors', async () => {
    const first = (await embed({ input: ['same text'] })).body.embeddings[0];
    const second = (await embed({ input: 'same text' })).body.embeddings[0];
    expect(second).toEqual(first);
    expect(norm(first)).toBeCloseTo(1, 5);
  });

  it('puts texts that share words closer than unrelated ones', async () => {
    const [query, related, unrelated] = (await embed({ input: ['sourdough bread recipe', 'my sourdough bread notes', 'tax return deadline'] })).body.embeddings;
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.3);
  });

  it('gives an empty list for empty input', async () => {
    expect((await embed({ input: [] })).body).toEqual({ model: 'nomic-embed-text', embeddings: [] });
    expect((await embed({ input: '' })).body).toEqual({ model: 'nomic-embed-text', embeddings: [] });
  });

  it('rejects input that is neither a string nor a list of strings', async () => {
    expect(await embed({ input: 42 })).toEqual({ status: 400, body: { error: 'invalid input type' } });
    expect(await embed({ input: ['ok', 1] })).toEqual({ status: 400, body: { error: 'invalid input type' } });
  });

  it('truncates to dimensions and renormalises', async () => {
    const { embeddings } = (await embed({ input: 'x', dimensions: 64 })).body;
    expect(embeddings[0]).toHaveLength(64);
    expect(norm(embeddings[0])).toBeCloseTo(1, 5);
  });

  it('loads the model it embeds with, honouring keep_alive', async () => {
    await embed({ input: 'x', keep_alive: '10m' });
    expect(mock.loaded.map((m) => m.name)).toContain('nomic-embed-text:latest');
    await embed({ input: [], keep_alive: 0 });
    expect(mock.loaded.map((m) => m.name)).not.toContain('nomic-embed-text:latest');
  });

  it('answers the legacy /api/embeddings with a single embedding', async () => {
    const res = await post(`${mock.url}/api/embeddings`, { model: 'nomic-embed-text', prompt: 'hello' });
    const body = await res.json();
    expect(body.embedding).toHaveLength(768);
    const missing = await post(`${mock.url}/api/embeddings`, { model: 'nope', prompt: 'hello' });
    expect([missing.status, await missing.json()]).toEqual([404, { error: 'model "nope" not found, try pulling it first' }]);
  });
});
