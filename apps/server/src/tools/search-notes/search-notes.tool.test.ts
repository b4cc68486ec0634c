import type { SearchHit } from '@tauceti/vault';
import { describe, expect, it } from 'vitest';
import type { VaultService } from '../../notes/vault-service.ts';
import { createTurnSources } from '../../sources/turn-sources.ts';
import type { ToolContext } from '../types.ts';
import { searchNotesTool } from './search-notes.tool.ts';

const hit = (fields: Partial<SearchHit>): SearchHit => ({
  path: 'Home/Boiler.md',
  noteId: 'n-boiler',
  title: 'Boiler',
  heading: 'Pressure',
  headingPath: ['Boiler', 'Pressure'],
  score: 1,
  snippet: 'should read 1.5 bar',
  content: 'The pressure gauge should read 1.5 bar when the system is cold.',
  chunkId: 'c1',
  matchedBy: ['fts'],
  ...fields,
});

function vaultWith(hits: SearchHit[] | Error, reason: string | null = null): VaultService {
  return {
    configured: true,
    name: 'Household',
    unavailableReason: () => reason,
    index: reason
      ? null
      : {
          search: async () => {
            if (hits instanceof Error) throw hits;
            return hits;
          },
        },
  } as unknown as VaultService;
}

const context = (): ToolContext => ({
  toolCallId: 'call_1',
  signal: new AbortController().signal,
  sources: createTurnSources(),
  maxResultChars: 8000,
  isKnownUrl: () => false,
  addKnownUrls: () => {},
  requestApproval: async () => false,
  memo: new Map(),
  images: null,
});

describe('search_notes', () => {
  it('numbers each passage found as a note source that opens the viewer at its heading', async () => {
    const ctx = context();
    const result = await searchNotesTool({ vault: vaultWith([hit({}), hit({ noteId: 'n-bins', path: 'Home/Bins.md', title: 'Bins', heading: null })]) }).execute(
      { query: 'heating pressure' },
      ctx,
    );
    expect(result.sources).toEqual([1, 2]);
    expect(result.summary).toBe('2 notes for “heating pressure”');
    expect(result.text).toContain('[1] Boiler › Pressure (Home/Boiler.md)');
    expect(result.text).toContain('untrusted data');
    expect(ctx.sources.list().map(({ kind, url, domain }) => [kind, url, domain])).toEqual([
      ['note', '/notes/n-boiler#pressure', 'Household'],
      ['note', '/notes/n-bins', 'Household'],
    ]);
  });

  it('says so when nothing matches, without failing', async () => {
    const result = await searchNotesTool({ vault: vaultWith([]) }).execute({ query: 'unicorns' }, context());
    expect(result).toMatchObject({ sources: [], summary: 'No notes for “unicorns”' });
  });

  it('is unavailable, with the reason, while the index is not open, and tells the model to answer without notes', async () => {
    const tool = searchNotesTool({ vault: vaultWith([], 'The notes index is still opening; try again in a moment.') });
    expect(tool.unavailableReason).toMatch(/still opening/);
    await expect(tool.execute({ query: 'x' }, context())).rejects.toThrow(/still opening.*Answer without the notes/);
    expect(searchNotesTool({ vault: null }).unavailableReason).toMatch(/VAULT_PATH/);
  });
});
