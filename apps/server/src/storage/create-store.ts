import { createConversationStore } from './conversation-store.ts';
import { createMessageStore } from './message-store.ts';
import type { Db } from './open-database.ts';
import { createUploadStore } from './upload-store.ts';

/** Everything kept in SQLite, grouped by table. */
export function createStore(db: Db) {
  return {
    db,
    conversations: createConversationStore(db),
    messages: createMessageStore(db),
    uploads: createUploadStore(db),
    /** Runs `work` in one transaction (all or nothing). */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
