/**
 * markdown-it plugin: each heading of a note gets the server's anchor (`NoteView.headings`, matched
 * in order by text) as `id` and `data-anchor`, so `/notes/<id>#<anchor>` scrolls to it. The viewer
 * scrolls by `data-anchor`: DOMPurify drops an `id` that would clobber a `document` property
 * (a heading called "Title" or "Images"), and that is as it should be.
 */
import type { MarkdownIt, Token } from 'markdown-it';
import { headingSlug, matchHeadingAnchors } from './note-anchors.ts';
import type { NoteEnv } from './note-env.ts';

export function headingAnchors(md: MarkdownIt) {
  md.core.ruler.after('inline', 'heading_anchor', (state) => {
    const headings: { open: Token; text: string }[] = [];
    state.tokens.forEach((token, index) => {
      const inline = state.tokens[index + 1];
      if (token.type === 'heading_open' && inline?.type === 'inline') headings.push({ open: token, text: inline.content });
    });
    const known = (state.env as NoteEnv | undefined)?.headings ?? [];
    const anchors = matchHeadingAnchors(headings.map((heading) => heading.text), known);
    headings.forEach(({ open, text }, index) => {
      const anchor = anchors[index] ?? headingSlug(text);
      if (!anchor) return;
      open.attrSet('id', anchor);
      open.attrSet('data-anchor', anchor);
    });
  });
}
