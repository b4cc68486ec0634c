/**
 * A conversation's say over its tools: which are switched off (stored with the conversation, or held
 * here for a new chat until its first message creates it) and the answers to steps held for approval.
 */
import type { ChatApi } from '../api/chat-api.ts';
import { errorMessage } from '../api/http.ts';
import type { ApprovalAnswer } from '../utils/message-content.ts';

export interface ConversationToolsOptions {
  /** Null while the chat is new. */
  getConversationId: () => string | null;
  api: Pick<ChatApi, 'setDisabledTools' | 'answerApproval'>;
  /** A change could not be saved (null: the last one was). */
  onNotice: (notice: string | null) => void;
}

export class ConversationTools {
  #disabled = $state.raw<string[]>([]);
  #approvals = $state.raw<ReadonlyMap<string, ApprovalAnswer>>(new Map());
  /** Changes being saved: a reload meanwhile must not put the old list back. */
  #saving = 0;
  readonly #options: ConversationToolsOptions;

  constructor(options: ConversationToolsOptions) {
    this.#options = options;
  }

  /** Tools switched off in this conversation. */
  get disabled(): string[] { return this.#disabled; }
  /** Answers to held steps, by tool call id, until the stream shows the step moving on. */
  get approvals(): ReadonlyMap<string, ApprovalAnswer> { return this.#approvals; }

  /** The stored list, from a freshly loaded conversation. */
  applyStored(disabledTools: string[]) {
    if (this.#saving === 0) this.#disabled = disabledTools;
  }

  /** Switches a tool on or off; saved at once when the conversation exists. */
  async setEnabled(name: string, isEnabled: boolean) {
    const previous = this.#disabled;
    const next = isEnabled ? previous.filter((tool) => tool !== name) : [...new Set([...previous, name])];
    this.#disabled = next;
    const id = this.#options.getConversationId();
    if (!id) return;
    this.#saving++;
    try {
      await this.#options.api.setDisabledTools(id, next);
      this.#options.onNotice(null);
    } catch (error) {
      if (this.#disabled === next) this.#disabled = previous;
      this.#options.onNotice(`The tools setting could not be saved: ${errorMessage(error)}`);
    } finally {
      this.#saving--;
    }
  }

  /** Allows (or not) a held step; the stream then updates the step itself. */
  async answer(toolCallId: string, approve: boolean) {
    const id = this.#options.getConversationId();
    const current = this.#approvals.get(toolCallId);
    if (!id || current?.status === 'sending' || current?.status === 'sent') return;
    this.#set(toolCallId, { approve, status: 'sending', error: null });
    try {
      await this.#options.api.answerApproval(id, toolCallId, approve);
      this.#set(toolCallId, { approve, status: 'sent', error: null });
    } catch (error) {
      this.#set(toolCallId, { approve, status: 'failed', error: errorMessage(error) });
    }
  }

  #set(toolCallId: string, answer: ApprovalAnswer) {
    this.#approvals = new Map(this.#approvals).set(toolCallId, answer);
  }
}
