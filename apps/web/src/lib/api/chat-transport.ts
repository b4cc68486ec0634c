/**
 * The AI SDK transport for `POST /api/chat`: `DefaultChatTransport` (so the SDK parses the UI message
 * stream; no SSE parser of ours) with the contract's request body and our `fetch` wrapper.
 */
import { DefaultChatTransport } from 'ai';
import { buildChatRequest, type ChatTurnBody, type ChatUIMessage } from './chat-request.ts';
import { coalesceDeltas } from './coalesce-deltas.ts';
import { createApiFetch } from './http.ts';

export interface ChatTransportOptions {
  /** Merge text/reasoning deltas so the UI updates at most this often. @default 40 */
  throttleMs?: number;
  /** Wrapped so a non-2xx answer throws `ApiError` with the server's message. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

class ThrottledChatTransport extends DefaultChatTransport<ChatUIMessage> {
  readonly #throttleMs: number;

  constructor(options: ConstructorParameters<typeof DefaultChatTransport<ChatUIMessage>>[0], throttleMs: number) {
    super(options);
    this.#throttleMs = throttleMs;
  }

  protected override processResponseStream(stream: ReadableStream<Uint8Array<ArrayBufferLike>>) {
    return super.processResponseStream(stream).pipeThrough(coalesceDeltas(this.#throttleMs));
  }
}

export function createChatTransport(options: ChatTransportOptions = {}) {
  return new ThrottledChatTransport(
    {
      api: '/api/chat',
      credentials: 'same-origin',
      fetch: createApiFetch(options.fetch ?? ((input, init) => globalThis.fetch(input, init))),
      prepareSendMessagesRequest: ({ trigger, messages, body }) => {
        const turn = body as unknown as ChatTurnBody;
        return {
          body: buildChatRequest({ ...turn, trigger, messages }),
          credentials: 'same-origin',
        };
      },
    },
    options.throttleMs ?? 40,
  );
}
