import type { ConversationDetail } from '@tauceti/contracts';
import { getConversation, stopConversation, updateConversation } from './conversations.ts';

/** What a chat needs from the server besides the stream (injected, so tests pass a fake). */
export interface ChatApi {
  getConversation: (id: string, signal?: AbortSignal) => Promise<ConversationDetail>;
  setActiveLeaf: (id: string, activeLeafId: string) => Promise<unknown>;
  stopConversation: (id: string) => Promise<boolean>;
}

export const chatApi: ChatApi = {
  getConversation,
  setActiveLeaf: (id, activeLeafId) => updateConversation(id, { activeLeafId }),
  stopConversation,
};
