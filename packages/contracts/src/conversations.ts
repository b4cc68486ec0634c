import { z } from 'zod';
import { id, timestamp } from './ids.ts';
import { storedMessage } from './messages.ts';
import { toolName } from './tools.ts';

export const conversationSummary = z.object({
  id,
  title: z.string(),
  /** The model of the latest answer, so reopening a chat picks it again. */
  model: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ConversationSummary = z.infer<typeof conversationSummary>;

/** `GET /api/conversations?q=&limit=&before=`: newest first; with `q`, full-text matches. */
export const listConversationsQuery = z.strictObject({
  q: z.string().trim().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextBefore` of the previous page: the next page starts below it. */
  before: z.string().regex(/^\d+_[A-Za-z0-9_-]{8,64}$/, 'must be a nextBefore value').optional(),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;

/**
 * Marks around the matched words of a search snippet. Control characters, because any printable
 * marker (`[[`…`]]` say) also occurs in what people write, Obsidian links first of all.
 */
export const SNIPPET_MATCH_START = '\u0002';
export const SNIPPET_MATCH_END = '\u0003';

export const conversationListItem = conversationSummary.extend({
  /** With a search: a piece of the matching text, matches between `SNIPPET_MATCH_START` and `SNIPPET_MATCH_END`. */
  snippet: z.string().nullable(),
});
export type ConversationListItem = z.infer<typeof conversationListItem>;

export const conversationListResponse = z.object({
  conversations: z.array(conversationListItem),
  /** Pass as `before` for the next page (an opaque cursor); null at the end. */
  nextBefore: z.string().nullable(),
});
export type ConversationListResponse = z.infer<typeof conversationListResponse>;

/** `GET /api/conversations/:id`: the whole message tree and the branch last shown. */
export const conversationDetail = conversationSummary.extend({
  /** The leaf of the branch last viewed; the browser shows the path from the root to it. */
  activeLeafId: id.nullable(),
  /** Tools switched off for this conversation. */
  disabledTools: z.array(toolName),
  messages: z.array(storedMessage),
});
export type ConversationDetail = z.infer<typeof conversationDetail>;

/** `PATCH /api/conversations/:id`: rename, remember which branch is shown, switch tools on or off. */
export const updateConversationRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    activeLeafId: id.optional(),
    /** Tools switched off for this conversation; [] switches them all on. */
    disabledTools: z.array(toolName).max(20).optional(),
  })
  .refine((body) => body.title !== undefined || body.activeLeafId !== undefined || body.disabledTools !== undefined, {
    message: 'give a title, an activeLeafId or disabledTools',
  });
export type UpdateConversationRequest = z.infer<typeof updateConversationRequest>;

/** `GET /api/conversations/:id/export?format=` */
export const exportFormat = z.enum(['markdown', 'json']);
export type ExportFormat = z.infer<typeof exportFormat>;

/** The JSON export: everything needed to read or re-import a conversation, every branch included. */
export const conversationExport = z.object({
  format: z.literal('tauceti.conversation.v1'),
  exportedAt: timestamp,
  conversation: conversationDetail,
});
export type ConversationExport = z.infer<typeof conversationExport>;
