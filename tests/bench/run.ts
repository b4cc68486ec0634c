/**
 * `npm run bench`: what Tau Ceti adds over talking to Ollama directly, measured side by side in one
 * run against the scripted mock Ollama (PERFORMANCE.md §4 a, e, f). Prints the figures and writes
 * them to docs/benchmarks.md. Timing is never asserted in tests; it is reported here.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startMockOllama } from '@tauceti/mocks/ollama';
import { hasChromium } from '../browser/support/launch-chromium.ts';
import { startServer } from '../e2e/support/start-server.ts';
import { runAbortBench } from './abort-bench.ts';
import { runOpenConversationBench } from './open-conversation-bench.ts';
import { runProxyBench } from './proxy-bench.ts';
import { startReferenceProxy } from './start-reference-proxy.ts';
import { readRss } from './rss.ts';
import { renderReport } from './report.ts';

const quick = process.argv.includes('--quick');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  const report = renderReport({
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    idle,
    afterLoad,
    proxy,
    abort,
    open,
  });
  process.stdout.write(`\n${report}\n`);
  writeFileSync(fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url)), report);
  process.stdout.write('Written to docs/benchmarks.md\n');
} finally {
  reference.stop();
  await server.stop();
  await mock.close();
}
