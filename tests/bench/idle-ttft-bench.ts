import { defaultScenario, type MockOllama } from '@tauceti/mocks/ollama';
import { createPaths, prepareConversation } from './proxy-bench.ts';
import { median, p95, round } from './stats.ts';

const MODEL = 'llama3.2:latest';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type PathName = 'direct' | 'tauceti' | 'openai';

/**
 * Time to first token as a person meets it: every measured request comes after `idleMs` of quiet,
 * so the server's short-lived caches (the model catalog keeps 2 s) have expired, as they have
 * between two questions. The three paths take turns, the order rotating each round; the added
 * time is each path against Ollama direct in the same round.
 */
export async function runIdleTtftBench({ mock, serverUrl, referenceUrl, rounds, idleMs = 3000 }: { mock: MockOllama; serverUrl: string; referenceUrl: string; rounds: number; idleMs?: number }) {
  const scenario = defaultScenario();
  mock.setScenario({
    ...scenario,
    models: scenario.models.map((model) => ({ ...model, loaded: model.name === MODEL })),
    chat: [{ match: { stream: false }, content: 'Counting' }, { chunks: Array.from({ length: 20 }, (_, i) => ` w${i}`) }],
  });
  const conversation = await prepareConversation(serverUrl);
  const paths = createPaths({ serverUrl, mockUrl: mock.url, referenceUrl }, conversation);
  const names: PathName[] = ['direct', 'tauceti', 'openai'];
  for (const name of names) await paths[name](); // one warm-up each, without the pause

  const ttft: Record<PathName, number[]> = { direct: [], tauceti: [], openai: [] };
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length] as PathName);
    for (const name of order) {
      await sleep(idleMs);
      ttft[name].push((await paths[name]()).ttftMs);
    }
  }
  const added = (name: PathName) => ttft[name].map((ms, i) => ms - (ttft.direct[i] as number));
  return {
    rounds,
    idleMs,
    directP50: round(median(ttft.direct)),
    apiChat: { p50: round(median(added('tauceti'))), p95: round(p95(added('tauceti'))) },
    openai: { p50: round(median(added('openai'))), p95: round(p95(added('openai'))) },
  };
}
