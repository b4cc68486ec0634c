import {
  type ConversationDetail,
  type ConversationExport,
  exportFormat,
  id as idSchema,
  listConversationsQuery,
  updateConversationRequest,
} from '@tauceti/contracts';
import { Hono } from 'hono';
import { attachmentDisposition, exportMarkdown } from '../conversations/export-markdown.ts';
import type { Deps } from '../deps.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { readJson, readQuery } from '../http/read-json.ts';
import { cursorOf, toSummary } from '../storage/conversation-store.ts';

type ConversationDeps = Pick<Deps, 'store' | 'events' | 'generations' | 'uploadFiles' | 'logger' | 'imageJobs'>;

/** List, search, open, rename, delete, export and stop conversations. */
export function conversationRoutes(deps: ConversationDeps) {
  const { store, events, generations, imageJobs } = deps;

  const recordOf = (conversationId: string) => {
    const record = idSchema.safeParse(conversationId).success ? store.conversations.get(conversationId) : null;
    if (!record) throw notFound('The conversation');
    return record;
  };
  const detailOf = (conversationId: string): ConversationDetail => {
    const record = recordOf(conversationId);
    const messages = store.messages.listByConversation(record.id).map(({ conversationId: _, ...message }) =>
      message.role === 'assistant' ? { ...message, imageJobs: imageJobs.ofMessage(message.id) } : message,
    );
    return { ...toSummary(record), activeLeafId: record.activeLeafId, disabledTools: record.disabledTools, messages };
  };

  return new Hono()
    .get('/api/conversations', (c) => {
      const { q, limit, before } = readQuery(c, listConversationsQuery);
      const conversations = q ? store.conversations.search(q, { limit, before }) : store.conversations.list({ limit, before });
      const last = conversations.at(-1);
      const nextBefore = conversations.length === limit && last ? cursorOf(last) : null;
      return c.json({ conversations, nextBefore });
    })
    .get('/api/conversations/:id', (c) => c.json(detailOf(c.req.param('id'))))
    .patch('/api/conversations/:id', async (c) => {
      const { id } = recordOf(c.req.param('id'));
      const patch = await readJson(c, updateConversationRequest);
      if (patch.activeLeafId) {
        const leaf = store.messages.get(patch.activeLeafId);
        if (!leaf || leaf.conversationId !== id) throw badRequest('activeLeafId is not a message of this conversation.');
      }
      const updated = store.conversations.update(id, {
        ...(patch.title ? { title: patch.title, titleSource: 'user' as const, updatedAt: Date.now() } : {}),
        ...(patch.activeLeafId ? { activeLeafId: patch.activeLeafId } : {}),
        ...(patch.disabledTools ? { disabledTools: [...new Set(patch.disabledTools)] } : {}),
      });
      if (!updated) throw notFound('The conversation');
      const summary = toSummary(updated);
      if (patch.title) events.publish({ type: 'upserted', conversation: summary });
      return c.json(summary);
    })
    .delete('/api/conversations/:id', async (c) => {
      const { id } = recordOf(c.req.param('id'));
      await generations.stop(id);
      const uploadIds = store.uploads.idsOfConversation(id);
      store.conversations.delete(id);
      for (const uploadId of uploadIds) {
        store.uploads.delete(uploadId);
        await deps.uploadFiles.remove(uploadId).catch((error: unknown) => deps.logger.warn('could not remove an upload', { uploadId, error }));
      }
      events.publish({ type: 'deleted', id });
      return c.body(null, 204);
    })
    .post('/api/conversations/:id/stop', async (c) => {
      const { id } = recordOf(c.req.param('id'));
      return c.json({ stopped: await generations.stop(id) });
    })
    .get('/api/conversations/:id/export', (c) => {
      const format = exportFormat.safeParse(c.req.query('format') ?? 'markdown');
      if (!format.success) throw badRequest('format must be "markdown" or "json".');
      const conversation = detailOf(c.req.param('id'));
      const now = new Date();
      c.header('Cache-Control', 'no-store');
      if (format.data === 'json') {
        const body: ConversationExport = { format: 'tauceti.conversation.v1', exportedAt: now.getTime(), conversation };
        c.header('Content-Disposition', attachmentDisposition(conversation.title, 'json'));
        return c.body(JSON.stringify(body, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
      }
      c.header('Content-Disposition', attachmentDisposition(conversation.title, 'md'));
      return c.body(exportMarkdown(conversation, now), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    });
}
