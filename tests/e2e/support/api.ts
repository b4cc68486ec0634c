import { randomUUID } from 'node:crypto';
import type { ChatRequest, ConversationDetail } from '@tauceti/contracts';

/** Small typed calls to a running server, as the browser makes them. */
export function api(baseUrl: string) {
  const json = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, init);
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    chat(body: ChatRequest, signal?: AbortSignal) {
      return fetch(`${baseUrl}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    },
    /** A first question in a new conversation. */
    ask(text: string, model = 'llama3.2:latest', extra: Partial<ChatRequest> = {}, signal?: AbortSignal) {
      return this.chat(
        { model, trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text, attachmentIds: [] }, ...extra },
        signal,
      );
    },
    conversation: (id: string) => json<ConversationDetail>(`/api/conversations/${id}`),
    json,
  };
}
