/**
 * markdown-it plugin: the small inline marks of Obsidian (PROTOCOLS.md §4): `#tags` (shown as tags,
 * not links), `==highlights==`, and block ids (` ^id` ending a line), which Obsidian hides and a
 * `[[Note#^id]]` link scrolls to.
 */
import type { MarkdownIt, StateInline } from 'markdown-it';

const HASH = 0x23;
const CARET = 0x5e;
const EQUALS = 0x3d;

/** Letters, digits, `_`, `-`, `/`; at least one that is not a digit (`#1984` is no tag). */
const TAG = /^#([\p{L}\p{N}_/-]{1,100})/u;
const BLOCK_ID = /^\^([A-Za-z0-9-]{1,64})[ \t]*(?=\n|$)/;

const isSpace = (code: number | undefined) => code === undefined || code === 0x20 || code === 0x09 || code === 0x0a;

function tagRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== HASH || !isSpace(start > 0 ? state.src.charCodeAt(start - 1) : undefined)) return false;
  const match = TAG.exec(state.src.slice(start, start + 102));
  const tag = match?.[1];
  if (!tag || /^[\d/_-]+$/.test(tag)) return false;
  if (!silent) state.push('note_tag', '', 0).content = tag;
  state.pos += tag.length + 1;
  return true;
}

function blockIdRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== CARET || !isSpace(start > 0 ? state.src.charCodeAt(start - 1) : undefined)) return false;
  const match = BLOCK_ID.exec(state.src.slice(start, start + 80));
  if (!match?.[1]) return false;
  if (!silent) state.push('block_id', '', 0).content = match[1];
  state.pos += match[0].length;
  return true;
}

function highlightRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== EQUALS || state.src.charCodeAt(start + 1) !== EQUALS) return false;
  const end = state.src.indexOf('==', start + 2);
  const inner = end === -1 ? '' : state.src.slice(start + 2, end);
  if (!inner.trim() || inner.includes('\n') || /^\s|\s$/.test(inner)) return false;
  if (!silent) {
    state.push('mark_open', 'mark', 1);
    // The highlighted text keeps its own Markdown (emphasis, links) the way a link's text does.
    const max = state.posMax;
    state.pos = start + 2;
    state.posMax = end;
    state.md.inline.tokenize(state);
    state.posMax = max;
    state.push('mark_close', 'mark', -1);
  }
  state.pos = end + 2;
  return true;
}

export function inlineMarks(md: MarkdownIt) {
  md.inline.ruler.before('emphasis', 'note_tag', tagRule);
  md.inline.ruler.before('emphasis', 'block_id', blockIdRule);
  md.inline.ruler.before('emphasis', 'highlight', highlightRule);
  const escape = md.utils.escapeHtml;
  md.renderer.rules.note_tag = (tokens, index) => `<span class="note-tag">#${escape(tokens[index]?.content ?? '')}</span>`;
  md.renderer.rules.block_id = (tokens, index) => `<span class="block-anchor" data-anchor="^${escape(tokens[index]?.content ?? '')}"></span>`;
}
