import type { ConversationEvent } from '@tauceti/contracts';

type Listener = (event: ConversationEvent) => void;

/** Fan-out of conversation changes to every open `/api/events` stream (tabs, devices). */
export function createConversationEvents() {
  const listeners = new Set<Listener>();
  return {
    publish(event: ConversationEvent): void {
      for (const listener of listeners) listener(event);
    },
    /** Returns the function that unsubscribes. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ConversationEvents = ReturnType<typeof createConversationEvents>;
