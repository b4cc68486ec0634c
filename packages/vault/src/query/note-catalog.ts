import { createLinkResolver, type LinkResolver } from '../source/resolve-links.ts';
import type { NoteEntry } from '../store/note-columns.ts';
import { terms } from './terms.ts';

/** A note as the search knows it in memory: names for boosts, resolved links for expansion. */
export interface CatalogNote {
  noteId: string;
  path: string;
  title: string;
  /** The stems of the title, and of each alias: each one a name a question may use. */
  names: string[][];
  /** Paths of the notes it links to (resolved now, against the current paths). */
  links: string[];
}

/**
 * The manifest's titles, aliases and links, in memory: cheap (a few MB for 7,000 notes) and
 * rebuilt when the manifest changes, so boosts never cost a query.
 */
export interface NoteCatalog {
  readonly size: number;
  byId(noteId: string): CatalogNote | undefined;
  byPath(path: string): CatalogNote | undefined;
  /** Notes it links to and notes linking to it, each once, itself left out. */
  neighbours(path: string): CatalogNote[];
  /** Notes that link to it. */
  backlinks(path: string): CatalogNote[];
  /** Where a wikilink written in `fromPath` leads, the way Obsidian resolves it. */
  resolve(target: string, fromPath: string): CatalogNote | null;
  /**
   * How well the question names each note (0-1): the share of the best-matching name's weight
   * (rarer name words weigh more) that the question's terms cover. Only notes above 0.
   */
  nameMatches(queryTerms: readonly string[]): Map<string, number>;
}

export function buildNoteCatalog(entries: readonly NoteEntry[]): NoteCatalog {
  const resolver: LinkResolver = createLinkResolver(entries.map((entry) => entry.path));
  const notes = entries.map<CatalogNote>((entry) => ({
    noteId: entry.noteId,
    path: entry.path,
    title: entry.title,
    names: [entry.title, ...entry.aliases].map((name) => [...new Set(terms(name))]).filter((name) => name.length > 0),
    links: [...new Set(entry.links.map((target) => resolver.resolve(target, entry.path)).filter((p): p is string => p !== null && p !== entry.path))],
  }));
  const byId = new Map(notes.map((note) => [note.noteId, note]));
  const byPath = new Map(notes.map((note) => [note.path, note]));
  const linkers = new Map<string, CatalogNote[]>();
  for (const note of notes) {
    for (const target of note.links) {
      const list = linkers.get(target);
      if (list) list.push(note);
      else linkers.set(target, [note]);
    }
  }
  // Stem → notes naming it, with how rare the stem is among all names (a name word shared by many
  // notes, like "ideas" or "notes", says little about which one is meant).
  const namedBy = new Map<string, Set<CatalogNote>>();
  for (const note of notes) {
    for (const stem of note.names.flat()) {
      const set = namedBy.get(stem);
      if (set) set.add(note);
      else namedBy.set(stem, new Set([note]));
    }
  }
  const weight = (stem: string) => Math.log(1 + notes.length / (namedBy.get(stem)?.size ?? 1));

  return {
    size: notes.length,
    byId: (noteId) => byId.get(noteId),
    byPath: (path) => byPath.get(path),
    backlinks: (path) => linkers.get(path) ?? [],
    neighbours(path) {
      const self = byPath.get(path);
      const out = new Map<string, CatalogNote>();
      for (const target of self?.links ?? []) {
        const note = byPath.get(target);
        if (note) out.set(note.path, note);
      }
      for (const note of linkers.get(path) ?? []) out.set(note.path, note);
      out.delete(path);
      return [...out.values()];
    },
    resolve(target, fromPath) {
      const path = resolver.resolve(target, fromPath);
      return path === null ? null : (byPath.get(path) ?? null);
    },
    nameMatches(queryTerms) {
      const asked = new Set(queryTerms);
      const scores = new Map<string, number>();
      for (const stem of asked) {
        for (const note of namedBy.get(stem) ?? []) {
          if (scores.has(note.noteId)) continue;
          let best = 0;
          for (const name of note.names) {
            const total = name.reduce((sum, part) => sum + weight(part), 0);
            const covered = name.filter((part) => asked.has(part)).reduce((sum, part) => sum + weight(part), 0);
            if (total > 0) best = Math.max(best, covered / total);
          }
          if (best > 0) scores.set(note.noteId, best);
        }
      }
      return scores;
    },
  };
}
