/**
 * Where a link of a note goes, from the server's resolution of its targets (`NoteView.links`): the
 * note id (only in the index's shape) and the anchor of a heading or block in it.
 */
import { NOTE_ID } from '../../safe-urls.ts';
import { headingSlug, normalizeHeading } from './note-anchors.ts';
import type { NoteEnv } from './note-env.ts';

/** The note `target` opens: this note for '' (`[[#Heading]]`), else the server's answer, loosely on case and `.md`. */
export function resolveNote(target: string, env: NoteEnv): string | null {
  const found = target === '' ? env.noteId : env.links.has(target) ? env.links.get(target) : looseLookup(target, env.links);
  return found && NOTE_ID.test(found) ? found : null;
}

function looseLookup(target: string, links: ReadonlyMap<string, string | null>): string | null {
  const key = (value: string) => value.trim().toLowerCase().replace(/\.md$/, '');
  const wanted = key(target);
  for (const [written, noteId] of links) if (key(written) === wanted) return noteId;
  return null;
}

/** The anchor in note `noteId`: a block (`^id`), or the deepest heading (the server's when it is this note's). */
export function anchorIn(noteId: string, where: { headings: readonly string[]; block: string | null }, env: NoteEnv): string | null {
  if (where.block) return `^${where.block}`;
  const heading = where.headings.at(-1);
  if (!heading) return null;
  if (noteId === env.noteId) {
    const own = env.headings.find((candidate) => normalizeHeading(candidate.text) === normalizeHeading(heading));
    if (own) return own.anchor;
  }
  return headingSlug(heading);
}
