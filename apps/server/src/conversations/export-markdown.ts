import type { ConversationDetail, StoredMessage } from '@tauceti/contracts';

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

/** A readable Markdown document of the branch shown, for people and other tools. */
export function exportMarkdown(conversation: ConversationDetail, exportedAt: Date): string {
  const lines = [`# ${conversation.title}`, '', `_Exported from Tau Ceti on ${exportedAt.toISOString()}_`, ''];
  for (const message of activeBranch(conversation)) {
    lines.push(message.role === 'user' ? '## You' : `## Assistant${message.model ? ` (${message.model})` : ''}`, '');
    if (message.reasoning) {
      lines.push('<details><summary>Reasoning</summary>', '', message.reasoning.trim(), '', '</details>', '');
    }
    for (const attachment of message.attachments) lines.push(`![${attachment.name}](${attachment.url})`, '');
    if (message.text) lines.push(message.text.trim(), '');
    const note = STATUS_NOTE[message.status];
    if (note) lines.push(note, '');
    if (message.status === 'error') lines.push(`> **Error:** ${message.error ?? 'the answer failed'}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `attachment; filename="…"; filename*=UTF-8''…` for a title, ASCII-safe. */
export function attachmentDisposition(title: string, extension: string): string {
  const base = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'conversation';
  const full = `${title.slice(0, 80)}.${extension}`;
  return `attachment; filename="${base}.${extension}"; filename*=UTF-8''${encodeURIComponent(full)}`;
}
