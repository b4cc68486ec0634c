/**
 * The records of the vault index, one zod schema each (dates as ISO strings / epoch ms numbers).
 * Paths are vault-relative with `/` separators and keep their `.md` (`Projects/Garden.md`).
 */
import { z } from 'zod';

/** A link or embed written in a note, and the note it resolves to (the way Obsidian resolves it). */
export const noteLink = z.object({
  /**
   * The target as written, without `#heading`, `^block` or `|alias`: `Projects/Garden`, `Garden.md`;
   * '' for a link into the same note (`[[#Heading]]`). Markdown links are URL-decoded (`Some Note.md`).
   */
  target: z.string(),
  /** `[[Note#Heading]]` (nested `#A#B` joined with `#`); null without. */
  heading: z.string().nullable(),
  /** `[[Note#^block-id]]`; null without. */
  block: z.string().nullable(),
  /** `[[Note|shown text]]` (for an image embed, its size: `100x145`), or a Markdown link's text; null without. */
  alias: z.string().nullable(),
  /** `![[…]]` */
  embed: z.boolean(),
  /** Vault-relative path of the note it points at, or null when it resolves to no note (a missing note, an image). */
  resolved: z.string().nullable(),
});
export type NoteLink = z.infer<typeof noteLink>;

export const noteHeading = z.object({
  level: z.number().int().min(1).max(6),
  text: z.string(),
  /** 0-based line in the file. */
  line: z.number().int().nonnegative(),
});
export type NoteHeading = z.infer<typeof noteHeading>;

/** One note, read and parsed. */
export const noteDocument = z.object({
  path: z.string(),
  /** Stable for a path: the first 16 hex digits of sha1(path) (a rename gives a new id; the entry moves without re-embedding). */
  id: z.string(),
  /** The file name without `.md`, as Obsidian shows it; a frontmatter `title` wins. */
  title: z.string(),
  aliases: z.array(z.string()),
  /** Lower-case, without `#`, from frontmatter and inline; nested tags keep their `/`. */
  tags: z.array(z.string()),
  headings: z.array(noteHeading),
  links: z.array(noteLink),
  blockIds: z.array(z.string()),
  /**
   * The readable text: frontmatter and `%% comments %%` left out, callouts as plain text (their title
   * and lines without `> [!type]` and `>`), everything else as written (code blocks included).
   */
  body: z.string(),
  /** sha256 (hex) of the file's bytes: what change detection compares. */
  contentHash: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  /** What could not be read as intended (bad YAML, not UTF-8): indexed anyway. */
  warnings: z.array(z.string()),
});
export type NoteDocument = z.infer<typeof noteDocument>;

/** A piece of a note as it is indexed: one section (or part of a long one). */
export const chunk = z.object({
  /**
   * Deterministic: 16 hex digits of sha1(note path, heading path, n), n counting the chunks under the
   * same heading path, so an edit in one section leaves the other sections' ids alone.
   */
  id: z.string(),
  notePath: z.string(),
  noteId: z.string(),
  noteTitle: z.string(),
  aliases: z.array(z.string()),
  tags: z.array(z.string()),
  /** Headings above and of this section, outermost first; [] for the text before the first heading. */
  headingPath: z.array(z.string()),
  /** 0-based position of the chunk in its note. */
  ordinal: z.number().int().nonnegative(),
  /**
   * The section's own text, without its heading line (for snippets and answers); '' for a heading
   * with nothing under it. A later piece of a long section starts with the end of the one before.
   */
  content: z.string(),
  /**
   * What is indexed (full text and embedding): a header line (`Title › A › B (also: aliases) #tags`),
   * a blank line, then `content`.
   */
  text: z.string(),
  /** Resolved paths of the notes this chunk links to. */
  links: z.array(z.string()),
  /** The note's content hash when this chunk was made. */
  contentHash: z.string(),
});
export type Chunk = z.infer<typeof chunk>;

/** One result of a notes search, grouped per note (the best chunk of the note). */
export const searchHit = z.object({
  path: z.string(),
  noteId: z.string(),
  title: z.string(),
  /** The heading of the best chunk; null for text before any heading. */
  heading: z.string().nullable(),
  headingPath: z.array(z.string()),
  score: z.number(),
  /** A short piece of the matching text, plain. */
  snippet: z.string(),
  /** The best chunk's whole text, for answering from it. */
  content: z.string(),
  chunkId: z.string(),
  /** How it was found: full text, vector, a title/alias/heading match, a link from a better hit. */
  matchedBy: z.array(z.enum(['fts', 'vector', 'title', 'link'])),
});
export type SearchHit = z.infer<typeof searchHit>;

/** Where the index stands, for the status page, `/api/status` and `vault status`. */
export const vaultStatus = z.object({
  root: z.string(),
  /** False while the vault folder is missing, unreadable or empty (an unmounted NAS): nothing is deleted then. */
  online: z.boolean(),
  notes: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  /** Chunks that have a vector. */
  embeddedChunks: z.number().int().nonnegative(),
  embeddingModel: z.string().nullable(),
  /** False when no embedding model answered: search is full-text only meanwhile. */
  embedderAvailable: z.boolean(),
  /** `native` file events, `polling` (network mounts, VAULT_POLL), or `off` (not watching). */
  watching: z.enum(['native', 'polling', 'off']),
  syncing: z.boolean(),
  lastSyncAt: z.number().nullable(),
  /** Files changed and not yet indexed. */
  pendingChanges: z.number().int().nonnegative(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type VaultStatus = z.infer<typeof vaultStatus>;

/**
 * The embedder, injected (the package knows nothing of Ollama): one vector per text, in order, all
 * of the same length. It throws when no model can answer; the index then works full-text only.
 */
export type Embedder = (texts: string[], options: { signal?: AbortSignal }) => Promise<number[][] | Float32Array[]>;
