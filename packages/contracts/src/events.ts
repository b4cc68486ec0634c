import { z } from 'zod';
import { id } from './ids.ts';
import { conversationSummary } from './conversations.ts';

/**
 * `GET /api/events` (SSE, event name `conversation`): changes to the conversation list made
 * elsewhere (a generated title, another tab), so every open tab stays current without polling.
 */
export const conversationEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('upserted'), conversation: conversationSummary }),
  z.object({ type: z.literal('deleted'), id }),
]);
export type ConversationEvent = z.infer<typeof conversationEvent>;
