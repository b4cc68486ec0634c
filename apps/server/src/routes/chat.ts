import { approvalRequest, type ApprovalResponse, chatRequest, id as idSchema } from '@tauceti/contracts';
import { createUIMessageStreamResponse } from 'ai';
import { Hono } from 'hono';
import { prepareTurn } from '../chat/prepare-turn.ts';
import { streamAnswer } from '../chat/stream-answer.ts';
import type { Deps } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { readJson } from '../http/read-json.ts';
import { toSummary } from '../storage/conversation-store.ts';

/**
 * `POST /api/chat`: one turn, answered as an AI SDK UI message stream.
 * `POST /api/conversations/:id/approvals/:toolCallId`: the person allows or declines a held tool call.
 */
export function chatRoutes(deps: Deps) {
  return new Hono()
    .post('/api/chat', async (c) => {
      const request = await readJson(c, chatRequest);
      const turn = await prepareTurn(deps, request);
      // The reply owns the model now: a title being written in the background gives way.
      deps.titles.cancel();
      if (turn.created) deps.events.publish({ type: 'upserted', conversation: toSummary(turn.conversation) });
      // A closed tab or the AI SDK's stop() ends Ollama's generation, not just our relay of it.
      c.req.raw.signal.addEventListener('abort', () => turn.generation.stop('stop'), { once: true });
      return createUIMessageStreamResponse({
        stream: streamAnswer({ ...deps, readAttachment: (uploadId) => deps.uploadFiles.readBase64(uploadId) }, turn),
        headers: { 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' },
      });
    })
    .post('/api/conversations/:id/approvals/:toolCallId', async (c) => {
      const conversationId = c.req.param('id');
      if (!idSchema.safeParse(conversationId).success || !deps.store.conversations.get(conversationId)) throw notFound('The conversation');
      const { approve } = await readJson(c, approvalRequest);
      if (!deps.approvals.answer(conversationId, c.req.param('toolCallId'), approve)) {
        throw notFound('A tool call waiting for your answer');
      }
      const body: ApprovalResponse = { ok: true };
      return c.json(body);
    });
}
