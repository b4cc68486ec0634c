import type Database from 'better-sqlite3';

/**
 * Schema versions, applied in order inside one transaction each. Never edit a released step:
 * add a new one.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE conversations (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL DEFAULT '',
    -- 'provisional' (cut from the first question), 'generated' (by the model) or 'user' (renamed)
    title_source   TEXT NOT NULL DEFAULT 'provisional',
    model          TEXT,
    active_leaf_id TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
  );
  CREATE INDEX conversations_by_update ON conversations (updated_at DESC);

  CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    parent_id       TEXT REFERENCES messages (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    text            TEXT NOT NULL DEFAULT '',
    reasoning       TEXT NOT NULL DEFAULT '',
    model           TEXT,
    status          TEXT NOT NULL CHECK (status IN ('streaming', 'done', 'stopped', 'error', 'interrupted')),
    error           TEXT,
    usage           TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
  );
  CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at);
  CREATE INDEX messages_by_parent ON messages (parent_id);
  CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

  CREATE TABLE uploads (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    message_id  TEXT REFERENCES messages (id) ON DELETE SET NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
  );
  CREATE INDEX uploads_by_message ON uploads (message_id);

  -- Full-text search over what was said; kept in step with messages by triggers.
  CREATE VIRTUAL TABLE messages_fts USING fts5 (
    text, content = 'messages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
  END;
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
  END;
  `,
  // Tool steps and sources (issue 5): an answer's parts in order, and what the turn could cite.
  `
  ALTER TABLE messages ADD COLUMN parts TEXT;          -- JSON array of messagePart; NULL: one text part
  ALTER TABLE messages ADD COLUMN annotations TEXT;    -- JSON { sources, citations, context, notices }
  ALTER TABLE conversations ADD COLUMN disabled_tools TEXT NOT NULL DEFAULT '[]';  -- JSON array of tool names
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${current}) is newer than this Tau Ceti (version ${MIGRATIONS.length}); ` +
        'run a newer Tau Ceti or restore a backup.',
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
