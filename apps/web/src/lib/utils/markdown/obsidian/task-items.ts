/**
 * markdown-it plugin: `- [ ]` and `- [x]` list items (Obsidian's tasks) shown as boxes, read-only:
 * the sanitizer allows no form controls, so the box is a mark with a label for screen readers.
 */
import type { MarkdownIt, StateCore } from 'markdown-it';

const TASK = /^\[([ xX])\][ \t]+/;

function markTasks(state: StateCore) {
  const tokens = state.tokens;
  tokens.forEach((token, index) => {
    const inline = tokens[index + 2];
    if (token.type !== 'list_item_open' || tokens[index + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline') return;
    const first = inline.children?.[0];
    const match = first?.type === 'text' ? TASK.exec(first.content) : null;
    if (!first || !match) return;
    const isDone = match[1] !== ' ';
    first.content = first.content.slice(match[0].length);
    const box = new state.Token('task_box', '', 0);
    box.meta = { isDone };
    inline.children?.unshift(box);
    token.attrJoin('class', isDone ? 'task done' : 'task');
  });
}

export function taskItems(md: MarkdownIt) {
  md.core.ruler.after('inline', 'task_item', markTasks);
  md.renderer.rules.task_box = (tokens, index) => {
    const isDone = (tokens[index]?.meta as { isDone?: boolean } | undefined)?.isDone === true;
    return `<span class="task-box" role="img" aria-label="${isDone ? 'Done' : 'To do'}">${isDone ? '☑' : '☐'}</span> `;
  };
}
