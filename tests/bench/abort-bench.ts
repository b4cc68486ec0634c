import { randomUUID } from 'node:crypto';
import type { MockOllama } from '@tauceti/mocks/ollama';
import { median, p95, round } from './stats.ts';

/** Client disconnect → Ollama's socket closed, in ms, over `trials` stops mid-answer. */
export async function runAbortBench({ mock, serverUrl, trials }: { mock: MockOllama; serverUrl: string; trials: number }) {
  const delays: number[] = [];
  for (let i = 0; i < trials; i++) {
    const marker = `abort-trial-${randomUUID()}`;
    mock.enqueueChat({ match: { stream: true, lastUserIncludes: marker }, chunks: Array.from({ length: 500 }, (_, k) => ` a${k}`), intervalMs: 10 });
    const controller = new AbortController();
    const response = await fetch(`${serverUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3.2:latest', trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text: marker, attachmentIds: [] } }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    while ((seen.match(/text-delta/g)?.length ?? 0) < 3) seen += new TextDecoder().decode((await reader.read()).value);
    const abortedAt = Date.now();
    controller.abort();
    const upstream = await mock.waitForRequest(
      (request) => request.path === '/api/chat' && request.clientAborted && JSON.stringify(request.body).includes(marker),
      5000,
    );
    delays.push((upstream.closedAt ?? Number.NaN) - abortedAt);
  }
  return { p50Ms: round(median(delays)), p95Ms: round(p95(delays)), trials };
}
