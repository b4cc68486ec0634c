/**
 * What the message list shows: the AI SDK chat's messages (the branch on screen, live while streaming)
 * joined with the stored tree (versions) and the turn's live state (loading model, errors, stop).
 */
import type { Attachment, MessageStatus, StoredMessage } from '@tauceti/contracts';
import type { ChatStatus, FileUIPart } from 'ai';
import type { ChatUIMessage } from '../api/chat-request.ts';
import { versionInfo, type MessageTree, type VersionInfo } from './message-tree.ts';

export interface ViewAttachment {
  url: string;
  name: string;
  mediaType: string;
}

export interface ViewMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  reasoning: string;
  attachments: ViewAttachment[];
  status: MessageStatus;
  error: string | null;
  model: string | null;
  version: VersionInfo;
  /** Set on the answer being written while Ollama loads this model (until the first token). */
  loadingModel: string | null;
  /** Not a stored message: the placeholder of an answer that has not started or could not start. */
  isPlaceholder: boolean;
}

/** A final status known here before the stored row says so (stop or error just happened). */
export interface StatusOverride {
  status: MessageStatus;
  error: string | null;
}

export interface ToViewMessagesOptions {
  messages: readonly ChatUIMessage[];
  tree: MessageTree<StoredMessage>;
  chatStatus: ChatStatus;
  chatError: string | null;
  loadingModel: string | null;
  overrides: ReadonlyMap<string, StatusOverride>;
}

/** A stored message as the AI SDK chat holds it. */
export function storedToUIMessage(message: StoredMessage): ChatUIMessage {
  const parts: ChatUIMessage['parts'] = message.attachments.map(
    (attachment): FileUIPart => ({ type: 'file', mediaType: attachment.mediaType, filename: attachment.name, url: attachment.url }),
  );
  if (message.reasoning) parts.push({ type: 'reasoning', text: message.reasoning, state: 'done' });
  parts.push({ type: 'text', text: message.text, state: 'done' });
  const { parentId, model, status, error, usage, createdAt } = message;
  return { id: message.id, role: message.role, parts, metadata: { parentId, model, status, error, usage, createdAt } };
}

export function attachmentToFilePart(attachment: Attachment): FileUIPart {
  return { type: 'file', mediaType: attachment.mediaType, filename: attachment.name, url: attachment.url };
}

function versionOf(tree: MessageTree<StoredMessage>, message: ChatUIMessage): VersionInfo {
  if (tree.byId.has(message.id)) return versionInfo(tree, message.id);
  // Not stored yet (just sent or streaming): a new version after its stored siblings.
  const parentId = message.metadata?.parentId;
  if (parentId === undefined) return { index: 0, count: 1, siblingIds: [message.id] };
  const siblingIds = [...(tree.children.get(parentId)?.map((sibling) => sibling.id) ?? []), message.id];
  return { index: siblingIds.length - 1, count: siblingIds.length, siblingIds };
}

function toView(message: ChatUIMessage, tree: MessageTree<StoredMessage>): ViewMessage {
  let text = '';
  let reasoning = '';
  const attachments: ViewAttachment[] = [];
  for (const part of message.parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else if (part.type === 'file') attachments.push({ url: part.url, name: part.filename ?? 'image', mediaType: part.mediaType });
  }
  const metadata = message.metadata;
  return {
    id: message.id,
    role: message.role === 'user' ? 'user' : 'assistant',
    text,
    reasoning,
    attachments,
    status: message.role === 'user' ? 'done' : (metadata?.status ?? 'done'),
    error: metadata?.error ?? null,
    model: metadata?.model ?? null,
    version: versionOf(tree, message),
    loadingModel: null,
    isPlaceholder: false,
  };
}

function placeholder(id: string, status: MessageStatus, error: string | null): ViewMessage {
  return {
    id, role: 'assistant', text: '', reasoning: '', attachments: [], status, error, model: null,
    version: { index: 0, count: 1, siblingIds: [id] }, loadingModel: null, isPlaceholder: true,
  };
}

export function toViewMessages(options: ToViewMessagesOptions): ViewMessage[] {
  const { messages, tree, chatStatus, chatError, overrides } = options;
  const isBusy = chatStatus === 'submitted' || chatStatus === 'streaming';
  const views = messages.map((message) => toView(message, tree));
  const last = views.at(-1);
  for (const view of views) {
    if (view.role !== 'assistant' || view.status !== 'streaming') continue;
    const override = overrides.get(view.id);
    if (override) Object.assign(view, override);
  }
  if (last?.role === 'assistant' && isBusy) {
    last.status = 'streaming';
  } else if (last?.role === 'assistant' && chatStatus === 'error' && last.status === 'streaming') {
    last.status = 'error';
    last.error = chatError;
  } else if (last?.role === 'user' && isBusy) {
    views.push(placeholder(`pending-${last.id}`, 'streaming', null));
  } else if (last?.role === 'user' && chatStatus === 'error') {
    views.push(placeholder(`failed-${last.id}`, 'error', chatError));
  }
  const answer = views.at(-1);
  if (answer?.role === 'assistant' && isBusy && !answer.text && !answer.reasoning) {
    answer.loadingModel = options.loadingModel;
  }
  return views;
}
