import type { TurnSources } from '../sources/turn-sources.ts';
import { quoteUntrusted, untrustedLine } from '../tools/quote-untrusted.ts';
import { selectPassages, terms } from './select-passages.ts';
import type { TurnTools } from './turn-tools.ts';

export interface WebPipelineOptions {
  /** The person's question, also the search query. */
  question: string;
  /** The question before it in the conversation: a short follow-up ("and in winter?") is searched with it. */
  previousQuestion?: string;
  /** The turn's tools; needs `web_search` and `fetch_page`. */
  tools: TurnTools;
  sources: TurnSources;
  /** Characters the sources may take in the prompt. */
  budgetChars: number;
  /** Pages read at most. @default 3 */
  maxPages?: number;
}

/** What the model answers from: numbered sources, or why there are none. */
export interface WebContext {
  /** Instructions and the quoted sources, for the system prompt. */
  prompt: string;
}

const stepId = (kind: string, index = 0) => `web-${kind}-${index}`;

/**
 * Web mode: a fixed pipeline instead of tool calls, so small local models that break multi-step
 * tool use still answer from the web. It searches, reads the best pages (distinct sites first, in
 * parallel), picks the passages that answer the question, and hands them to the model as numbered
 * sources. The browser sees the same steps as for tool calls.
 */
export async function gatherWebContext({ question, previousQuestion, tools, sources, budgetChars, maxPages = 3 }: WebPipelineOptions): Promise<WebContext> {
  const query = searchQuery(question, previousQuestion);
  try {
    await tools.run('web_search', { query }, stepId('search'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { prompt: `The web search for this question failed: ${reason}\nTell the person that the web search failed and why, then answer as well as you can without it, saying it is not from the web.` };
  }
  const found = sources.list();
  if (found.length === 0) {
    return { prompt: 'The web search found nothing for this question. Say so, then answer as well as you can, saying it is not from the web.' };
  }

  const picked: string[] = [];
  const sites = new Set<string>();
  for (const pass of [true, false]) {
    for (const source of found) {
      if (picked.length >= maxPages || picked.includes(source.url)) continue;
      if (pass && sites.has(source.domain)) continue;
      picked.push(source.url);
      sites.add(source.domain);
    }
  }
  const reads = await Promise.allSettled(picked.map((url, index) => tools.run('fetch_page', { url }, stepId('read', index + 1))));
  const pages = reads.flatMap((read) => (read.status === 'fulfilled' && read.value.content && read.value.sources[0] ? [{ n: read.value.sources[0], text: read.value.content }] : []));

  const selected = selectPassages(query, pages, budgetChars);
  const blocks: string[] = [];
  for (const source of sources.list()) {
    const passages = selected.find((entry) => entry.n === source.n);
    if (passages) {
      blocks.push(`[${source.n}] ${source.title} (${source.url})\n${quoteUntrusted(passages.text, `source ${source.n}`)}`);
    } else if (source.snippet) {
      blocks.push(`[${source.n}] ${source.title} (${source.url}) — search snippet only, the page was not read:\n${untrustedLine(source.snippet)}`);
    }
  }
  return {
    prompt: [
      'Answer the question from the web sources below. Cite every fact you take from them with its number in square brackets, like [1] or [2][3].',
      'Use only these numbers. Prefer pages that were read over snippets. If the sources do not answer the question, say so plainly.',
      '',
      ...blocks,
    ].join('\n'),
  };
}

/**
 * The question as a search query. A follow-up too short to stand alone ("and in winter?") says
 * nothing to a search engine, so it is searched together with the question it follows.
 */
export function searchQuery(question: string, previousQuestion?: string): string {
  const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
  const words = terms(question).length;
  const query = words < 4 && previousQuestion ? `${clean(previousQuestion).slice(0, 200)} ${clean(question)}` : clean(question);
  return query.slice(0, 300);
}
