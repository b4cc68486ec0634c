import {
  approvalResponse,
  conversationDetail,
  type ApprovalRequest,
  conversationListResponse,
  conversationSummary,
  stopResponse,
  type ConversationDetail,
  type ConversationListResponse,
  type ConversationSummary,
  type ExportFormat,
  type UpdateConversationRequest,
} from '@tauceti/contracts';
import { requestEmpty, requestJson } from './http.ts';

const base = '/api/conversations';
const path = (id: string) => `${base}/${encodeURIComponent(id)}`;

export interface ListConversationsOptions {
  /** Full-text search over titles and messages. */
  q?: string;
  /** @default 50 (the server's) */
  limit?: number;
  /** `nextBefore` of the previous page. */
  before?: string;
  signal?: AbortSignal;
}

export function listConversations(options: ListConversationsOptions = {}): Promise<ConversationListResponse> {
  const params = new URLSearchParams();
  if (options.q) params.set('q', options.q);
  if (options.limit !== undefined) params.set('limit', String(options.limit));
  if (options.before !== undefined) params.set('before', options.before);
  const query = params.size > 0 ? `?${params}` : '';
  return requestJson(`${base}${query}`, { schema: conversationListResponse, signal: options.signal });
}

export function getConversation(id: string, signal?: AbortSignal): Promise<ConversationDetail> {
  return requestJson(path(id), { schema: conversationDetail, signal });
}

export function updateConversation(id: string, update: UpdateConversationRequest): Promise<ConversationSummary> {
  return requestJson(path(id), { method: 'PATCH', json: update, schema: conversationSummary });
}

export function deleteConversation(id: string): Promise<void> {
  return requestEmpty(path(id), { method: 'DELETE' });
}

/** Ends the answer being written; resolves once the partial answer is saved as `stopped`. */
export async function stopConversation(id: string): Promise<boolean> {
  const result = await requestJson(`${path(id)}/stop`, { method: 'POST', json: {}, schema: stopResponse });
  return result.stopped;
}

/** Answers a tool step held for the person's approval; 404 when nothing waits under that id. */
export async function answerApproval(id: string, toolCallId: string, approve: boolean): Promise<void> {
  const json: ApprovalRequest = { approve };
  await requestJson(`${path(id)}/approvals/${encodeURIComponent(toolCallId)}`, { method: 'POST', json, schema: approvalResponse });
}

/** A plain download link (the server answers with `Content-Disposition: attachment`). */
export function exportUrl(id: string, format: ExportFormat): string {
  return `${path(id)}/export?format=${format}`;
}
