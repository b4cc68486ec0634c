import type { ConversationDetail, Source, StoredMessage, ToolStep } from '@tauceti/contracts';

/** The branch shown (root to `activeLeafId`), or the newest branch when none was saved. */
export function activeBranch(conversation: ConversationDetail): StoredMessage[] {
  const byId = new Map(conversation.messages.map((message) => [message.id, message]));
  let leaf = conversation.activeLeafId ? byId.get(conversation.activeLeafId) : undefined;
  leaf ??= conversation.messages.at(-1);
  const branch: StoredMessage[] = [];
  for (let at = leaf; at; at = at.parentId ? byId.get(at.parentId) : undefined) branch.unshift(at);
  return branch;
}

const STATUS_NOTE: Partial<Record<StoredMessage['status'], string>> = {
  stopped: '_(stopped before the end)_',
  interrupted: '_(interrupted: the server stopped mid-answer)_',
  streaming: '_(still being written when exported)_',
};

const HTML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Text shown as written in any Markdown viewer: HTML special characters become entities (no raw
 * tag, no `<javascript:…>` autolink) and the punctuation that makes links, images, emphasis, code,
 * tables, math or a heading's end is backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[<>&]/g, (char) => HTML_ENTITIES[char] as string).replace(/[\\`*_[\]()!#~|${}]/g, '\\$&');
}

/** A name or title on one line: a line break would end the heading or alt text and start a block. */
const escapeLine = (text: string) => escapeMarkdown(text.replace(/\s+/g, ' ').trim());

/** A URL that stays one link destination: spaces, brackets and parentheses percent-encoded. */
const linkTarget = (url: string) => encodeURI(url).replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** Reasoning as a quoted, escaped block: model text never becomes markup, nor closes an HTML wrapper. */
function reasoningBlock(reasoning: string): string[] {
  const body = reasoning.trim().split(/\r?\n/).map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'));
  return ['> **Reasoning**', '>', ...body, ''];
}

const STEP_MARK: Record<ToolStep['state'], string> = {
  done: 'done',
  failed: 'failed',
  declined: 'not allowed',
  running: 'did not finish',
  'awaiting-approval': 'did not finish',
};

/** A tool step as one quoted line: what ran, how it went, how long it took. */
function stepLine(step: ToolStep): string {
  const took = step.durationMs === null ? '' : `, ${step.durationMs < 1000 ? `${Math.round(step.durationMs)} ms` : `${(step.durationMs / 1000).toFixed(1)} s`}`;
  return `> **${escapeLine(step.tool)}**: ${escapeLine(step.summary)} (${STEP_MARK[step.state]}${took})`;
}

/** The numbered sources under an answer; only http(s) URLs become links. */
function sourceLines(sources: readonly Source[]): string[] {
  const lines = sources.map((source) => {
    const title = escapeLine(source.title);
    const label = /^https?:\/\//i.test(source.url) ? `[${title}](${linkTarget(source.url)})` : `${title} (${escapeLine(source.url)})`;
    return `${source.n}. ${label}${source.status === 'snippet' ? ' (search snippet only)' : ''}`;
  });
  return ['**Sources**', '', ...lines, ''];
}

/**
 * A readable Markdown document of the branch shown, for people and other tools. The answers are
 * written as the model wrote them (they are the content); every other text (titles, names, model
 * names, errors, reasoning) is escaped, so a hostile one cannot inject a link, image or HTML.
 */
export function exportMarkdown(conversation: ConversationDetail, exportedAt: Date): string {
  const lines = [`# ${escapeLine(conversation.title)}`, '', `_Exported from Tau Ceti on ${exportedAt.toISOString()}_`, ''];
  for (const message of activeBranch(conversation)) {
    lines.push(message.role === 'user' ? '## You' : `## Assistant${message.model ? ` (${escapeLine(message.model)})` : ''}`, '');
    for (const attachment of message.attachments) lines.push(`![${escapeLine(attachment.name)}](${linkTarget(attachment.url)})`, '');
    // Text, reasoning and tool steps in the order they came.
    for (const part of message.parts) {
      if (part.type === 'reasoning' && part.text.trim()) lines.push(...reasoningBlock(part.text));
      else if (part.type === 'tool') lines.push(stepLine(part.step), '');
      else if (part.type === 'text' && part.text.trim()) lines.push(part.text.trim(), '');
    }
    if (message.sources.length > 0) lines.push(...sourceLines(message.sources));
    const dangling = message.citations?.dangling ?? [];
    if (dangling.length > 0) lines.push(`_Cited but not a source of this answer: ${dangling.map((n) => `\\[${n}\\]`).join(', ')}_`, '');
    const note = STATUS_NOTE[message.status];
    if (note) lines.push(note, '');
    if (message.status === 'error') lines.push(`> **Error:** ${escapeLine(message.error ?? 'the answer failed')}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `attachment; filename="…"; filename*=UTF-8''…` for a title, ASCII-safe. */
export function attachmentDisposition(title: string, extension: string): string {
  const base = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'conversation';
  const full = `${title.slice(0, 80)}.${extension}`;
  return `attachment; filename="${base}.${extension}"; filename*=UTF-8''${encodeURIComponent(full)}`;
}
