/**
 * A callout's first line, quote markers stripped: `[!warning]- Title`. Obsidian reads the type
 * case-insensitively and shows the type's name when there is no title.
 */
export interface CalloutStart {
  /** Lower-case: `warning`, `faq`, or a custom type. */
  type: string;
  /** `-` collapsed, `+` expanded, '' not foldable. */
  fold: '' | '+' | '-';
  /** The title as written, or the type's name (`Warning`) when none is. */
  title: string;
}

const CALLOUT = /^\s*\[!([^\]\s]+)\]([+-]?)(?:[ \t]+(.*?))?[ \t]*$/;

/** The callout a quote's first line opens (quote markers already stripped), or null. */
export function matchCallout(content: string): CalloutStart | null {
  if (!content.includes('[!')) return null;
  const match = CALLOUT.exec(content);
  if (!match?.[1]) return null;
  const type = match[1].toLowerCase();
  const fold = match[2] === '+' || match[2] === '-' ? match[2] : '';
  const title = match[3]?.trim() || type.charAt(0).toUpperCase() + type.slice(1);
  return { type, fold, title };
}
