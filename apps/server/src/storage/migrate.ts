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
  // Image jobs and the images they made (issue 7). A job outlives a restart: its ComfyUI prompt id
  // is stored before the prompt is sent, so a job in flight is found again in ComfyUI's history.
  `
  CREATE TABLE image_jobs (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE,
    message_id      TEXT REFERENCES messages (id) ON DELETE CASCADE,
    variant_of      TEXT REFERENCES image_jobs (id) ON DELETE SET NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'waiting-gpu', 'running', 'done', 'failed', 'stopped', 'interrupted')),
    params          TEXT NOT NULL,         -- JSON imageParams, as asked
    workflow        TEXT NOT NULL,
    checkpoint      TEXT,
    seed            INTEGER,
    prompt_id       TEXT UNIQUE,           -- ComfyUI's, made by us before POST /prompt
    error           TEXT,                  -- JSON { message, node, nodeType }
    created_at      INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER
  );
  CREATE INDEX image_jobs_by_message ON image_jobs (message_id, created_at);
  CREATE INDEX image_jobs_unfinished ON image_jobs (state) WHERE state IN ('queued', 'waiting-gpu', 'running');

  CREATE TABLE images (
    id              TEXT PRIMARY KEY,
    job_id          TEXT NOT NULL REFERENCES image_jobs (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    sha256          TEXT NOT NULL,         -- the file under DATA_DIR/images
    media_type      TEXT NOT NULL,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    size_bytes      INTEGER NOT NULL,
    prompt          TEXT NOT NULL,
    negative_prompt TEXT NOT NULL DEFAULT '',
    seed            INTEGER NOT NULL,
    steps           INTEGER,
    cfg             REAL,
    workflow        TEXT NOT NULL,
    checkpoint      TEXT,
    duration_ms     INTEGER,
    created_at      INTEGER NOT NULL
  );
  CREATE INDEX images_by_job ON images (job_id, position);
  CREATE INDEX images_newest ON images (created_at DESC, id DESC);
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
