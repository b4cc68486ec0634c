import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../source/decode-text.ts';
import { readNote } from '../source/read-note.ts';
import { viewerMarkdown } from '../source/viewer-markdown.ts';
import type { LinkResolver } from '../source/resolve-links.ts';
import type { NoteEntry } from '../store/note-columns.ts';
import type { NoteDocument } from '../types.ts';

/** A vault-relative path as the scanner writes it: no NUL, not absolute, no `..`, no backslash. */
function isPlainVaultPath(notePath: string): boolean {
  if (notePath === '' || notePath.includes('\0') || notePath.includes('\\')) return false;
  if (path.posix.isAbsolute(notePath) || path.win32.isAbsolute(notePath)) return false;
  return notePath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The realpath must be the root or below it: a bare prefix test would let `<root>-secret` in. */
function isInside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/**
 * Reads a note the index knows, fresh from the vault, for the viewer. The path comes from the
 * manifest only (never from a caller), and the file's realpath must stay inside the vault's
 * (SECURITY.md T9: a symlink swapped in pointing outside is refused). Null when the file is gone,
 * unreadable or refused.
 */
export function readIndexedNote(root: string, entry: NoteEntry, resolver: LinkResolver): { document: NoteDocument; markdown: string } | null {
  if (!isPlainVaultPath(entry.path)) return null;
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(path.join(root, ...entry.path.split('/')));
    if (!isInside(real, realRoot)) return null;
    const stats = statSync(real);
    if (!stats.isFile()) return null;
    const document = readNote({ path: entry.path, absolutePath: real, size: stats.size, mtimeMs: stats.mtimeMs }, { resolver });
    // As written (callouts and links intact), without frontmatter and %% comments %%.
    return { document, markdown: viewerMarkdown(decodeText(readFileSync(real)).text) };
  } catch {
    return null;
  }
}
