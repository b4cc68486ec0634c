import { randomUUID } from 'node:crypto';
import { defaultScenario, type MockOllama } from '@tauceti/mocks/ollama';
import { median, p95, round } from './stats.ts';
import { type StreamTiming, timeStream } from './time-stream.ts';

const MODEL = 'llama3.2:latest';
const tokens = (n: number) => Array.from({ length: n }, (_, i) => ` w${i}`);

export interface ProxyBenchOptions {
  mock: MockOllama;
  serverUrl: string;
  /** The bare Hono + AI SDK relay of reference-proxy.ts. */
  referenceUrl: string;
  runs: number;
  warmups: number;
}

/** A conversation to regenerate in: every measured turn sends the same history, as a chat turn does. */
export async function prepareConversation(serverUrl: string, text = 'Count for me'): Promise<{ conversationId: string; questionId: string }> {
  const questionId = randomUUID();
  const response = await fetch(`${serverUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, trigger: 'submit-message', parentId: null, message: { id: questionId, text, attachmentIds: [] } }),
  });
  const body = await response.text();
  const conversationId = /"type":"data-conversation","data":\{"id":"([^"]+)"/.exec(body)?.[1];
  if (!conversationId) throw new Error(`could not start the benchmark conversation: ${body.slice(0, 300)}`);
  return { conversationId, questionId };
}

export function createPaths(
  { serverUrl, mockUrl, referenceUrl }: { serverUrl: string; mockUrl: string; referenceUrl: string },
  conversation: { conversationId: string; questionId: string },
) {
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    direct: () =>
      timeStream(() => post(`${mockUrl}/api/chat`, { model: MODEL, messages: [{ role: 'user', content: 'Count for me' }], stream: true }), '"content":" w'),
    tauceti: () =>
      timeStream(
        () => post(`${serverUrl}/api/chat`, { conversationId: conversation.conversationId, model: MODEL, trigger: 'regenerate-message', parentId: conversation.questionId }),
        '"type":"text-delta"',
      ),
    reference: () => timeStream(() => post(`${referenceUrl}/api/chat`, { prompt: 'Count for me' }), '"type":"text-delta"'),
    openai: () =>
      timeStream(() => post(`${serverUrl}/v1/chat/completions`, { model: MODEL, messages: [{ role: 'user', content: 'Count for me' }], stream: true }), '"content":" w'),
  };
}

type PathName = 'direct' | 'reference' | 'tauceti' | 'openai';

/** Runs the paths interleaved (direct, ours, direct, ours…) so drift on a shared machine hits both alike. */
async function interleave(paths: Record<PathName, () => Promise<StreamTiming>>, names: PathName[], runs: number, warmups: number) {
  const results = Object.fromEntries(names.map((name) => [name, [] as StreamTiming[]])) as Record<PathName, StreamTiming[]>;
  for (let i = 0; i < warmups + runs; i++) {
    for (const name of names) {
      const timing = await paths[name]();
      if (i >= warmups) results[name].push(timing);
    }
  }
  return results;
}

export async function runProxyBench({ mock, serverUrl, referenceUrl, runs, warmups }: ProxyBenchOptions) {
  const scenario = defaultScenario();
  scenario.models = scenario.models.map((model) => ({ ...model, loaded: model.name === MODEL }));
  const script = (chunks: string[], intervalMs: number) =>
    mock.setScenario({ ...scenario, chat: [{ match: { stream: false }, content: 'Counting' }, { chunks, intervalMs }] });

  script(tokens(5), 0);
  const conversation = await prepareConversation(serverUrl);
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the background title finish
  const paths = createPaths({ serverUrl, mockUrl: mock.url, referenceUrl }, conversation);

  // Time to first token: short answers, no prefill.
  script(tokens(20), 0);
  const ttft = await interleave(paths, ['direct', 'reference', 'tauceti', 'openai'], runs * 2, warmups);
  const delta = ttft.tauceti.map((timing, i) => timing.ttftMs - (ttft.direct[i] as StreamTiming).ttftMs);
  const deltaReference = ttft.reference.map((timing, i) => timing.ttftMs - (ttft.direct[i] as StreamTiming).ttftMs);
  const deltaOpenAi = ttft.openai.map((timing, i) => timing.ttftMs - (ttft.direct[i] as StreamTiming).ttftMs);

  // Throughput at 100 tokens/s over 300 tokens.
  script(tokens(300), 10);
  const paced = await interleave(paths, ['direct', 'tauceti'], Math.max(3, Math.round(runs / 2)), 1);
  const rate = (timing: StreamTiming) => (timing.events - 1) / (timing.spanMs / 1000);
  const ratios = paced.tauceti.map((timing, i) => rate(timing) / rate(paced.direct[i] as StreamTiming));
  const addedGapP99 = (() => {
    const ours = paced.tauceti.flatMap((timing) => timing.gaps);
    const theirs = paced.direct.flatMap((timing) => timing.gaps);
    const q = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? Number.NaN;
    return q(ours) - q(theirs);
  })();

  // Bytes on the wire against answer length, as fast as the mock can send.
  const wire: { tokens: number; contentBytes: number; taucetiBytes: number; directBytes: number }[] = [];
  for (const n of [50, 500, 4000]) {
    script(tokens(n), 0);
    const contentBytes = Buffer.byteLength(tokens(n).join(''));
    const ours = await paths.tauceti();
    const theirs = await paths.direct();
    wire.push({ tokens: n, contentBytes, taucetiBytes: ours.bytes, directBytes: theirs.bytes });
  }

  return {
    ttft: {
      directP50: round(median(ttft.direct.map((t) => t.ttftMs))),
      taucetiP50: round(median(ttft.tauceti.map((t) => t.ttftMs))),
      openaiP50: round(median(ttft.openai.map((t) => t.ttftMs))),
      addedP50: round(median(delta)),
      addedP95: round(p95(delta)),
      addedOpenAiP50: round(median(deltaOpenAi)),
      addedReferenceP50: round(median(deltaReference)),
      referenceP50: round(median(ttft.reference.map((t) => t.ttftMs))),
      runs: delta.length,
    },
    throughput: {
      directTokensPerSecond: round(median(paced.direct.map(rate)), 1),
      taucetiTokensPerSecond: round(median(paced.tauceti.map(rate)), 1),
      ratioP50: round(median(ratios), 4),
      addedGapP99Ms: round(addedGapP99),
      runs: ratios.length,
    },
    wire: wire.map((row) => ({ ...row, taucetiRatio: round(row.taucetiBytes / row.contentBytes), directRatio: round(row.directBytes / row.contentBytes) })),
  };
}
