/**
 * markdown-it plugin: Markdown links to notes (`[text](Some%20Note.md#Heading)`, which Obsidian
 * writes too) open in the viewer like wikilinks; the server lists them in `links` by their decoded
 * path. The address as written is never kept: it becomes the viewer's, or the link a "missing" mark.
 * Other relative links stay refused.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { noteViewerPath } from '../../safe-urls.ts';
import { decodeFragment } from './note-anchors.ts';
import type { NoteEnv } from './note-env.ts';
import { anchorIn, resolveNote } from './resolve-note-link.ts';

/** A path to a `.md` file: no scheme, not protocol-relative, no query. */
const NOTE_FILE = /^(?![a-z][a-z0-9+.-]*:)(?!\/\/)[^?]*?\.md(?:#.*)?$/i;

function rewrite(open: Token, close: Token | undefined, env: NoteEnv) {
  const href = decodeFragment(String(open.attrGet('href') ?? ''));
  const hash = href.indexOf('#');
  const target = (hash === -1 ? href : href.slice(0, hash)).trim();
  const subpath = hash === -1 ? '' : href.slice(hash + 1);
  const noteId = resolveNote(target, env);
  if (noteId === null) {
    open.tag = 'span';
    if (close) close.tag = 'span';
    open.attrs = [['class', 'note-link missing'], ['data-testid', 'note-link'], ['data-missing', 'true'], ['title', `No note “${target}” in the vault`]];
    return;
  }
  const isBlock = subpath.startsWith('^');
  const where = { headings: isBlock ? [] : subpath.split('#').map((part) => part.trim()).filter(Boolean), block: isBlock ? subpath.slice(1) : null };
  open.attrs = [['class', 'note-link'], ['data-testid', 'note-link'], ['data-note-id', noteId], ['href', noteViewerPath(noteId, anchorIn(noteId, where, env))]];
}

function rewriteNoteFileLinks(state: StateCore) {
  const env = state.env as NoteEnv;
  for (const block of state.tokens) {
    const children = block.type === 'inline' ? block.children : null;
    if (!children) continue;
    children.forEach((token, index) => {
      if (token.type !== 'link_open' || !NOTE_FILE.test(String(token.attrGet('href') ?? ''))) return;
      // Links do not nest: the next close is this link's.
      rewrite(token, children.slice(index + 1).find((candidate) => candidate.type === 'link_close'), env);
    });
  }
}

export function noteFileLinks(md: MarkdownIt) {
  const validateLink = md.validateLink.bind(md);
  md.validateLink = (url: string) => validateLink(url) || NOTE_FILE.test(url.trim());
  md.core.ruler.after('inline', 'note_file_link', rewriteNoteFileLinks);
}
