/**
 * markdown-it plugin: Obsidian callouts (PROTOCOLS.md §4). A blockquote whose first line is
 * `[!type] Title` (`[!type]-` folded, `[!type]+` foldable and open) becomes a callout box; nested
 * ones work the same. Types are matched to Obsidian's list and its aliases, anything else is a
 * `note` (as in Obsidian); only those names ever reach the `data-callout` attribute.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';

const TYPES = ['note', 'abstract', 'info', 'todo', 'tip', 'success', 'question', 'warning', 'failure', 'danger', 'bug', 'example', 'quote'];
const ALIASES: Record<string, string> = {
  summary: 'abstract', tldr: 'abstract', hint: 'tip', important: 'tip', check: 'success', done: 'success',
  help: 'question', faq: 'question', caution: 'warning', attention: 'warning', fail: 'failure', missing: 'failure',
  error: 'danger', cite: 'quote',
};

const MARKER = /^\[!([A-Za-z][\w-]{0,39})\]([+-]?)[ \t]*(.*)$/;

export function calloutType(written: string): string {
  const type = written.toLowerCase();
  return ALIASES[type] ?? (TYPES.includes(type) ? type : 'note');
}

/** The index of the token closing the block opened at `open`. */
function closingIndex(tokens: Token[], open: number): number {
  const level = tokens[open]?.level;
  for (let index = open + 1; index < tokens.length; index++) {
    if (tokens[index]?.type === 'blockquote_close' && tokens[index]?.level === level) return index;
  }
  return -1;
}

function toCallout(state: StateCore, open: number) {
  const tokens = state.tokens;
  const inline = tokens[open + 2];
  if (tokens[open + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline') return;
  const [firstLine = '', ...rest] = inline.content.split('\n');
  const match = MARKER.exec(firstLine);
  const close = closingIndex(tokens, open);
  if (!match || close === -1) return;
  const [, written = 'note', fold = '', title = ''] = match;
  const type = calloutType(written);
  const isFoldable = fold !== '';
  const boxTag = isFoldable ? 'details' : 'div';

  const openToken = tokens[open] as Token;
  const closeToken = tokens[close] as Token;
  openToken.tag = boxTag;
  closeToken.tag = boxTag;
  openToken.attrs = [['class', `callout callout-${type}`], ['data-callout', type], ['data-testid', 'note-callout']];
  if (fold === '+') openToken.attrSet('open', '');

  const titleOpen = new state.Token('callout_title_open', isFoldable ? 'summary' : 'div', 1);
  titleOpen.attrs = [['class', 'callout-title']];
  const titleText = new state.Token('inline', '', 0);
  titleText.content = title.trim() || written.charAt(0).toUpperCase() + written.slice(1).toLowerCase();
  titleText.children = [];
  const titleClose = new state.Token('callout_title_close', isFoldable ? 'summary' : 'div', -1);
  const contentOpen = new state.Token('callout_content_open', 'div', 1);
  contentOpen.attrs = [['class', 'callout-content']];
  const contentClose = new state.Token('callout_content_close', 'div', -1);

  // The marker line is the title; the rest of that first paragraph stays as the body's first paragraph.
  inline.content = rest.join('\n');
  const body = inline.content.trim() === '' ? tokens.slice(open + 4, close) : tokens.slice(open + 1, close);
  tokens.splice(open + 1, close - open - 1, titleOpen, titleText, titleClose, contentOpen, ...body, contentClose);
}

export function callouts(md: MarkdownIt) {
  // Before inline parsing, so the title is parsed as Markdown like the rest.
  md.core.ruler.after('block', 'callout', (state) => {
    // From the end: changing a callout shifts only the tokens after it, and inner ones are done first.
    for (let index = state.tokens.length - 1; index >= 0; index--) {
      if (state.tokens[index]?.type === 'blockquote_open') toCallout(state, index);
    }
  });
}
