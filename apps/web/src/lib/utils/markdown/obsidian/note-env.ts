import type { Env } from 'markdown-it';
import type { NoteView } from '@tauceti/contracts';

/** What the Obsidian layer is given per render: the note and the server's resolution of its links. */
export interface NoteEnv extends Env {
  noteId: string;
  /** `[[target]]` as written → the note it opens (null: no such note). */
  links: ReadonlyMap<string, string | null>;
  headings: NoteView['headings'];
}
