import { plainText } from './plain-text.ts';
import { terms } from './terms.ts';

/**
 * The default length of a snippet, in characters.
 */
export const SNIPPET_CHARS = 200;

/** Sentences and lines of plain text, each with its own terms. */
function sentences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(])/u))
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/**
 * The best sentence(s) of a chunk for a question, plain text, about `maxChars` long: the sentence
 * holding the most distinct question terms (the first of equals), then its neighbours while there is
 * room; cut at a word with `…` when one sentence is longer.
 */
export function makeSnippet(markdown: string, queryTerms: readonly string[], maxChars = SNIPPET_CHARS): string {
  const parts = sentences(plainText(markdown));
  if (parts.length === 0) return '';
  const asked = new Set(queryTerms);
  let best = 0;
  let bestScore = -1;
  parts.forEach((sentence, index) => {
    const found = new Set(terms(sentence).filter((term) => asked.has(term)));
    if (found.size > bestScore) {
      best = index;
      bestScore = found.size;
    }
  });
  let first = best;
  let last = best;
  let length = parts[best]!.length;
  // After the best sentence first (it usually explains it), then before it.
  for (;;) {
    const next = parts[last + 1];
    if (next !== undefined && length + 1 + next.length <= maxChars) {
      last++;
      length += 1 + next.length;
      continue;
    }
    const previous = parts[first - 1];
    if (previous !== undefined && length + 1 + previous.length <= maxChars) {
      first--;
      length += 1 + previous.length;
      continue;
    }
    break;
  }
  const text = parts.slice(first, last + 1).join(' ');
  return text.length <= maxChars ? text : cut(text, parts[best]!, asked, maxChars);
}

/** One long sentence: a window of it around its first question term, cut at words. */
function cut(text: string, sentence: string, asked: ReadonlySet<string>, maxChars: number): string {
  const tokens = sentence.split(/\s+/);
  const hit = Math.max(0, tokens.findIndex((token) => terms(token).some((term) => asked.has(term))));
  // Start a few words before the first hit, so it reads in context.
  let start = Math.max(0, hit - 4);
  let out = tokens.slice(start).join(' ');
  if (out.length > maxChars - 2) out = `${out.slice(0, maxChars - 2).replace(/\s+\S*$/, '')}…`;
  if (start > 0) out = `…${out}`;
  return out || text.slice(0, maxChars);
}
