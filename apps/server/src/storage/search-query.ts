/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every word becomes a
 * quoted prefix term (`"stream"*`), so `AND`, `"`, `*` or `(` typed by the user are just text.
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 16)
    .map((word) => `"${word.replaceAll('"', '""')}"*`)
    .join(' ');
}

/** A `LIKE ... ESCAPE '\'` pattern matching the input anywhere, with `%` and `_` taken literally. */
export function toLikePattern(input: string): string {
  return `%${input.trim().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
