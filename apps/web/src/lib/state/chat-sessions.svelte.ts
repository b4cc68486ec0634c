/**
 * Which conversation is on screen. Leaving a conversation while its answer streams keeps that chat
 * alive in the background (closing the stream would stop the answer); coming back picks it up again.
 */
import { ActiveChat } from './active-chat.svelte.ts';

export interface ChatSessionsOptions {
  createChat: (conversationId: string | null) => ActiveChat;
}

export class ChatSessions {
  #current = $state.raw<ActiveChat>() as ActiveChat;
  #background = new Set<ActiveChat>();
  #createChat: (conversationId: string | null) => ActiveChat;

  constructor(options: ChatSessionsOptions) {
    this.#createChat = options.createChat;
    this.#current = options.createChat(null);
  }

  get current(): ActiveChat {
    return this.#current;
  }

  isCurrent(chat: ActiveChat): boolean {
    return chat === this.#current;
  }

  /**
   * Shows a conversation (null: a new chat) and loads it. Returns the load, so the caller can act on
   * its content (e.g. pick the model of its latest answer); nothing when it was already shown.
   */
  open(conversationId: string | null, options: { fresh?: boolean } = {}): Promise<ActiveChat> | undefined {
    const current = this.#current;
    if (conversationId !== null && current.conversationId === conversationId) return undefined;
    if (conversationId === null && current.conversationId === null && current.isEmpty && !options.fresh) return undefined;
    this.#retire(current);
    const live = [...this.#background].find((chat) => conversationId !== null && chat.conversationId === conversationId);
    if (live) this.#background.delete(live);
    const next = live ?? this.#createChat(conversationId);
    this.#current = next;
    if (conversationId === null) return undefined;
    return next.load().then(() => next);
  }

  /** A chat finished its turn; one in the background has nothing left to show. */
  settled(chat: ActiveChat) {
    if (chat !== this.#current && this.#background.delete(chat)) chat.dispose();
  }

  /** The conversation was deleted: forget any chat of it. */
  forget(conversationId: string) {
    for (const chat of this.#background) {
      if (chat.conversationId === conversationId) {
        this.#background.delete(chat);
        chat.dispose();
      }
    }
  }

  #retire(chat: ActiveChat) {
    if (chat.isBusy) this.#background.add(chat);
    else chat.dispose();
  }
}
