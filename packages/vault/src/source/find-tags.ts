/**
 * Obsidian tags: `#tag`, nested `#area/sub`, letters (any script), digits, `_`, `-`, `/` and emoji;
 * at least one character that is not a digit (`#1984` is not a tag). Stored lower-case without `#`.
 */

const TAG_CHARS = /^[\p{L}\p{M}\p{N}_\-/\p{Extended_Pictographic}\u200d\ufe0f]+/u;
const HAS_NON_DIGIT = /[^\d/]/u;
const WHITESPACE = /\s/;
/** Tags are short; a bound keeps a 100 kB line of `#` from being sliced again and again. */
const MAX_TAG_LENGTH = 256;

/** The tags written on a line whose code, links and URLs are already masked. */
export function findTags(line: string): string[] {
  const tags: string[] = [];
  for (let index = line.indexOf('#'); index !== -1; index = line.indexOf('#', index + 1)) {
    // A tag starts after whitespace or at the start of the line (`a#b`, `[[N#H]]` and `&#123;` are not tags).
    if (index > 0 && !WHITESPACE.test(line.charAt(index - 1))) continue;
    // It ends at the first character a tag cannot hold (`#tag,` → `tag`); `## Heading` holds none.
    const raw = TAG_CHARS.exec(line.slice(index + 1, index + 1 + MAX_TAG_LENGTH))?.[0];
    if (!raw) continue;
    let tag = raw.toLowerCase();
    if (tag.includes('/')) tag = tag.replace(/^\/+|\/+$/g, '');
    if (HAS_NON_DIGIT.test(tag)) tags.push(tag);
  }
  return tags;
}

/** Lower-cases and trims a tag (a leading `#`, stray `/` at either end); null when it is not a tag. */
export function normalizeTag(raw: string): string | null {
  const tag = raw.trim().replace(/^#/, '').replace(/^\/+|\/+$/g, '').toLowerCase();
  if (tag === '' || !HAS_NON_DIGIT.test(tag)) return null;
  const valid = TAG_CHARS.exec(tag);
  return valid?.[0] === tag ? tag : null;
}
