import type { ConversationDetail, ImageJob, ImageListResponse, StatusResponse } from '@tauceti/contracts';
import { defaultScenario as comfyScenario, type MockComfyui, startMockComfyui } from '@tauceti/mocks/comfyui';
import { defaultScenario, type MockOllama, startMockOllama } from '@tauceti/mocks/ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from './support/api.ts';
import { type RunningServer, startServer } from './support/start-server.ts';
import { collectUiStream, type UiChunk } from './support/ui-stream.ts';

let ollama: MockOllama;
let comfy: MockComfyui;
let server: RunningServer;
let client: ReturnType<typeof api>;

const MODEL = 'llama3.2:latest';
const imageParts = (chunks: UiChunk[]) => chunks.filter((chunk) => chunk.type === 'data-image').map((chunk) => chunk.data as ImageJob);
const conversationOf = (chunks: UiChunk[]) => (chunks.find((chunk) => chunk.type === 'data-conversation')?.data as { id: string }).id;

/** Polls until `check` holds (a job runs in the background after its request returned). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; last: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  ollama = await startMockOllama();
  comfy = await startMockComfyui({ scenario: { ...comfyScenario(), maxOutputPx: 128 } });
  server = await startServer({ ollamaUrl: ollama.url, env: { COMFYUI_URL: comfy.url } });
  client = api(server.url);
});
afterAll(async () => {
  await server?.stop();
  await comfy?.close();
  await ollama?.close();
});
beforeEach(() => {
  ollama.setScenario(defaultScenario());
  ollama.clearRequests();
  comfy.setScenario({ ...comfyScenario(), maxOutputPx: 128 });
  comfy.clearRequests();
});

describe('images in the conversation', () => {
  it('draws what the model asks for: Ollama unloads before ComfyUI runs, ComfyUI frees after, and the chat model comes back once', async () => {
    ollama.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'generate_image', arguments: { prompt: 'a lighthouse at dusk', seed: 42 } }] },
      { match: { stream: true, lastToolIncludes: 'Made 1 image' }, content: 'Here is your lighthouse at dusk.' },
    );
    const chunks = await collectUiStream(await client.ask('draw a lighthouse at dusk'));
    const jobs = imageParts(chunks);
    expect(jobs.at(-1)).toMatchObject({ state: 'done', seed: 42, workflow: 'sdxl', checkpoint: 'sd_xl_base_1.0.safetensors' });
    const [image] = jobs.at(-1)?.images ?? [];
    expect(image).toMatchObject({ prompt: 'a lighthouse at dusk', seed: 42 });

    // The hand-over, in order: unload the chat model, queue the prompt, free ComfyUI, answer again.
    const unload = ollama.requests.findIndex((record) => (record.body as { keep_alive?: unknown } | null)?.keep_alive === 0);
    expect(unload).toBeGreaterThanOrEqual(0);
    const unloadedAt = ollama.requests[unload]?.receivedAt ?? 0;
    const prompt = comfy.requests.find((record) => record.method === 'POST' && record.route === '/prompt');
    expect(prompt?.receivedAt).toBeGreaterThanOrEqual(unloadedAt);
    const free = comfy.requests.find((record) => record.route === '/free');
    expect(free?.receivedAt).toBeGreaterThanOrEqual(prompt?.receivedAt ?? 0);
    expect(comfy.requests.filter((record) => record.route === '/prompt' && record.method === 'POST')).toHaveLength(1);
    const answers = ollama.requests.filter((record) => record.path === '/api/chat' && ((record.body as { messages?: unknown[] } | null)?.messages?.length ?? 0) > 0);
    expect(answers).toHaveLength(2);

    // The image is served as what it is, and the stored answer keeps its card.
    const bytes = await fetch(`${server.url}${image?.url}`);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(bytes.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await bytes.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
    const thumbnail = await fetch(`${server.url}${image?.thumbnailUrl}`);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const detail = await client.conversation(conversationOf(chunks));
    const answer = detail.messages.find((message) => message.role === 'assistant');
    expect(answer?.parts.some((part) => part.type === 'image')).toBe(true);
    expect(answer?.imageJobs.map((job) => job.state)).toEqual(['done']);
  });

  it('makes an image straight from the composer in Image mode, with no language model involved', async () => {
    const chunks = await collectUiStream(await client.ask('a red bicycle in the rain', MODEL, { mode: 'image', image: { width: 512, height: 512 } }));
    expect(imageParts(chunks).at(-1)).toMatchObject({ state: 'done', params: { prompt: 'a red bicycle in the rain', width: 512 } });
    expect(ollama.requests.filter((record) => record.path === '/api/chat' && ((record.body as { messages?: unknown[] } | null)?.messages?.length ?? 0) > 0)).toHaveLength(0);
  });

  it('varies an image on the same card with a new seed, and keeps both variants in the gallery', async () => {
    const chunks = await collectUiStream(await client.ask('a tiny house in a forest', MODEL, { mode: 'image', image: { seed: 7 } }));
    const first = imageParts(chunks).at(-1) as ImageJob;
    const vary = await fetch(`${server.url}/api/images/jobs/${first.id}/vary`, { method: 'POST' });
    expect(vary.status).toBe(201);
    const variant = (await vary.json()) as ImageJob;
    const done = await until(() => client.json<ImageJob>(`/api/images/jobs/${variant.id}`), (job) => job.state === 'done', 'the variant');
    expect(done.variantOf).toBe(first.id);
    expect(done.seed).not.toBe(7);
    const detail: ConversationDetail = await client.conversation(conversationOf(chunks));
    expect(detail.messages.find((message) => message.role === 'assistant')?.imageJobs.map((job) => job.id)).toEqual([first.id, variant.id]);
    const gallery = await client.json<ImageListResponse>('/api/images?limit=200');
    const ids = gallery.images.map((image) => image.jobId);
    expect(ids).toContain(first.id);
    expect(ids).toContain(variant.id);
  });

  it('streams a job’s progress to a page that opens it later, ending with the finished job', async () => {
    comfy.setScenario({ ...comfyScenario(), maxOutputPx: 128, stepMs: 20 });
    const response = await client.ask('a slow sunrise', MODEL, { mode: 'image' });
    const reader = response.body?.getReader();
    // Read until the job is announced, as a reloaded page would find it in the stored message.
    let jobId: string | null = null;
    const decoder = new TextDecoder();
    let text = '';
    while (!jobId && reader) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      jobId = /"type":"data-image","id":"([^"]+)"/.exec(text)?.[1] ?? null;
    }
    expect(jobId).not.toBeNull();
    const events = await fetch(`${server.url}/api/images/jobs/${jobId}/events`);
    const body = await events.text();
    const jobs = [...body.matchAll(/^data: (.+)$/gm)].map((match) => JSON.parse(match[1] as string) as ImageJob);
    expect(jobs.at(-1)?.state).toBe('done');
    expect(jobs.some((job) => job.state === 'running' && (job.step ?? 0) > 0)).toBe(true);
    await reader?.cancel();
  });

  it('says which node failed when ComfyUI reports an execution error', async () => {
    comfy.setScenario({ ...comfyScenario(), faults: [{ executionError: { node: 'KSampler', oom: true } }] });
    const chunks = await collectUiStream(await client.ask('too big to fit', MODEL, { mode: 'image' }));
    expect(imageParts(chunks).at(-1)).toMatchObject({ state: 'failed', error: { nodeType: 'KSampler' } });
    expect(chunks.find((chunk) => chunk.type === 'finish')).toMatchObject({ messageMetadata: { status: 'error' } });
  });

  it('shows the image of an OpenAI-compatible answer as a Markdown image served by Tau Ceti', async () => {
    ollama.enqueueChat(
      { match: { afterTool: false }, toolCalls: [{ name: 'generate_image', arguments: { prompt: 'a paper boat' } }] },
      { match: { lastToolIncludes: 'Made 1 image' }, content: 'A paper boat, as asked.' },
    );
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused' });
    const completion = await openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'draw a paper boat' }] });
    const content = completion.choices[0]?.message.content ?? '';
    const url = /!\[a paper boat\]\((http[^)]+)\)/.exec(content)?.[1];
    expect(url).toMatch(new RegExp(`^${server.url}/api/images/`));
    expect((await fetch(url as string)).headers.get('content-type')).toBe('image/png');
  });

  it('reports ComfyUI and the GPU on the status page', async () => {
    const status = await client.json<StatusResponse>('/api/status');
    expect(status.images).toMatchObject({
      comfyui: { reachable: true, checkpoint: 'sd_xl_base_1.0.safetensors', checkpointSource: 'auto' },
      gpu: { policy: 'exclusive' },
    });
  });
});
