import { startMockSearxng, type MockSearxng } from '@tauceti/mocks/searxng';
import { type RunningServer, startServer } from '../e2e/support/start-server.ts';
import { extractReadable } from '@tauceti/server/src/web/extract/extract-readable.ts';
import { generateCorpus } from './fixtures/article-page.ts';
import { type PageServer, startPageServer } from './fixtures/page-server.ts';
import { type RemoteMockOllama, startMockOllamaProcess } from './start-mock-ollama-process.ts';
import { type ReadMark, webBenchScenario } from './web-bench-scenario.ts';

export interface WebBenchServer {
  server: RunningServer;
  mock: RemoteMockOllama;
  searxng: MockSearxng;
  pages: PageServer;
  /** Eight HTML pages the concurrent turns read. */
  htmlUrls: string[];
  /** The same eight as plain text (their extracted text): read without extraction, for comparison. */
  textUrls: string[];
  /** What each reading turn reads, by the mark its question carries (see web-bench-scenario.ts). */
  reads: Record<ReadMark, string[]>;
  close(): Promise<void>;
}

/**
 * A second server for the benchmarks that read pages, with its web tools on: FETCH_ALLOWLIST opens
 * 127.0.0.2, where nine generated 200–300 KB pages (and eight as plain text) are served; SearXNG is mocked; the mock Ollama
 * runs in a process of its own. The main server of run.ts stays as it was, so its figures compare.
 */
export async function startWebBenchServer(): Promise<WebBenchServer> {
  const corpus = generateCorpus(9, 200_000, 300_000, 1001);
  const texts = corpus.slice(0, 8).map((page) => ({ body: extractReadable(page.html, 'http://127.0.0.2/').text, contentType: 'text/plain; charset=utf-8' }));
  const documents = [...corpus.map((page) => ({ body: page.html })), ...texts];
  const [mock, searxng, pages] = await Promise.all([startMockOllamaProcess(), startMockSearxng(), startPageServer(documents)]);
  const htmlUrls = corpus.slice(0, 8).map((_, index) => pages.pageUrl(index));
  const textUrls = texts.map((_, index) => pages.pageUrl(corpus.length + index));
  // Two turns of four pages make eight at once: fetch_page allows five calls per turn.
  const reads: Record<ReadMark, string[]> = {
    'READ-HTML-A': htmlUrls.slice(0, 4),
    'READ-HTML-B': htmlUrls.slice(4),
    'READ-TEXT-A': textUrls.slice(0, 4),
    'READ-TEXT-B': textUrls.slice(4),
    'TOOL-LOOP': [pages.pageUrl(8)],
  };
  await mock.setScenario(webBenchScenario(reads));
  const server = await startServer({ ollamaUrl: mock.url, env: { SEARXNG_URL: searxng.url, FETCH_ALLOWLIST: '127.0.0.2' } });
  return {
    server,
    mock,
    searxng,
    pages,
    htmlUrls,
    textUrls,
    reads,
    async close() {
      await server.stop();
      mock.close();
      await Promise.all([searxng.close(), pages.close()]);
    },
  };
}
