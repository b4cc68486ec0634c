import {
  noteView,
  notesSearchResponse,
  vaultStatusResponse,
  type NoteView,
  type NotesSearchResponse,
  type VaultStatusResponse,
} from '@tauceti/contracts';
import { requestJson } from './http.ts';

/** `GET /api/vault/status`: whether a vault is configured and where its index stands. */
export function getVaultStatus(signal?: AbortSignal): Promise<VaultStatusResponse> {
  return requestJson('/api/vault/status', { schema: vaultStatusResponse, signal });
}

export interface SearchNotesOptions {
  /** @default the server's (10) */
  limit?: number;
  signal?: AbortSignal;
}

/** `GET /api/vault/search`: works without any language model; 503 `unavailable` while the index opens. */
export function searchNotes(query: string, options: SearchNotesOptions = {}): Promise<NotesSearchResponse> {
  const params = new URLSearchParams({ q: query });
  if (options.limit !== undefined) params.set('limit', String(options.limit));
  return requestJson(`/api/vault/search?${params}`, { schema: notesSearchResponse, signal: options.signal });
}

/** `GET /api/vault/notes/:id`: one note for the viewer; 404 for an id the index does not know. */
export function getNote(id: string, signal?: AbortSignal): Promise<NoteView> {
  return requestJson(`/api/vault/notes/${encodeURIComponent(id)}`, { schema: noteView, signal });
}
