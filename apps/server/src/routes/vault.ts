import { type NoteView, notesSearchQuery, type NotesSearchResponse, type VaultStatusResponse } from '@tauceti/contracts';
import { headingAnchor, obsidianUri } from '@tauceti/vault';
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../http/errors.ts';
import { readQuery } from '../http/read-json.ts';

type VaultDeps = Pick<Deps, 'vault'>;

/**
 * The notes: the index's status, the notes search (no language model needed), and the read-only
 * viewer. A note is served only by the id the index gave it: no path from a request ever reaches
 * the file system.
 */
export function vaultRoutes({ vault }: VaultDeps) {
  const openIndex = () => {
    const index = vault.index;
    if (!index) throw new AppError('unavailable', 503, vault.unavailableReason() ?? 'The notes index is not open.');
    return index;
  };

  return new Hono()
    .get('/api/vault/status', (c) => {
      const state = vault.state();
      const body: VaultStatusResponse = { configured: vault.configured, state, error: state ? null : vault.unavailableReason() };
      return c.json(body);
    })
    .get('/api/vault/search', async (c) => {
      const { q, limit } = readQuery(c, notesSearchQuery);
      const index = openIndex();
      const hits = await index.search(q, { limit, signal: c.req.raw.signal });
      const body: NotesSearchResponse = {
        results: hits.map((hit) => ({
          noteId: hit.noteId,
          path: hit.path,
          title: hit.title,
          heading: hit.heading,
          anchor: hit.heading ? headingAnchor(hit.heading) : null,
          snippet: hit.snippet,
          score: hit.score,
        })),
        mode: index.status().embedderAvailable ? 'hybrid' : 'full-text',
      };
      return c.json(body);
    })
    .get('/api/vault/notes/:id', async (c) => {
      const index = openIndex();
      const found = await index.note(c.req.param('id'));
      if (!found) throw notFound('The note');
      const { document, markdown } = found;
      const targets = new Map<string, string | null>();
      for (const link of document.links) {
        if (!targets.has(link.target)) targets.set(link.target, index.notePathOf(link.target, document.path)?.noteId ?? null);
      }
      const body: NoteView = {
        id: document.id,
        path: document.path,
        title: document.title,
        aliases: document.aliases,
        tags: document.tags,
        markdown,
        headings: document.headings.map((heading) => ({ level: heading.level, text: heading.text, anchor: headingAnchor(heading.text) })),
        links: [...targets].map(([target, noteId]) => ({ target, noteId })),
        backlinks: index.backlinks(document.path),
        obsidianUri: obsidianUri(vault.name, document.path),
        modifiedAt: document.mtimeMs,
      };
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    });
}
