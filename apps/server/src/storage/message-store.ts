import type { Attachment, MessagePart, MessageStatus, StoredMessage, Usage } from '@tauceti/contracts';
import { type MessageAnnotations, readAnnotations, readParts, writeAnnotations, writeParts } from './message-columns.ts';
import type { Db } from './open-database.ts';

interface MessageRow {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: 'user' | 'assistant';
  text: string;
  reasoning: string;
  model: string | null;
  status: MessageStatus;
  error: string | null;
  usage: string | null;
  parts: string | null;
  annotations: string | null;
  created_at: number;
  updated_at: number;
}

interface AttachmentRow {
  id: string;
  name: string;
  media_type: Attachment['mediaType'];
  size_bytes: number;
  message_id: string;
}

export interface MessageRecord extends StoredMessage {
  conversationId: string;
}

export interface NewMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  text: string;
  model: string | null;
  status: MessageStatus;
  createdAt: number;
}

export interface MessageProgress {
  text: string;
  reasoning: string;
  /** In order; omitted for an answer of plain text and reasoning. */
  parts?: readonly MessagePart[];
  annotations?: MessageAnnotations;
  status: MessageStatus;
  error?: string | null;
  usage?: Usage | null;
  updatedAt: number;
}

export const attachmentUrl = (id: string) => `/api/uploads/${id}`;

const toAttachment = (row: AttachmentRow): Attachment => ({
  id: row.id,
  name: row.name,
  mediaType: row.media_type,
  sizeBytes: row.size_bytes,
  url: attachmentUrl(row.id),
});

function parseUsage(raw: string | null): Usage | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Usage>;
    return { inputTokens: value.inputTokens ?? null, outputTokens: value.outputTokens ?? null };
  } catch {
    return null;
  }
}

const toRecord = (row: MessageRow, attachments: Attachment[]): MessageRecord => ({
  id: row.id,
  conversationId: row.conversation_id,
  parentId: row.parent_id,
  role: row.role,
  text: row.text,
  reasoning: row.reasoning,
  attachments,
  model: row.model,
  status: row.status,
  error: row.error,
  usage: parseUsage(row.usage),
  parts: readParts(row.parts, row.text, row.reasoning),
  ...readAnnotations(row.annotations),
  // Image jobs live in their own table; the routes that serve messages join them in.
  imageJobs: [],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Messages of every conversation: a tree per conversation through `parent_id`. */
export function createMessageStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_id, role, text, model, status, created_at, updated_at)
     VALUES (@id, @conversationId, @parentId, @role, @text, @model, @status, @createdAt, @createdAt)`,
  );
  const byId = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?');
  const byConversation = db.prepare<[string], MessageRow>(
    'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid',
  );
  const attachmentsOfMessage = db.prepare<[string], AttachmentRow>(
    'SELECT * FROM uploads WHERE message_id = ? ORDER BY position',
  );
  const attachmentsOfConversation = db.prepare<[string], AttachmentRow>(
    `SELECT u.* FROM uploads u JOIN messages m ON m.id = u.message_id
     WHERE m.conversation_id = ? ORDER BY u.position`,
  );
  // Root-first chain of ancestors of a message, itself included.
  const ancestry = db.prepare<[string], MessageRow>(
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT id, 0 FROM messages WHERE id = ?
       UNION ALL
       SELECT m.parent_id, chain.depth + 1 FROM messages m JOIN chain ON m.id = chain.id
       WHERE m.parent_id IS NOT NULL
     )
     SELECT m.* FROM chain JOIN messages m ON m.id = chain.id ORDER BY chain.depth DESC`,
  );
  const progress = db.prepare(
    `UPDATE messages SET text = @text, reasoning = @reasoning, parts = @parts, annotations = @annotations,
       status = @status, error = @error, usage = @usage, updated_at = @updatedAt WHERE id = @id`,
  );
  const interruptAll = db.prepare(
    `UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'`,
  );

  const withAttachments = (rows: MessageRow[], attachments: AttachmentRow[]): MessageRecord[] => {
    const byMessage = new Map<string, Attachment[]>();
    for (const row of attachments) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push(toAttachment(row));
      byMessage.set(row.message_id, list);
    }
    return rows.map((row) => toRecord(row, byMessage.get(row.id) ?? []));
  };

  return {
    insert(message: NewMessage): void {
      insert.run(message);
    },

    get(id: string): MessageRecord | null {
      const row = byId.get(id);
      return row ? toRecord(row, attachmentsOfMessage.all(id).map(toAttachment)) : null;
    },

    /** Every message of a conversation, oldest first. */
    listByConversation(conversationId: string): MessageRecord[] {
      return withAttachments(byConversation.all(conversationId), attachmentsOfConversation.all(conversationId));
    },

    /** The branch from the first message down to `id`, in order. */
    path(id: string): MessageRecord[] {
      const rows = ancestry.all(id);
      const conversationId = rows[0]?.conversation_id;
      // One query for the conversation's attachments, not one per message of a long branch.
      return withAttachments(rows, conversationId ? attachmentsOfConversation.all(conversationId) : []);
    },

    /** Saves what has streamed so far, or the final state of an answer. */
    saveProgress(id: string, update: MessageProgress): void {
      progress.run({
        id,
        text: update.text,
        reasoning: update.reasoning,
        parts: update.parts ? writeParts(update.parts) : null,
        annotations: update.annotations ? writeAnnotations(update.annotations) : null,
        status: update.status,
        error: update.error ?? null,
        usage: update.usage ? JSON.stringify(update.usage) : null,
        updatedAt: update.updatedAt,
      });
    },

    /** At start-up: answers that were streaming when the process died can no longer finish. */
    interruptStreaming(now: number): number {
      return interruptAll.run(now).changes;
    },
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;
