/**
 * The floor the benchmark compares against: the smallest Hono app that relays a chat through the AI
 * SDK (`streamText` → UI message stream), with nothing of Tau Ceti's own (no storage, no checks).
 * What Tau Ceti adds on top of this is its own cost; the rest is the framework's.
 */
import { serve } from '@hono/node-server';
import { streamText } from 'ai';
import { Hono } from 'hono';
import { createOllama } from 'ollama-ai-provider-v2';

const ollama = createOllama({ baseURL: `${process.env.OLLAMA_URL}/api` });
const app = new Hono().post('/api/chat', async (c) => {
  const { prompt } = (await c.req.json()) as { prompt: string };
  const result = streamText({
    model: ollama('llama3.2:latest'),
    messages: [{ role: 'user', content: prompt }],
    abortSignal: c.req.raw.signal,
    maxRetries: 0,
  });
  return result.toUIMessageStreamResponse();
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`));
