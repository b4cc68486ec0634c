import { z } from 'zod';
import { urlKey } from '../../sources/turn-sources.ts';
import { quoteUntrusted, untrustedLine } from '../quote-untrusted.ts';
import { type AgentTool, type ToolContext, ToolDeclinedError, type ToolDeps, type ToolResult } from '../types.ts';

const input = z.strictObject({
  url: z.string().trim().min(1).max(2048).describe('The full http(s) URL of the page to read'),
});

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
};

/**
 * `fetch_page`: reads a page (through the one safe fetcher) and gives the model its readable text
 * as a numbered `read` source. Runs on its own only for URLs the person wrote in the conversation
 * or this turn's search returned; any other URL is held until the person allows it.
 */
export function fetchPageTool({ readPage }: Pick<ToolDeps, 'readPage'>): AgentTool<z.infer<typeof input>> {
  return {
    label: 'Read page',
    description:
      'Read a web page and get its main text. Use it on URLs from web_search results or that the person gave. ' +
      'Cite what you use from it by its source number like [1].',
    inputSchema: input,
    maxCallsPerTurn: 5,
    unavailableReason: readPage ? null : 'Reading pages is switched off on this server.',
    async execute({ url }, context) {
      const key = `fetch_page:${urlKey(url)}`;
      const earlier = context.memo.get(key);
      if (earlier) {
        const { sources } = await earlier;
        return { text: `This page was already read in this answer as source [${sources[0]}]; use what it said above.`, summary: `Already read as [${sources[0]}]`, sources };
      }
      const reading = read(url, context);
      context.memo.set(key, reading);
      // A read that failed may be tried again (the person may allow it the next time).
      reading.catch(() => context.memo.delete(key));
      return reading;
    },
  };

  async function read(url: string, context: ToolContext): Promise<ToolResult> {
    if (!readPage) throw new Error('Reading pages is not available on this server: answer without it.');
    if (!context.isKnownUrl(url)) {
      const allowed = await context.requestApproval({ url, host: hostOf(url) });
      if (!allowed) {
        throw new ToolDeclinedError(
          `fetch_page refused: ${url} was neither written by the person nor found by this answer's web search, and reading it was not allowed. Answer without it.`,
        );
      }
    }
    const page = await readPage(url, { signal: context.signal });
    const title = untrustedLine(page.title || page.siteName || hostOf(page.url), 200);
    const source = context.sources.addRead({ url: page.url, title, alsoKnownAs: [url], toolCallId: context.toolCallId });
    const header = `Source [${source.n}]: ${title} (${page.url})${page.byline ? `\nBy: ${untrustedLine(page.byline, 120)}` : ''}`;
    const text = `${header}\n${quoteUntrusted(page.text, 'page text')}${page.truncated ? '\n(The page was longer; this is its beginning.)' : ''}`;
    const words = page.text.split(/\s+/).filter(Boolean).length;
    const result: ToolResult = {
      text,
      summary: `Read ${source.domain || hostOf(page.url)}: ${title} (${words.toLocaleString('en')} words${page.truncated ? ', cut' : ''})`,
      sources: [source.n],
      content: page.text,
    };
    // Reached by a redirect: the page's own URL is read too.
    context.memo.set(`fetch_page:${urlKey(page.url)}`, Promise.resolve(result));
    return result;
  }
}
