/**
 * `npm run bench`: what Tau Ceti adds over talking to Ollama directly, measured side by side in one
 * run against the scripted mock Ollama (PERFORMANCE.md §4 a, d, e, f), and what reading web pages
 * costs. Prints the figures and writes them to docs/benchmarks.md. Timing is never asserted in
 * tests; it is reported here.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startMockOllama } from '@tauceti/mocks/ollama';
import { hasChromium } from '../browser/support/launch-chromium.ts';
import { startServer } from '../e2e/support/start-server.ts';
import { runAbortBench } from './abort-bench.ts';
import { runExtractionBench } from './extraction-bench.ts';
import { runIdleTtftBench } from './idle-ttft-bench.ts';
import { runIsolationBench } from './isolation-bench.ts';
import { runOpenConversationBench } from './open-conversation-bench.ts';
import { runProxyBench } from './proxy-bench.ts';
import { startReferenceProxy } from './start-reference-proxy.ts';
import { readRss } from './rss.ts';
import { renderReport } from './report.ts';
import { runToolLoopBench } from './tool-loop-bench.ts';
import { startWebBenchServer } from './web-bench-server.ts';

const quick = process.argv.includes('--quick');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The benchmarks that need the web tools on, against a server of their own (web-bench-server.ts). */
async function measureReadingPages() {
  const web = await startWebBenchServer();
  try {
    const serverPid = web.server.child.pid as number;
    await sleep(2000);
    const before = readRss(serverPid);
    const rounds = quick ? 3 : 6;
    const runs = quick ? 4 : 10;
    const isolation = await runIsolationBench({ web, rounds });
    const toolLoop = await runToolLoopBench({ web, runs });
    await sleep(2000);
    const after = readRss(serverPid);
    // HTML pages extracted by this server: the set-up turns' and every measured one's.
    const extractions = 8 * (rounds + 1) + runs + 1;
    return { isolation, toolLoop, webServerRss: { beforeMb: before.rssMb, afterMb: after.rssMb, peakMb: after.peakMb, extractions } };
  } finally {
    await web.close();
  }
}

const mock = await startMockOllama();
const server = await startServer({ ollamaUrl: mock.url });
const reference = await startReferenceProxy(mock.url);
const pid = server.child.pid as number;
try {
  process.stdout.write('Idle for 10 s to read the resting memory…\n');
  await sleep(quick ? 2000 : 10_000);
  const idle = readRss(pid);

  process.stdout.write('Proxy overhead (TTFT, throughput, bytes on the wire)…\n');
  const proxy = await runProxyBench({ mock, serverUrl: server.url, referenceUrl: reference.url, runs: quick ? 10 : 30, warmups: 5 });
  process.stdout.write('Stop latency…\n');
  const abort = await runAbortBench({ mock, serverUrl: server.url, trials: quick ? 5 : 10 });
  process.stdout.write('Opening a 500-message conversation in Chromium…\n');
  const open = hasChromium ? await runOpenConversationBench({ mock, serverUrl: server.url, runs: quick ? 3 : 7 }) : null;
  await sleep(quick ? 1000 : 5000);
  const afterLoad = readRss(pid);
  process.stdout.write('First token after 3 s of quiet (/api/chat, /v1, direct)…\n');
  const idleTtft = await runIdleTtftBench({ mock, serverUrl: server.url, referenceUrl: reference.url, rounds: quick ? 3 : 8 });

  process.stdout.write('Page extraction (in-process, pooled, fetch vs extract, memory)…\n');
  const extraction = await runExtractionBench({ quick });
  process.stdout.write('A live answer while eight pages are read; the tool loop…\n');
  const reading = await measureReadingPages();

  const report = renderReport({
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    cores: cpus().length,
    idle,
    afterLoad,
    proxy,
    abort,
    open,
    idleTtft,
    extraction,
    ...reading,
  });
  process.stdout.write(`\n${report}\n`);
  writeFileSync(fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url)), report);
  process.stdout.write('Written to docs/benchmarks.md\n');
} finally {
  reference.stop();
  await server.stop();
  await mock.close();
}
