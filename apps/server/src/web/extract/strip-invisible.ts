/**
 * Characters a reader does not see but a model reads: zero-width and bidi controls, Unicode tag
 * characters (U+E0000–E007F, used to smuggle ASCII instructions), variation selectors (also used to
 * smuggle bytes), invisible fillers, C0/C1 controls and every other format control (`\p{Cf}`, which
 * covers U+200B–U+200F, U+2060–U+2064, U+FEFF, U+061C, U+202A–U+202E, U+2066–U+2069, U+00AD…).
 */
const INVISIBLE =
  /[\p{Cf}\u180E\u034F\u115F\u1160\u3164\uFFA0\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
// Spaces that are not U+0020 (no-break, en/em, thin, ideographic…) and tabs read as one space.
const ODD_SPACE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * Removes invisible characters and normalises whitespace: `\r\n` → `\n`, odd spaces → ` `, one
 * space between words, no trailing spaces, at most one blank line between paragraphs, nothing at
 * either end.
 */
export function stripInvisible(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACE, ' ')
    // Runs of spaces inside a line (often left where invisible characters were) become one;
    // indentation at the start of a line is kept for code and nested lists.
    .replace(/(?<=\S) {2,}(?=\S)/g, ' ')
    .replace(/ +$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
