/**
 * markdown-it plugin: Obsidian's `[[links]]` and `![[embeds]]` as in-app links to the viewer,
 * `/notes/<id>#<anchor>`, using the server's resolution of each target (`NoteView.links`). A target
 * that opens no note is shown as missing, never linked; an embed is a link to the note (nothing is
 * transcluded) and an image or other attachment a plain placeholder (attachments are not served).
 * Everything written comes from note text, so every piece is escaped; the sanitizer runs after.
 */
import type { MarkdownIt, StateInline } from 'markdown-it';
import { noteViewerPath } from '../../safe-urls.ts';
import type { NoteEnv } from './note-env.ts';
import { isAttachment, isImage, parseWikilink, type Wikilink } from './parse-wikilink.ts';
import { anchorIn, resolveNote } from './resolve-note-link.ts';

const BANG = 0x21;
const OPEN = 0x5b;
/** Longer than any sensible link: past it, `[[` is text (and no scan runs away on hostile notes). */
const MAX_INNER = 400;

function wikilinkRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const embed = state.src.charCodeAt(start) === BANG;
  const open = embed ? start + 1 : start;
  if (state.src.charCodeAt(open) !== OPEN || state.src.charCodeAt(open + 1) !== OPEN) return false;
  // Inside a Markdown link's text, a link would nest in a link.
  if (state.linkLevel > 0) return false;
  const end = state.src.indexOf(']]', open + 2);
  if (end === -1 || end - open - 2 > MAX_INNER) return false;
  const inner = state.src.slice(open + 2, end);
  if (inner.includes('\n') || inner.includes('[[')) return false;
  const link = parseWikilink(inner, embed);
  if (!link) return false;
  if (!silent) state.push('wikilink', '', 0).meta = { ...link };
  state.pos = end + 2;
  return true;
}

function labelOf(link: Wikilink): string {
  if (link.alias) return link.alias;
  const parts = [link.target, ...link.headings, ...(link.block ? [`^${link.block}`] : [])].filter(Boolean);
  return parts.join(' › ');
}

function render(link: Wikilink, env: NoteEnv, escape: (text: string) => string): string {
  const label = escape(labelOf(link));
  const noteId = resolveNote(link.target, env);
  if (noteId === null && isAttachment(link.target)) {
    const kind = isImage(link.target) ? 'Image' : 'Attachment';
    return `<span class="note-attachment" data-testid="note-attachment" title="Attachments are not shown here">${kind}: ${escape(link.target)}</span>`;
  }
  if (noteId === null) {
    const title = escape(`No note “${link.target}” in the vault`);
    return `<span class="note-link missing" data-testid="note-link" data-missing="true" title="${title}">${label}</span>`;
  }
  const href = escape(noteViewerPath(noteId, anchorIn(noteId, link, env)));
  const attributes = `data-testid="note-link" data-note-id="${escape(noteId)}" href="${href}"`;
  if (!link.embed) return `<a class="note-link" ${attributes}>${label}</a>`;
  return `<a class="note-link note-embed" ${attributes}><span class="note-embed-kind">Embedded note</span> ${label}</a>`;
}

export function wikilinks(md: MarkdownIt) {
  md.inline.ruler.before('link', 'wikilink', wikilinkRule);
  md.renderer.rules.wikilink = (tokens, index, _options, env) => {
    const link = tokens[index]?.meta as Wikilink | undefined;
    return link ? render(link, env as NoteEnv, md.utils.escapeHtml) : '';
  };
}
