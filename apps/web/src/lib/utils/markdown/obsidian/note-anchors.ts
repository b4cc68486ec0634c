/**
 * Heading anchors of the note viewer. The server names each heading's anchor (`headings[].anchor`);
 * a wikilink to a heading of another note only knows the heading's text, so a `#fragment` is
 * matched loosely (letters and digits only, any case) when it is not an anchor exactly.
 */

export interface HeadingAnchor {
  text: string;
  anchor: string;
}

/** Letters and digits only, lower-case: `Beds & Paths` and `beds-paths` compare equal. */
export function normalizeHeading(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The anchor the server gives a heading, for one it did not list (a wikilink to another note's
 * heading): the rule of `headingAnchor` in `@tauceti/vault` (github-slugger's), which the web cannot
 * import. Should the two ever drift, `findAnchorTarget` still matches loosely.
 */
export function headingSlug(text: string): string {
  return text
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2')
    .replace(/\[\[([^\]]*)\]\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** `#Beds%20%26%20paths` → `Beds & paths`; a malformed escape is taken as written. */
export function decodeFragment(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The server's anchor of each rendered heading, matched in order by text (exactly, else loosely);
 * null where none matches, e.g. a heading only the renderer sees.
 */
export function matchHeadingAnchors(rendered: readonly string[], headings: readonly HeadingAnchor[]): (string | null)[] {
  let cursor = 0;
  return rendered.map((text) => {
    const rest = headings.slice(cursor);
    const loose = normalizeHeading(text);
    let index = rest.findIndex((heading) => heading.text.trim() === text.trim());
    if (index === -1) index = rest.findIndex((heading) => normalizeHeading(heading.text) === loose);
    if (index === -1) return null;
    cursor += index + 1;
    return rest[index]?.anchor ?? null;
  });
}

/** The element a `#fragment` points at among those carrying `data-anchor`: exact first, then loosely. */
export function findAnchorTarget(root: ParentNode, hash: string): HTMLElement | null {
  const wanted = decodeFragment(hash);
  if (!wanted) return null;
  const candidates = [...root.querySelectorAll<HTMLElement>('[data-anchor]')];
  const exact = candidates.find((element) => element.dataset.anchor === wanted);
  if (exact) return exact;
  const loose = normalizeHeading(wanted);
  if (!loose) return null;
  return candidates.find((element) => normalizeHeading(element.dataset.anchor ?? '') === loose || normalizeHeading(element.textContent ?? '') === loose) ?? null;
}
