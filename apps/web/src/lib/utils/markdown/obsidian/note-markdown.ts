/**
 * The note viewer's pipeline: the same safe base as chat answers (markdown-it `html: false`, strict
 * links, no foreign images) plus the Obsidian layer (wikilinks and embeds, Markdown links to notes,
 * callouts, heading anchors, tags, highlights, block ids, tasks), then the same DOMPurify. Note text is treated as untrusted: a vault
 * may hold pages clipped from the web.
 */
import type { NoteView } from '@tauceti/contracts';
import { createMarkdown } from '../create-markdown.ts';
import { sanitizeHtml } from '../sanitize.ts';
import { callouts } from './callouts.ts';
import { headingAnchors } from './heading-anchors.ts';
import { inlineMarks } from './inline-marks.ts';
import type { NoteEnv } from './note-env.ts';
import { noteFileLinks } from './note-file-links.ts';
import { taskItems } from './task-items.ts';
import { wikilinks } from './wikilinks.ts';

const md = createMarkdown().use(wikilinks).use(noteFileLinks).use(callouts).use(headingAnchors).use(inlineMarks).use(taskItems);

/** A note's Markdown → sanitized HTML, its `[[links]]` resolved with the server's `links`. */
export function renderNote(note: Pick<NoteView, 'id' | 'markdown' | 'links' | 'headings'>): string {
  const env: NoteEnv = {
    noteId: note.id,
    links: new Map(note.links.map((link) => [link.target, link.noteId])),
    headings: note.headings,
  };
  return sanitizeHtml(md.render(note.markdown, env));
}
