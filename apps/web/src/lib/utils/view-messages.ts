/**
 * What the message list shows: the AI SDK chat's messages (the branch on screen, live while streaming)
 * joined with the stored tree (versions) and the turn's live state (loading model, errors, stop).
 * Stored messages are mapped to the same UI parts the stream builds, so an answer reads the same
 * live and after a reload.
 */
import type { Attachment, ImageJob, MessageStatus, StoredMessage } from '@tauceti/contracts';
import type { ChatStatus, FileUIPart } from 'ai';
import type { ChatUIMessage } from '../api/chat-request.ts';
import { readContent, settleSteps, type ApprovalAnswer, type MessageContent } from './message-content.ts';
import { versionInfo, type MessageTree, type VersionInfo } from './message-tree.ts';

export interface ViewAttachment {
  url: string;
  name: string;
  mediaType: string;
}

export interface ViewMessage extends MessageContent {
  id: string;
  role: 'user' | 'assistant';
  /** The text parts joined (copy, the user bubble). */
  text: string;
  /** The reasoning parts joined. */
  reasoning: string;
  attachments: ViewAttachment[];
  status: MessageStatus;
  error: string | null;
  model: string | null;
  version: VersionInfo;
  /** Set on the answer being written while Ollama loads this model (until the first token). */
  loadingModel: string | null;
  /** Set on the answer being written while it waits for the GPU: "Waiting for the GPU: image, step 12 of 30". */
  gpuNotice: string | null;
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
  /** The turn waits for the GPU (an image job has it); `detail` says how far that job is. @default not waiting */
  waitingForGpu?: { detail: string | null } | null;
  overrides: ReadonlyMap<string, StatusOverride>;
  /** Answers to held tool steps, by tool call id. @default none */
  approvals?: ReadonlyMap<string, ApprovalAnswer>;
}

/** A stored message as the AI SDK chat holds it. */
export function storedToUIMessage(message: StoredMessage): ChatUIMessage {
  const parts: ChatUIMessage['parts'] = message.attachments.map(attachmentToFilePart);
  const jobs = new Map(message.imageJobs.map((job) => [job.id, job]));
  for (const part of message.parts) {
    if (part.type === 'tool') parts.push({ type: 'data-tool', id: part.step.id, data: part.step });
    else if (part.type === 'image') {
      // The card sits here; its variants come from the stored row's `imageJobs` (see `toView`).
      const job = jobs.get(part.jobId);
      if (job) parts.push({ type: 'data-image', id: job.id, data: job });
    } else parts.push({ type: part.type, text: part.text, state: 'done' });
  }
  // Rows always carry parts; this keeps the text of one that somehow has none.
  if (message.parts.length === 0) {
    if (message.reasoning) parts.push({ type: 'reasoning', text: message.reasoning, state: 'done' });
    parts.push({ type: 'text', text: message.text, state: 'done' });
  }
  if (message.sources.length > 0) parts.push({ type: 'data-sources', id: 'sources', data: { sources: message.sources } });
  if (message.citations) parts.push({ type: 'data-citations', id: 'citations', data: message.citations });
  if (message.context) parts.push({ type: 'data-context', id: 'context', data: message.context });
  for (const notice of message.notices) parts.push({ type: 'data-notice', id: notice.code, data: notice });
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

/** The jobs streamed and those stored with the row (variants made from its cards), once each, oldest first. */
function allImageJobs(streamed: ImageJob[], stored: readonly ImageJob[]): ImageJob[] {
  if (stored.length === 0) return streamed;
  const byId = new Map(stored.map((job) => [job.id, job]));
  for (const job of streamed) byId.set(job.id, job);
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
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
  const content = readContent(message.parts);
  return {
    id: message.id,
    role: message.role === 'user' ? 'user' : 'assistant',
    text,
    reasoning,
    ...content,
    imageJobs: allImageJobs(content.imageJobs, tree.byId.get(message.id)?.imageJobs ?? []),
    attachments,
    status: message.role === 'user' ? 'done' : (metadata?.status ?? 'done'),
    error: metadata?.error ?? null,
    model: metadata?.model ?? null,
    version: versionOf(tree, message),
    loadingModel: null,
    gpuNotice: null,
    isPlaceholder: false,
  };
}

function placeholder(id: string, status: MessageStatus, error: string | null): ViewMessage {
  return {
    id, role: 'assistant', text: '', reasoning: '', content: [], sources: [], citations: null, context: null, notices: [],
    imageJobs: [], attachments: [], status, error, model: null,
    version: { index: 0, count: 1, siblingIds: [id] }, loadingModel: null, gpuNotice: null, isPlaceholder: true,
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
  if (answer?.role === 'assistant' && isBusy && answer.content.length === 0) {
    answer.loadingModel = options.loadingModel;
  }
  const gpu = options.waitingForGpu;
  // Also between steps: the model may wait for the card again after an image tool call.
  if (answer?.role === 'assistant' && isBusy && gpu) {
    answer.gpuNotice = gpu.detail ? `Waiting for the GPU: ${gpu.detail}` : 'Waiting for the GPU…';
  }
  const answers = options.approvals ?? new Map<string, ApprovalAnswer>();
  for (const view of views) settleSteps(view.content, { isStreaming: view.status === 'streaming', answers });
  return views;
}
