import { prepareConversation } from './proxy-bench.ts';
import { median, p95, round } from './stats.ts';
import type { WebBenchServer } from './web-bench-server.ts';
import { MODEL, readQuestion } from './web-bench-scenario.ts';

type Step = { state: string; startedAt: number; durationMs: number | null };

/**
 * The agent loop's own gap (PERFORMANCE.md §4 a): from the mock Ollama finishing a step that called
 * `fetch_page` to the server's next request, minus the tool's time, split at the tool's start and
 * end. All instants are wall-clock ms on one machine (the mock's request log, the server's step).
 */
export async function runToolLoopBench({ web, runs }: { web: WebBenchServer; runs: number }) {
  const conversation = await prepareConversation(web.server.url, readQuestion('TOOL-LOOP', web.reads['TOOL-LOOP']));
  await new Promise((resolve) => setTimeout(resolve, 500)); // the background title
  const gaps: number[] = [];
  const toStart: number[] = [];
  const afterTool: number[] = [];
  const toolMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await web.mock.clearRequests();
    const response = await fetch(`${web.server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: conversation.conversationId, model: MODEL, trigger: 'regenerate-message', parentId: conversation.questionId }),
    });
    const body = await response.text();
    const step = body
      .split('\n')
      .filter((line) => line.startsWith('data: {"type":"data-tool"'))
      .map((line) => (JSON.parse(line.slice(6)) as { data: Step }).data)
      .find((candidate) => candidate.state === 'done');
    const requests = (await web.mock.requests()).filter((request) => request.path === '/api/chat' && request.stream && request.lastUser.includes('TOOL-LOOP'));
    const [calling, next] = requests;
    if (!step || step.durationMs === null || !calling?.closedAt || next?.lastRole !== 'tool') throw new Error(`the tool-loop turn did not run as scripted: ${body.slice(0, 300)}`);
    gaps.push(next.receivedAt - calling.closedAt - step.durationMs);
    toStart.push(step.startedAt - calling.closedAt);
    afterTool.push(next.receivedAt - (step.startedAt + step.durationMs));
    toolMs.push(step.durationMs);
  }
  return {
    runs,
    p50Ms: round(median(gaps)),
    p95Ms: round(p95(gaps)),
    /** Ollama's `done` → the tool starting (the step's end and the call's handling). */
    toStartP50Ms: round(median(toStart)),
    /** The tool's result → the next request to Ollama. */
    afterToolP50Ms: round(median(afterTool)),
    toolP50Ms: round(median(toolMs), 0),
  };
}
