import { type ConversationListItem, type ConversationSummary, toolName } from '@tauceti/contracts';
import { z } from 'zod';
// Snippet marks are char(2) and char(3): SNIPPET_MATCH_START and SNIPPET_MATCH_END of the contract.
import type { Db } from './open-database.ts';
import { toFtsQuery, toLikePattern } from './search-query.ts';

export type TitleSource = 'provisional' | 'generated' | 'user';

export interface ConversationRecord extends ConversationSummary {
  titleSource: TitleSource;
  activeLeafId: string | null;
  /** Tools switched off for this conversation. */
  disabledTools: string[];
}

interface ConversationRow {
  id: string;
  title: string;
  title_source: TitleSource;
  model: string | null;
  active_leaf_id: string | null;
  disabled_tools: string;
  created_at: number;
  updated_at: number;
  snippet?: string | null;
}

const toRecord = (row: ConversationRow): ConversationRecord => ({
  id: row.id,
  title: row.title,
  titleSource: row.title_source,
  model: row.model,
  activeLeafId: row.active_leaf_id,
  disabledTools: parseToolNames(row.disabled_tools),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toolNames = z.array(toolName);

function parseToolNames(raw: string): string[] {
  try {
    const parsed = toolNames.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export const toSummary = ({ id, title, model, createdAt, updatedAt }: ConversationRecord): ConversationSummary => ({
  id,
  title,
  model,
  createdAt,
  updatedAt,
});

export interface ListOptions {
  limit: number;
  /** `cursorOf` the last row already shown: the page starts after it. */
  before?: string | undefined;
}

/** Rows are ordered by `updatedAt` then id, so the cursor is both: rows saved in the same millisecond are never skipped. */
export const cursorOf = (row: { updatedAt: number; id: string }) => `${row.updatedAt}_${row.id}`;

function parseCursor(cursor: string | undefined): { beforeTime: number | null; afterId: string } {
  if (!cursor) return { beforeTime: null, afterId: '' };
  const split = cursor.indexOf('_');
  return { beforeTime: Number(cursor.slice(0, split)), afterId: cursor.slice(split + 1) };
}

export interface ConversationPatch {
  title?: string;
  titleSource?: TitleSource;
  model?: string;
  activeLeafId?: string;
  disabledTools?: readonly string[];
  updatedAt?: number;
}

/** Conversations: the rows the sidebar lists, searches, renames and deletes. */
export function createConversationStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO conversations (id, title, title_source, model, active_leaf_id, disabled_tools, created_at, updated_at)
     VALUES (@id, @title, @titleSource, @model, NULL, @disabledTools, @createdAt, @createdAt)`,
  );
  const byId = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
  const page = db.prepare<{ beforeTime: number | null; afterId: string; limit: number }, ConversationRow>(
    `SELECT * FROM conversations
     WHERE @beforeTime IS NULL OR updated_at < @beforeTime OR (updated_at = @beforeTime AND id > @afterId)
     ORDER BY updated_at DESC, id LIMIT @limit`,
  );
  // One row per conversation whose title or messages match, with the best message snippet.
  const search = db.prepare<
    { fts: string | null; like: string; beforeTime: number | null; afterId: string; limit: number },
    ConversationRow
  >(
    `WITH hits AS (
       SELECT m.conversation_id AS cid,
              snippet(messages_fts, 0, char(2), char(3), '…', 16) AS snippet,
              bm25(messages_fts) AS rank
       FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
       WHERE @fts IS NOT NULL AND messages_fts MATCH @fts
     ),
     best AS (
       SELECT cid, snippet, ROW_NUMBER() OVER (PARTITION BY cid ORDER BY rank) AS n FROM hits
     )
     SELECT c.*, best.snippet AS snippet
     FROM conversations c LEFT JOIN best ON best.cid = c.id AND best.n = 1
     WHERE (best.cid IS NOT NULL OR c.title LIKE @like ESCAPE '\\')
       AND (@beforeTime IS NULL OR c.updated_at < @beforeTime OR (c.updated_at = @beforeTime AND c.id > @afterId))
     ORDER BY c.updated_at DESC, c.id
     LIMIT @limit`,
  );
  const remove = db.prepare('DELETE FROM conversations WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM conversations');

  return {
    create(input: { id: string; title: string; model: string | null; createdAt: number; disabledTools?: readonly string[] }): ConversationRecord {
      insert.run({ ...input, titleSource: 'provisional' satisfies TitleSource, disabledTools: JSON.stringify(input.disabledTools ?? []) });
      return this.get(input.id) as ConversationRecord;
    },

    get(id: string): ConversationRecord | null {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },

    list({ limit, before }: ListOptions): ConversationListItem[] {
      return page.all({ ...parseCursor(before), limit }).map((row) => ({ ...toSummary(toRecord(row)), snippet: null }));
    },

    /** Full-text search over titles and message text, newest first. */
    search(query: string, { limit, before }: ListOptions): ConversationListItem[] {
      const rows = search.all({ fts: toFtsQuery(query), like: toLikePattern(query), ...parseCursor(before), limit });
      return rows.map((row) => ({ ...toSummary(toRecord(row)), snippet: row.snippet ?? null }));
    },

    update(id: string, patch: ConversationPatch): ConversationRecord | null {
      const sets: string[] = [];
      const values: Record<string, unknown> = { id };
      const columns: Record<keyof ConversationPatch, string> = {
        title: 'title',
        titleSource: 'title_source',
        model: 'model',
        activeLeafId: 'active_leaf_id',
        disabledTools: 'disabled_tools',
        updatedAt: 'updated_at',
      };
      for (const [key, column] of Object.entries(columns) as [keyof ConversationPatch, string][]) {
        if (patch[key] === undefined) continue;
        sets.push(`${column} = @${key}`);
        values[key] = key === 'disabledTools' ? JSON.stringify(patch[key]) : patch[key];
      }
      if (sets.length > 0) db.prepare(`UPDATE conversations SET ${sets.join(', ')} WHERE id = @id`).run(values);
      return this.get(id);
    },

    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },

    count(): number {
      return count.get()?.n ?? 0;
    },
  };
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
