/**
 * Builds the exact `chatRequest` body of the contract from what the AI SDK `Chat` holds: the server
 * keeps the history, so only the parent id and the new message travel.
 */
import { chatRequest, type ChatDataTypes, type ChatMode, type ChatRequest, type MessageMetadata } from '@tauceti/contracts';
import type { UIMessage } from 'ai';
import { ApiError } from './http.ts';

/** The UI messages the chat holds: contract metadata and data parts. */
export type ChatUIMessage = UIMessage<MessageMetadata, ChatDataTypes>;

/** Per-turn values passed as the AI SDK request `body` option. */
export interface ChatTurnBody {
  /** Null until the server announced the new conversation. */
  conversationId: string | null;
  model: string;
  /** Uploaded images of the new message (`submit-message` only). */
  attachmentIds?: readonly string[];
  /** `web` / `notes`: the server searches the web or the notes and answers from what it found. @default 'chat' (not sent) */
  mode?: ChatMode;
  /** Tools switched off, for a new conversation (an existing one keeps what is stored). */
  disabledTools?: readonly string[];
  /** Image mode's settings beside the prompt (size, workflow, input image); sent in image mode only. */
  image?: ChatRequest['image'];
}

export interface BuildChatRequestOptions extends ChatTurnBody {
  trigger: 'submit-message' | 'regenerate-message';
  /** The branch shown, ending with the new user message (submit) or the user message to answer again. */
  messages: readonly ChatUIMessage[];
}

/** The text of a UI message: its text parts joined. */
export function messageText(message: ChatUIMessage): string {
  let text = '';
  for (const part of message.parts) if (part.type === 'text') text += part.text;
  return text;
}

export function buildChatRequest(options: BuildChatRequestOptions): ChatRequest {
  const { trigger, messages, conversationId, model } = options;
  const last = messages.at(-1);
  if (!last || last.role !== 'user') {
    throw new ApiError('There is no question to answer.', { status: 0, code: 'bad_request' });
  }
  const common = {
    ...(conversationId ? { conversationId } : {}),
    model,
    // Only what differs from the server's defaults travels, so a plain turn's body stays as it was.
    ...(options.mode && options.mode !== 'chat' ? { mode: options.mode } : {}),
    ...(options.disabledTools ? { disabledTools: [...options.disabledTools] } : {}),
    ...(options.mode === 'image' && options.image && Object.keys(options.image).length > 0 ? { image: { ...options.image } } : {}),
  };
  const request: ChatRequest =
    trigger === 'regenerate-message'
      ? { ...common, trigger, parentId: last.id }
      : {
          ...common,
          trigger,
          parentId: messages.at(-2)?.id ?? null,
          message: { id: last.id, text: messageText(last), attachmentIds: [...(options.attachmentIds ?? [])] },
        };
  // Refuse here what the server would refuse, with the same words.
  const checked = chatRequest.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.join('.') ?? 'request';
    throw new ApiError(`Cannot send: ${where} ${issue?.message ?? 'is invalid'}.`, { status: 0, code: 'bad_request' });
  }
  return request;
}
