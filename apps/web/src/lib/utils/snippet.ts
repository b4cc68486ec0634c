import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '@tauceti/contracts';

/** A search snippet split into plain and matched pieces, to render with `<mark>` and no HTML parsing. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/** Splits the server's snippet, whose matches are wrapped in the contract's snippet marks. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf(SNIPPET_MATCH_START);
    const close = open === -1 ? -1 : rest.indexOf(SNIPPET_MATCH_END, open + 1);
    if (open === -1 || close === -1) {
      parts.push({ text: rest, isMatch: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), isMatch: false });
    if (close > open + 1) parts.push({ text: rest.slice(open + 1, close), isMatch: true });
    rest = rest.slice(close + 1);
  }
  return parts;
}
