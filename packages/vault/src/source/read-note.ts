import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NoteDocument } from '../types.ts';
import { decodeText } from './decode-text.ts';
import { VaultIndexError } from './errors.ts';
import { parseNote } from './parse-note.ts';
import { resolveNoteLinks, type LinkResolver } from './resolve-links.ts';
import type { ScannedFile } from './scan-vault.ts';

export interface ReadNoteOptions {
  /**
   * Fills `links[].resolved`; without one every link stays unresolved (null), for a later
   * `resolveNoteLinks` once all paths are known.
   * @default undefined
   */
  resolver?: LinkResolver;
}

/**
 * Reads one scanned note (synchronously: per-file async reads are the slow part of ingestion,
 * PERFORMANCE §3.2), hashes its bytes and parses it. Bytes that are not UTF-8 are read as
 * Windows-1252 with a warning. Never writes anything.
 *
 * @throws VaultIndexError (`note_unreadable`) when the file cannot be read.
 */
export function readNote(file: ScannedFile, options: ReadNoteOptions = {}): NoteDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new VaultIndexError(`Cannot read the note ${file.absolutePath} (${code})`, {
      code: 'note_unreadable',
      path: file.absolutePath,
      cause: error,
    });
  }
  const decoded = decodeText(bytes);
  const parsed = parseNote({ path: file.path, text: decoded.text });
  const note: NoteDocument = {
    ...parsed,
    contentHash: hash('sha256', bytes, 'hex'),
    // What was read, not what the scan saw: the file may have changed in between.
    size: bytes.length,
    mtimeMs: file.mtimeMs,
    warnings: decoded.warning ? [decoded.warning, ...parsed.warnings] : parsed.warnings,
  };
  return options.resolver ? resolveNoteLinks(note, options.resolver) : note;
}
