import type { ScanResult, ScannedFile } from '../source/scan-vault.ts';
import type { NoteEntry } from '../store/note-columns.ts';

/** What a scan means for the index, before any file is read. */
export interface SyncPlan {
  /** Same size and mtime as in the manifest: not read at all. */
  unchanged: NoteEntry[];
  /** New paths, or known paths whose size or mtime changed: read, hashed, and indexed if changed. */
  toRead: ScannedFile[];
  /** Known paths the scan no longer lists: deleted, unless a new path turns out to hold the same bytes (a rename). */
  gone: NoteEntry[];
  /** Known paths the scan could not look at (an unreadable folder or file): kept as they are. */
  kept: NoteEntry[];
}

/**
 * Compares a scan with the manifest by size and mtime (a restart over an unchanged vault reads no
 * file). Notes under a folder the scan could not list are kept, not deleted: a permission or I/O
 * error on a share is not a deletion.
 */
export function planSync(scan: Pick<ScanResult, 'files' | 'skipped'>, manifest: ReadonlyMap<string, NoteEntry>): SyncPlan {
  const unreadable = scan.skipped.filter((entry) => entry.reason === 'unreadable').map((entry) => entry.path);
  const isUnreadable = (notePath: string) =>
    unreadable.some((skipped) => notePath === skipped || notePath.startsWith(`${skipped}/`));
  const unchanged: NoteEntry[] = [];
  const toRead: ScannedFile[] = [];
  const seen = new Set<string>();
  for (const file of scan.files) {
    seen.add(file.path);
    const known = manifest.get(file.path);
    if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) unchanged.push(known);
    else toRead.push(file);
  }
  const gone: NoteEntry[] = [];
  const kept: NoteEntry[] = [];
  for (const entry of manifest.values()) {
    if (seen.has(entry.path)) continue;
    if (isUnreadable(entry.path)) kept.push(entry);
    else gone.push(entry);
  }
  return { unchanged, toRead, gone, kept };
}
