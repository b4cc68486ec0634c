import { parseFrontmatter } from './parse-frontmatter.ts';
import { stripComments } from './strip-comments.ts';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * A note as the viewer shows it: as written, callouts, embeds and links untouched, with only the
 * frontmatter (shown as properties instead) and `%% comments %%` (private, never shown or indexed)
 * left out. A `%%` inside a code block is code, not a comment.
 */
export function viewerMarkdown(source: string): string {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let fence: string | null = null;
  let inComment = false;
  for (const line of lines.slice(parseFrontmatter(lines).lineCount)) {
    if (!inComment) {
      const marker = FENCE.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        out.push(line);
        continue;
      }
      if (marker) {
        fence = marker;
        out.push(line);
        continue;
      }
    }
    const stripped = stripComments(line, inComment);
    inComment = stripped.inComment;
    // A line that was only a comment goes; one that was blank anyway stays (paragraph breaks).
    if (stripped.removed && stripped.text.trim() === '') continue;
    out.push(stripped.text);
  }
  return out.join('\n');
}
