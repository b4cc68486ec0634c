import { conversationEvent, type ConversationEvent } from '@tauceti/contracts';

export interface ConversationEventsOptions {
  onEvent: (event: ConversationEvent) => void;
  /** Called when the stream (re)connects; after a reconnect, events may have been missed. */
  onOpen?: (isReconnect: boolean) => void;
}

/**
 * Subscribes to `GET /api/events` (event `conversation`). EventSource reconnects by itself.
 * Returns the unsubscribe function.
 */
export function subscribeConversationEvents(options: ConversationEventsOptions): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('/api/events', { withCredentials: false });
  let opened = false;
  source.addEventListener('open', () => {
    options.onOpen?.(opened);
    opened = true;
  });
  source.addEventListener('conversation', (message) => {
    const parsed = conversationEvent.safeParse(parseJson(message.data));
    if (parsed.success) options.onEvent(parsed.data);
  });
  return () => source.close();
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
