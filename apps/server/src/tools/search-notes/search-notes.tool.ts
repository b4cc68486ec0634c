import { headingAnchor } from '@tauceti/vault';
import { z } from 'zod';
import { quoteUntrusted, untrustedLine } from '../quote-untrusted.ts';
import type { AgentTool, ToolDeps } from '../types.ts';

const RESULTS = 6;

const input = z.strictObject({
  query: z.string().trim().min(1).max(300).describe('What to look for in the notes, in plain words'),
});

/**
 * `search_notes`: the person's Obsidian vault, searched by meaning and by words; every passage
 * found is a numbered source the answer cites and the person opens in the note viewer. It takes no
 * paths or filters from the model: only a query.
 */
export function searchNotesTool({ vault }: Pick<ToolDeps, 'vault'>): AgentTool<z.infer<typeof input>> {
  return {
    label: 'Search notes',
    description:
      "Search the person's own notes (their Obsidian vault) for anything they may have written down: plans, " +
      'instructions, lists, facts about their home and life. Returns numbered passages; cite them by number like [1].',
    inputSchema: input,
    maxCallsPerTurn: 3,
    // Read on every turn: the index opens in the background after start-up.
    get unavailableReason() {
      return vault ? vault.unavailableReason() : 'Notes need a vault: set VAULT_PATH to your Obsidian vault folder.';
    },
    async execute({ query }, context) {
      const index = vault?.index;
      if (!vault || !index) throw new Error(`${vault?.unavailableReason() ?? 'No notes are set up on this server.'} Answer without the notes and say so.`);
      const hits = await index.search(query, { limit: RESULTS, signal: context.signal });
      if (hits.length === 0) {
        return { text: `No notes match "${query}". Try other words, or say that the notes do not cover it.`, summary: `No notes for “${query}”`, sources: [] };
      }
      const budget = Math.max(400, Math.floor(context.maxResultChars / hits.length) - 200);
      const lines = [`Passages from the person's notes for "${query}":`];
      const numbers: number[] = [];
      for (const hit of hits) {
        const source = context.sources.addNote({
          noteId: hit.noteId,
          title: untrustedLine(hit.title, 200),
          heading: hit.heading,
          anchor: hit.heading ? headingAnchor(hit.heading) : null,
          vaultName: vault.name,
          snippet: untrustedLine(hit.snippet),
          toolCallId: context.toolCallId,
        });
        numbers.push(source.n);
        const passage = hit.content.length > budget ? `${hit.content.slice(0, budget)}…` : hit.content;
        lines.push('', `[${source.n}] ${source.title} (${hit.path})`, quoteUntrusted(passage, `note ${source.n}`));
      }
      const notes = new Set(hits.map((hit) => hit.noteId)).size;
      return { text: lines.join('\n'), summary: `${notes} note${notes === 1 ? '' : 's'} for “${query}”`, sources: numbers };
    },
  };
}
