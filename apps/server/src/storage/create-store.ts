import { createConversationStore } from './conversation-store.ts';
import { createImageStore } from './image-store.ts';
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
    images: createImageStore(db),
    /** Runs `work` in one transaction (all or nothing), synced to disk before it returns. */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
    /**
     * Runs `work` in one transaction that survives a crash of this process at once, and a power cut
     * from the next synced commit on (the WAL is one file: syncing it keeps every earlier commit).
     * For the rows written before Ollama is called, where a disk flush would delay the first token;
     * the answer's final save is a synced commit. (docs/architecture/durability.md)
     */
    transactionUnsynced<T>(work: () => T): T {
      db.pragma('synchronous = NORMAL');
      try {
        return db.transaction(work)();
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
  };
}

export type Store = ReturnType<typeof createStore>;
