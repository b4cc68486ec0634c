import type { ModelMessage, UserContent } from 'ai';
import type { MessageRecord } from '../storage/message-store.ts';

export interface BuildHistoryOptions {
  /** The branch to answer, root first, ending with the user message being answered. */
  path: MessageRecord[];
  /** Reads an attachment's bytes (base64) so the model can see it. */
  readAttachment: (id: string) => Promise<string>;
}

/**
 * Turns a stored branch into the messages sent to the model. Images travel as base64 file parts
 * (the provider hands them to Ollama's `images`). Answers that produced no text (an error before
 * the first token) are left out, so the model never sees empty assistant turns.
 */
export async function buildHistory({ path, readAttachment }: BuildHistoryOptions): Promise<ModelMessage[]> {
  const history: ModelMessage[] = [];
  for (const message of path) {
    if (message.role === 'assistant') {
      if (message.text.trim()) history.push({ role: 'assistant', content: message.text });
      continue;
    }
    if (message.attachments.length === 0) {
      history.push({ role: 'user', content: message.text });
      continue;
    }
    const content: UserContent = [];
    for (const attachment of message.attachments) {
      content.push({ type: 'file', mediaType: attachment.mediaType, data: await readAttachment(attachment.id) });
    }
    if (message.text) content.push({ type: 'text', text: message.text });
    history.push({ role: 'user', content });
  }
  return history;
}
