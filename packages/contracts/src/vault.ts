import { z } from 'zod';

/**
 * The notes of the person's Obsidian vault, as the app shows them: the index's status, the
 * notes search (works without any language model), and the read-only note viewer.
 */

/** Where the vault index stands (`GET /api/vault/status`, and `vault` in `/api/status`). */
export const vaultState = z.object({
  /** The vault's name as Obsidian knows it (`VAULT_NAME`), for `obsidian://` links. */
  name: z.string(),
  /** False while the vault folder is missing, unreadable or empty (an unmounted NAS): the index is kept. */
  online: z.boolean(),
  notes: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  /** Chunks that have a vector; the rest are found by full text only. */
  embeddedChunks: z.number().int().nonnegative(),
  embeddingModel: z.string().nullable(),
  /** False when the embedding model did not answer: search is full-text only meanwhile. */
  embedderAvailable: z.boolean(),
  watching: z.enum(['native', 'polling', 'off']),
  syncing: z.boolean(),
  /** Epoch ms of the last finished sync; null before the first. */
  lastSyncAt: z.number().nullable(),
  pendingChanges: z.number().int().nonnegative(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type VaultState = z.infer<typeof vaultState>;

export const vaultStatusResponse = z.object({
  /** False when no `VAULT_PATH` is set: the notes features are off. */
  configured: z.boolean(),
  /** Null when not configured, or while the index is opening. */
  state: vaultState.nullable(),
  /** Why the notes cannot be used (not configured, the index failed to open), in words for people. */
  error: z.string().nullable(),
});
export type VaultStatusResponse = z.infer<typeof vaultStatusResponse>;

/** `GET /api/vault/search?q=&limit=` */
export const notesSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type NotesSearchQuery = z.infer<typeof notesSearchQuery>;

/** One note found, with the heading of its best passage. */
export const noteHit = z.object({
  noteId: z.string(),
  /** Vault-relative, with `.md`. */
  path: z.string(),
  title: z.string(),
  heading: z.string().nullable(),
  /** The viewer's anchor for the heading (`#anchor`); null for text before any heading. */
  anchor: z.string().nullable(),
  snippet: z.string(),
  score: z.number(),
});
export type NoteHit = z.infer<typeof noteHit>;

export const notesSearchResponse = z.object({
  results: z.array(noteHit),
  /** `full-text` while no embedding model answers. */
  mode: z.enum(['hybrid', 'full-text']),
});
export type NotesSearchResponse = z.infer<typeof notesSearchResponse>;

/** `GET /api/vault/notes/:id`: one note the index knows, for the read-only viewer. */
export const noteView = z.object({
  id: z.string(),
  path: z.string(),
  title: z.string(),
  aliases: z.array(z.string()),
  tags: z.array(z.string()),
  /** The note as written, frontmatter and `%% comments %%` left out. */
  markdown: z.string(),
  headings: z.array(z.object({ level: z.number().int(), text: z.string(), anchor: z.string() })),
  /** Every `[[link]]` target as written, and the note it opens in the viewer (null: no such note). */
  links: z.array(z.object({ target: z.string(), noteId: z.string().nullable() })),
  /** Notes that link here. */
  backlinks: z.array(z.object({ noteId: z.string(), title: z.string(), path: z.string() })),
  /** `obsidian://open?vault=…&file=…`: the same note in Obsidian. */
  obsidianUri: z.string(),
  modifiedAt: z.number(),
});
export type NoteView = z.infer<typeof noteView>;
