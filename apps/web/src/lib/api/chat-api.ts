import type { ConversationDetail } from '@tauceti/contracts';
import { answerApproval, getConversation, stopConversation, updateConversation } from './conversations.ts';

/** What a chat needs from the server besides the stream (injected, so tests pass a fake). */
export interface ChatApi {
  getConversation: (id: string, signal?: AbortSignal) => Promise<ConversationDetail>;
  setActiveLeaf: (id: string, activeLeafId: string) => Promise<unknown>;
  stopConversation: (id: string) => Promise<boolean>;
  /** Allows (or not) a tool step held for the person's approval. */
  answerApproval: (id: string, toolCallId: string, approve: boolean) => Promise<unknown>;
  setDisabledTools: (id: string, disabledTools: string[]) => Promise<unknown>;
}

export const chatApi: ChatApi = {
  getConversation,
  setActiveLeaf: (id, activeLeafId) => updateConversation(id, { activeLeafId }),
  stopConversation,
  answerApproval,
  setDisabledTools: (id, disabledTools) => updateConversation(id, { disabledTools }),
};
