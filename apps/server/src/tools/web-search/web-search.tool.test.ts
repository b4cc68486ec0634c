import { describe, expect, it } from 'vitest';
import { createTurnSources } from '../../sources/turn-sources.ts';
import type { ToolContext, ToolDeps } from '../types.ts';
import { webSearchTool } from './web-search.tool.ts';

function contextFor(known: Set<string> = new Set()): ToolContext {
  return {
    toolCallId: 'call_1',
    signal: new AbortController().signal,
    sources: createTurnSources(),
    maxResultChars: 10_000,
    isKnownUrl: (url) => known.has(url),
    addKnownUrls: (urls) => {
      for (const url of urls) known.add(url);
    },
    requestApproval: async () => false,
    memo: new Map(),
    images: null,
  };
}

const hit = (n: number) => ({
  title: `Result ${n}`,
  url: `https://site${n}.example/page`,
  snippet: `Snippet ${n}\u200b about tides`,
  engine: 'duckduckgo',
  engines: ['duckduckgo'],
  publishedDate: null,
  score: null,
});
const answer = (results: ReturnType<typeof hit>[]) => ({ query: 'q', results, answers: [], suggestions: [], unresponsiveEngines: [] });

describe('web_search', () => {
  it('numbers the results as snippet sources and makes their URLs readable this turn', async () => {
    const searxng: NonNullable<ToolDeps['searxng']> = { search: async () => answer([hit(1), hit(2)]) };
    const known = new Set<string>();
    const context = contextFor(known);
    const result = await webSearchTool({ searxng }).execute({ query: 'spring tides' }, context);
    expect(result.sources).toEqual([1, 2]);
    expect(result.summary).toBe('2 results for “spring tides”');
    expect(result.text).toContain('[2] Result 2\nURL: https://site2.example/page');
    expect(result.text).not.toContain('\u200b');
    expect(context.sources.list().map((source) => source.status)).toEqual(['snippet', 'snippet']);
    expect(known.has('https://site1.example/page')).toBe(true);
  });

  it('tells the model to answer without web results when SearXNG fails', async () => {
    const searxng: NonNullable<ToolDeps['searxng']> = {
      search: async () => {
        throw new Error('SearXNG is not reachable at http://127.0.0.1:8888 (ECONNREFUSED).');
      },
    };
    await expect(webSearchTool({ searxng }).execute({ query: 'x' }, contextFor())).rejects.toThrow(
      /not reachable.*Answer without web results and say that the search failed/,
    );
  });

  it('says so when nothing matched, without failing', async () => {
    const result = await webSearchTool({ searxng: { search: async () => answer([]) } }).execute({ query: 'zzz' }, contextFor());
    expect(result).toMatchObject({ sources: [], summary: 'No results for “zzz”' });
  });
});
