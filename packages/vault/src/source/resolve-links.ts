import { posix } from 'node:path';
import type { NoteLink } from '../types.ts';

/** Resolves link targets to note paths the way Obsidian does. Built once per scan. */
export interface LinkResolver {
  /**
   * The vault path of the note `target` points at, seen from the note at `fromPath`; null when no
   * note matches or the target is an attachment. `''` (a `[[#Heading]]` link) is `fromPath` itself.
   */
  resolve(target: string, fromPath: string): string | null;
}

/**
 * Attachment types Obsidian opens (PROTOCOLS §4, "Accepted file formats"): a target with one of
 * these extensions is never a note, even when a note of that name exists (`photo.png.md`).
 */
const ATTACHMENT_EXTENSIONS = new Set([
  ...['avif', 'bmp', 'gif', 'jpeg', 'jpg', 'png', 'svg', 'webp'],
  ...['flac', 'm4a', 'mp3', 'ogg', 'wav', 'webm', '3gp', 'mkv', 'mov', 'mp4', 'ogv'],
  ...['pdf', 'canvas', 'base'],
]);

/** Case, and Unicode composition (macOS and some NAS shares store names decomposed), do not matter. */
const fold = (text: string): string => text.normalize('NFC').toLowerCase();
const withoutMd = (path: string): string => path.replace(/\.md$/i, '');
const folderOf = (path: string): string => posix.dirname(path);

/**
 * Builds a resolver over the vault's note paths (sorted once, two maps; each lookup is O(1) plus
 * the few notes sharing a name). Paths that are not `.md` are ignored. Rules:
 * - `''` → the linking note.
 * - A target with a folder (`Folder/Note`, with or without `.md`) is a path from the vault root,
 *   then from the linking note's folder (`./`, `../` only from there), then the end of a longer
 *   path (`Sub/Note` finds `Projects/Sub/Note.md`).
 * - A bare name matches file names without `.md`. When several notes share it: the one in the
 *   linking note's folder, else the fewest folders deep, then the shortest path, then code-unit
 *   order. An exact-case match wins over a case-folded one.
 */
export function createLinkResolver(paths: readonly string[]): LinkResolver {
  const notes = paths.filter((path) => /\.md$/i.test(path)).sort(byPreference);
  const byPath = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const path of notes) {
    const key = fold(withoutMd(path));
    if (!byPath.has(key)) byPath.set(key, path);
    const name = key.slice(key.lastIndexOf('/') + 1);
    const named = byName.get(name);
    if (named) named.push(path);
    else byName.set(name, [path]);
  }

  const exact = (candidates: readonly string[], wanted: string): string | undefined =>
    candidates.find((path) => withoutMd(path) === wanted);

  const byFullPath = (wanted: string): string | null => {
    const key = fold(wanted);
    const name = byName.get(key.slice(key.lastIndexOf('/') + 1)) ?? [];
    return exact(name, wanted) ?? byPath.get(key) ?? null;
  };

  /** Among notes sharing a name: the linking note's folder first, else the preferred order. */
  const pick = (candidates: readonly string[], wanted: string, fromPath: string): string | null => {
    if (candidates.length <= 1) return candidates[0] ?? null;
    const fromFolder = folderOf(fromPath);
    const near = candidates.filter((path) => folderOf(path) === fromFolder);
    const pool = near.length > 0 ? near : candidates;
    return pool.find((path) => withoutMd(path).endsWith(wanted)) ?? pool[0] ?? null;
  };

  return {
    resolve(target: string, fromPath: string): string | null {
      const trimmed = target.trim().replace(/^\/+/, '');
      if (trimmed === '') return fromPath;
      const extension = /\.([^./]+)$/.exec(trimmed)?.[1]?.toLowerCase();
      if (extension && ATTACHMENT_EXTENSIONS.has(extension)) return null;
      const wanted = withoutMd(trimmed);
      const slash = wanted.lastIndexOf('/');
      if (slash === -1) return pick(byName.get(fold(wanted)) ?? [], wanted, fromPath);

      const relative = posix.normalize(posix.join(folderOf(fromPath), wanted));
      const fromHere = relative.startsWith('../') ? null : byFullPath(relative);
      if (wanted.startsWith('./') || wanted.startsWith('../')) return fromHere;
      const fromRoot = byFullPath(posix.normalize(wanted));
      if (fromRoot ?? fromHere) return fromRoot ?? fromHere;
      // A partial path: notes of that name whose path ends with it.
      const suffix = `/${fold(wanted)}`;
      const named = byName.get(fold(wanted.slice(slash + 1))) ?? [];
      return pick(
        named.filter((path) => fold(withoutMd(path)).endsWith(suffix)),
        wanted,
        fromPath,
      );
    },
  };
}

/**
 * A copy of the note with every `links[].resolved` filled by the resolver (the other fields as
 * they were). Works on a `ParsedNote` or a `NoteDocument`, and returns the same type.
 */
export function resolveNoteLinks<T extends { path: string; links: NoteLink[] }>(note: T, resolver: LinkResolver): T {
  const links = note.links.map(({ target, heading, block, alias, embed }) => ({
    target,
    heading,
    block,
    alias,
    embed,
    resolved: resolver.resolve(target, note.path),
  }));
  return { ...note, links };
}

/** Fewest folders deep, then shortest, then code-unit order: the same on every machine. */
function byPreference(a: string, b: string): number {
  const depth = a.split('/').length - b.split('/').length;
  if (depth !== 0) return depth;
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
