import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuBetween, readCpu } from './cpu.ts';
import { prepareConversation } from './proxy-bench.ts';
import { quantile, round } from './stats.ts';
import { type StreamTiming, timeStream } from './time-stream.ts';
import type { WebBenchServer } from './web-bench-server.ts';
import { LIVE_MARK, LIVE_TOKENS, MODEL, type ReadMark, readQuestion } from './web-bench-scenario.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const p99 = (values: number[]) => quantile(values, 0.99);
/** When the eight reads start, into the live answer: well after its first token, well before its end. */
const READS_AFTER_MS = 500;

type Conversation = { conversationId: string; questionId: string };
type Condition = 'quiet' | 'text' | 'html';

const regenerate = (serverUrl: string, { conversationId, questionId }: Conversation) =>
  fetch(`${serverUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ conversationId, model: MODEL, trigger: 'regenerate-message', parentId: questionId }),
  });

/** Finished `fetch_page` steps of a UI message stream, read after the fact (parsing them mid-run would load the client). */
function readSteps(body: string): { state: string; durationMs: number | null }[] {
  const steps = new Map<string, { state: string; durationMs: number | null }>();
  for (const line of body.split('\n')) {
    if (!line.startsWith('data: {"type":"data-tool"')) continue;
    const { data } = JSON.parse(line.slice(6)) as { data: { id: string; state: string; durationMs: number | null } };
    steps.set(data.id, data);
  }
  return [...steps.values()];
}

interface Run {
  live: StreamTiming;
  liveStart: number;
  /** The eight reads, from their start to the end of both turns, relative to `liveStart`. */
  window: [number, number];
  readMs: number[];
  /** CPU during the window: the server's main thread, its other threads (extraction workers, GC helpers), the machine. */
  cpu: ReturnType<typeof cpuBetween>;
  /** How late this client's own event loop ran at worst during the window, ms: the measurement's own noise. */
  clientLagMs: number;
}

/**
 * Event-loop isolation (PERFORMANCE.md §4 d): the inter-token gaps of one live answer at 100
 * tokens/s while two other turns make the server read eight 200–300 KB pages at once, against the
 * same answer with nothing else going on. A third condition reads the same eight pages as plain
 * text (their extracted text, so the model gets the same), which takes extraction out and leaves
 * the rest of those turns: what is left of the difference is the extraction's. Interleaved, the
 * order rotating every round.
 */
export async function runIsolationBench({ web, rounds }: { web: WebBenchServer; rounds: number }) {
  const { server } = web;
  const pid = server.child.pid as number;
  const live = await prepareConversation(server.url, `${LIVE_MARK} Count for me`);
  // Each reading conversation is set up (its pages read once, warming the pool) before measuring.
  const readers: Record<'text' | 'html', Conversation[]> = { text: [], html: [] };
  for (const [condition, marks] of [['html', ['READ-HTML-A', 'READ-HTML-B']], ['text', ['READ-TEXT-A', 'READ-TEXT-B']]] as const) {
    for (const mark of marks as readonly ReadMark[]) readers[condition].push(await prepareConversation(server.url, readQuestion(mark, web.reads[mark])));
  }
  await sleep(1000); // let the background titles finish

  async function run(condition: Condition): Promise<Run> {
    const liveStart = performance.now();
    const answer = timeStream(() => regenerate(server.url, live), '"type":"text-delta"');
    // A quiet answer's gaps are read afterwards over the stretch its round's loaded answers had busy.
    if (condition === 'quiet') return { live: await answer, liveStart, window: [0, 0], readMs: [], cpu: { mainMs: 0, otherMs: 0, machineBusy: 0 }, clientLagMs: 0 };
    await sleep(READS_AFTER_MS);
    const readsStart = performance.now() - liveStart;
    const cpuBefore = readCpu(pid);
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const bodies = await Promise.all(readers[condition].map(async (reader) => (await regenerate(server.url, reader)).text()));
    lag.disable();
    const cpu = cpuBetween(cpuBefore, readCpu(pid));
    const readsEnd = performance.now() - liveStart;
    const steps = bodies.flatMap(readSteps);
    const done = steps.filter((step) => step.state === 'done');
    if (done.length !== 8) throw new Error(`expected 8 pages read, got ${done.length} (${steps.map((step) => step.state).join(', ')})`);
    return {
      live: await answer,
      liveStart,
      window: [readsStart, readsEnd],
      readMs: done.map((step) => step.durationMs ?? Number.NaN),
      cpu,
      clientLagMs: lag.max / 1e6,
    };
  }

  const runs: Record<Condition, Run[]> = { quiet: [], text: [], html: [] };
  const orders: Condition[][] = [['html', 'quiet', 'text'], ['quiet', 'text', 'html'], ['text', 'html', 'quiet']];
  for (let i = 0; i < rounds; i++) {
    for (const condition of orders[i % orders.length] as Condition[]) runs[condition].push(await run(condition));
  }

  // The gaps that end inside a window of the answer; a quiet answer's over its round's loaded window.
  const gapsIn = (run: Run, [from, to]: [number, number]) =>
    run.live.gaps.filter((_, i) => {
      const end = (run.live.times[i + 1] as number) - run.liveStart;
      return end >= from && end <= to;
    });
  const during = (condition: 'text' | 'html') => runs[condition].flatMap((run) => gapsIn(run, run.window));
  const quietOver = (condition: 'text' | 'html') => runs.quiet.flatMap((run, i) => gapsIn(run, (runs[condition][i] as Run).window));
  const html = during('html');
  const text = during('text');
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const middle = (values: number[]) => quantile(values, 0.5);

  return {
    rounds,
    tokens: LIVE_TOKENS,
    readsAfterMs: READS_AFTER_MS,
    windowGaps: html.length,
    /** The headline: added p99 while eight pages are extracted. */
    addedGapP99Ms: round(p99(html) - p99(quietOver('html'))),
    htmlP99Ms: round(p99(html)),
    quietP99Ms: round(p99(quietOver('html'))),
    htmlMaxMs: round(Math.max(...html)),
    quietMaxMs: round(Math.max(...quietOver('html'))),
    /** The same turns reading the same text without extraction. */
    textAddedP99Ms: round(p99(text) - p99(quietOver('text'))),
    textP99Ms: round(p99(text)),
    readsWallP50Ms: round(middle(runs.html.map((run) => run.window[1] - run.window[0])), 0),
    textReadsWallP50Ms: round(middle(runs.text.map((run) => run.window[1] - run.window[0])), 0),
    readStepP50Ms: round(middle(runs.html.flatMap((run) => run.readMs)), 0),
    readStepMaxMs: round(Math.max(...runs.html.flatMap((run) => run.readMs)), 0),
    cpu: {
      htmlMainMsP50: round(middle(runs.html.map((run) => run.cpu.mainMs)), 0),
      htmlOtherMsP50: round(middle(runs.html.map((run) => run.cpu.otherMs)), 0),
      htmlMachineBusyP50: round(middle(runs.html.map((run) => run.cpu.machineBusy))),
      textMainMsP50: round(middle(runs.text.map((run) => run.cpu.mainMs)), 0),
      textMachineBusyP50: round(middle(runs.text.map((run) => run.cpu.machineBusy))),
    },
    clientLagMaxMs: round(Math.max(...runs.html.map((run) => run.clientLagMs), ...runs.text.map((run) => run.clientLagMs)), 1),
    longestDuringMs: sorted(html).slice(-5).map((gap) => round(gap, 1)),
  };
}
