import matter from 'gray-matter';
import { z } from 'zod';
import { normalizeTag } from './find-tags.ts';

/**
 * Frontmatter: YAML (or JSON, which is YAML too) between `---` lines at the very start of a note.
 * The block is found here, by Obsidian's rule (an opening `---` on the first line and a closing
 * `---` line), and only its text goes to gray-matter's YAML engine (js-yaml's safe loader): calling
 * `matter()` on the note itself would `eval` a `---js` block and cache every note's text globally.
 */
export interface Frontmatter {
  /** The properties; {} when there are none or they could not be read. */
  data: Record<string, unknown>;
  /** How many lines the block takes, delimiters included (0 without one): the body starts there. */
  lineCount: number;
  /** Why the block was ignored, when it was. */
  warning: string | null;
}

const parseYaml = (matter as unknown as { engines: { yaml: { parse: (text: string) => unknown } } }).engines.yaml
  .parse;
const mapping = z.record(z.string(), z.unknown());
const DELIMITER = /^---[ \t]*$/;

/** Finds and parses the frontmatter block at the start of a note's lines. Never throws. */
export function parseFrontmatter(lines: readonly string[]): Frontmatter {
  if (lines.length < 2 || !DELIMITER.test(lines[0] ?? '')) return { data: {}, lineCount: 0, warning: null };
  const close = lines.findIndex((line, index) => index > 0 && DELIMITER.test(line));
  // Without a closing line the `---` is a thematic break, and the note has no frontmatter.
  if (close === -1) return { data: {}, lineCount: 0, warning: null };
  const lineCount = close + 1;
  let parsed: unknown;
  try {
    parsed = parseYaml(lines.slice(1, close).join('\n'));
  } catch (error) {
    const warning = `Frontmatter is not valid YAML (${yamlProblem(error)}): indexed without it`;
    return { data: {}, lineCount, warning };
  }
  if (parsed === null || parsed === undefined) return { data: {}, lineCount, warning: null };
  const result = mapping.safeParse(parsed);
  if (!result.success || Array.isArray(parsed)) {
    return { data: {}, lineCount, warning: 'Frontmatter is not a list of properties: indexed without it' };
  }
  return { data: result.data, lineCount, warning: null };
}

const yamlError = z.object({ reason: z.string(), mark: z.object({ line: z.number() }).optional() });

/** js-yaml's reason and the line in the file (its own count starts after the opening `---`). */
function yamlProblem(error: unknown): string {
  const parsed = yamlError.safeParse(error);
  if (!parsed.success) return error instanceof Error ? (error.message.split('\n')[0] ?? 'unreadable') : 'unreadable';
  const { reason, mark } = parsed.data;
  return mark ? `${reason}, line ${mark.line + 2}` : reason;
}

/** The properties the index reads. */
export interface NoteProperties {
  /** `title`, when it is text (or a number). */
  readonly title: string | null;
  /** `aliases` (or the pre-1.4 `alias`): a list, or one text (comma-separated, as older Obsidian wrote). */
  readonly aliases: readonly string[];
  /** `tags` (or `tag`): a list, or one text split at commas and spaces; lower-case, no `#`. */
  readonly tags: readonly string[];
  /** Every text value (and text in lists), where links may be written: `related: "[[Other]]"`. */
  readonly texts: readonly string[];
}

const NO_PROPERTIES: NoteProperties = { title: null, aliases: [], tags: [], texts: [] };

/** Title, aliases, tags and text values from parsed frontmatter; missing or odd values are skipped. */
export function noteProperties(data: Record<string, unknown>): NoteProperties {
  const values = Object.values(data);
  if (values.length === 0) return NO_PROPERTIES;
  const title = data['title'];
  const rawAliases = data['aliases'] ?? data['alias'];
  const aliases = (typeof rawAliases === 'string' ? rawAliases.split(',') : texts(rawAliases))
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');
  const tags = texts(data['tags'] ?? data['tag'])
    .flatMap((text) => text.split(/[,\s]+/))
    .flatMap((tag) => normalizeTag(tag) ?? []);
  return {
    title: typeof title === 'string' || typeof title === 'number' ? String(title).trim() || null : null,
    aliases: [...new Set(aliases)],
    tags: [...new Set(tags)],
    texts: values.flatMap(texts),
  };
}

/** A property value as texts: one text or number, or the text and number items of a list. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  // A YAML `- #tag` item is a comment, so it arrives as null: skipped like any other non-text item.
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => (typeof item === 'string' || typeof item === 'number' ? [String(item)] : []));
}
