import type { Attachment } from '@tauceti/contracts';
import type { Db } from './open-database.ts';
import { attachmentUrl } from './message-store.ts';

interface UploadRow {
  id: string;
  name: string;
  media_type: Attachment['mediaType'];
  size_bytes: number;
  message_id: string | null;
  created_at: number;
}

const toAttachment = (row: UploadRow): Attachment => ({
  id: row.id,
  name: row.name,
  mediaType: row.media_type,
  sizeBytes: row.size_bytes,
  url: attachmentUrl(row.id),
});

/** Rows of the images people attach; the bytes live in `DATA_DIR/uploads/<id>`. */
export function createUploadStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO uploads (id, name, media_type, size_bytes, created_at)
     VALUES (@id, @name, @mediaType, @sizeBytes, @createdAt)`,
  );
  const byId = db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?');
  const attach = db.prepare('UPDATE uploads SET message_id = ?, position = ? WHERE id = ? AND message_id IS NULL');
  const ofConversation = db.prepare<[string], { id: string }>(
    'SELECT u.id FROM uploads u JOIN messages m ON m.id = u.message_id WHERE m.conversation_id = ?',
  );
  const orphans = db.prepare<[number], { id: string }>(
    'SELECT id FROM uploads WHERE message_id IS NULL AND created_at < ?',
  );
  const remove = db.prepare('DELETE FROM uploads WHERE id = ?');

  return {
    insert(upload: Omit<Attachment, 'url'> & { createdAt: number }): Attachment {
      insert.run(upload);
      const { id, name, mediaType, sizeBytes } = upload;
      return { id, name, mediaType, sizeBytes, url: attachmentUrl(id) };
    },

    get(id: string): Attachment | null {
      const row = byId.get(id);
      return row ? toAttachment(row) : null;
    },

    /** Binds uploads to the message they were sent with; false if one is missing or already used. */
    attach(messageId: string, uploadIds: string[]): boolean {
      return uploadIds.every((uploadId, position) => attach.run(messageId, position, uploadId).changes === 1);
    },

    idsOfConversation(conversationId: string): string[] {
      return ofConversation.all(conversationId).map((row) => row.id);
    },

    /** Uploads never sent with a message, older than `cutoff`. */
    orphansBefore(cutoff: number): string[] {
      return orphans.all(cutoff).map((row) => row.id);
    },

    delete(id: string): void {
      remove.run(id);
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
