// A boundary is only worth taking if it keeps at least this share of the budget.
const MIN_SHARE = 0.6;
const SENTENCE_END = /[.!?…。！？]["'”’)\]]*\s/g;

/**
 * Cuts text to at most `maxChars`, at the last paragraph break, else the last sentence end, else
 * the last space within the budget (a hard cut only when there is none).
 */
export function truncateText(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const window = text.slice(0, maxChars + 1);
  const floor = Math.floor(maxChars * MIN_SHARE);

  const paragraph = window.lastIndexOf('\n\n');
  if (paragraph >= floor) return cut(text, paragraph);

  let sentence = -1;
  for (const match of window.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].trimEnd().length;
    if (end <= maxChars) sentence = end;
  }
  if (sentence >= floor) return cut(text, sentence);

  const space = window.lastIndexOf(' ');
  if (space >= floor) return cut(text, space);

  // No boundary: a hard cut, stepping back so a surrogate pair is not split.
  const code = text.charCodeAt(maxChars - 1);
  return cut(text, code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars);
}

const cut = (text: string, end: number) => ({ text: text.slice(0, end).trimEnd(), truncated: true });
