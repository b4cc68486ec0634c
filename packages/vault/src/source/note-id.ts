import { hash } from 'node:crypto';

/**
 * A note's id: the first 16 hex digits of the sha1 of its vault path. Stable for a path, so the
 * index can address a note without a lookup; a rename gives a new id (the sync moves the entry by
 * content hash instead of re-embedding it).
 */
export function noteId(path: string): string {
  return hash('sha1', path, 'hex').slice(0, 16);
}
