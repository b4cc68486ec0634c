import { z } from 'zod';
import type { AgentTool, ToolDeps } from '../types.ts';
import { untrustedLine } from '../quote-untrusted.ts';

const RESULTS = 6;

const input = z.strictObject({
  query: z.string().trim().min(1).max(300).describe('What to search for, as a person would type it into a search engine'),
});

/** `web_search`: SearXNG results as numbered snippet sources the answer may cite. */
export function webSearchTool({ searxng }: Pick<ToolDeps, 'searxng'>): AgentTool<z.infer<typeof input>> {
  return {
    label: 'Web search',
    description:
      'Search the web for current facts, news or anything you are unsure of. Returns numbered results with a short snippet each; ' +
      'read the most promising pages with fetch_page before relying on them, and cite sources by their number like [1].',
    inputSchema: input,
    maxCallsPerTurn: 3,
    unavailableReason: searxng ? null : 'Web search needs SearXNG: set SEARXNG_URL to its address (with JSON output enabled).',
    async execute({ query }, context) {
      if (!searxng) throw new Error('Web search is not set up on this server (no SEARXNG_URL): answer without web results and say so.');
      let response;
      try {
        response = await searxng.search({ query, limit: RESULTS, signal: context.signal });
      } catch (error) {
        if (context.signal.aborted) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${reason} Answer without web results and say that the search failed.`);
      }
      const results = response.results.slice(0, RESULTS);
      if (results.length === 0) {
        return { text: `No results for "${query}". Try other words, or answer without web results and say so.`, summary: `No results for “${query}”`, sources: [] };
      }
      context.addKnownUrls(results.map((result) => result.url));
      const lines = [`Search results for "${query}" (snippets only: read a page with fetch_page before relying on it):`];
      const numbers: number[] = [];
      for (const result of results) {
        const source = context.sources.addSnippet({
          url: result.url,
          title: untrustedLine(result.title, 200),
          snippet: untrustedLine(result.snippet),
          toolCallId: context.toolCallId,
        });
        numbers.push(source.n);
        lines.push('', `[${source.n}] ${source.title}`, `URL: ${result.url}`);
        if (result.publishedDate) lines.push(`Date: ${result.publishedDate.slice(0, 10)}`);
        if (source.snippet) lines.push(`Snippet: ${source.snippet}`);
      }
      return { text: lines.join('\n'), summary: `${results.length} result${results.length === 1 ? '' : 's'} for “${query}”`, sources: numbers };
    },
  };
}
