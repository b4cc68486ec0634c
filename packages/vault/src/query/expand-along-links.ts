import type { SearchHit } from '../types.ts';
import type { ChunkMatch } from '../store/chunk-columns.ts';
import { bestChunk } from './best-chunk.ts';
import type { NoteCatalog } from './note-catalog.ts';

/** A note in the ranking: its best chunk and score. */
export interface RankedNote {
  chunk: ChunkMatch;
  /** The best chunk's score (fusion + heading boost). */
  chunkScore: number;
  /** The note's score: the chunk's plus name and link boosts. */
  score: number;
  matchedBy: Set<SearchHit['matchedBy'][number]>;
  /** Found by the search itself, not only through a link. */
  direct: boolean;
}

/** Best first; equal scores in path order, so results are stable. */
export const byScore = (a: RankedNote, b: RankedNote) =>
  b.score - a.score || (a.chunk.notePath < b.chunk.notePath ? -1 : a.chunk.notePath > b.chunk.notePath ? 1 : 0);

/** The best hits whose links are followed, and how close to the top one they must be. */
const SEEDS = 3;
const SEED_MIN_SHARE = 0.5;
/** A relevant note linked from a best hit gains this share of that hit's score… */
const LINK_BONUS = 0.1;
/** …and a note found only through the link starts at this share of it. */
const LINKED_ONLY_SHARE = 0.5;
/** Linked-only notes that may join, in all. */
const LINKED_ONLY_MAX = 3;

export interface ExpandAlongLinksInput {
  ranked: RankedNote[];
  catalog: NoteCatalog;
  limit: number;
  asked: readonly string[];
  chunksOfNotes: (noteIds: readonly string[]) => Promise<ChunkMatch[]>;
}

/**
 * One hop along links and backlinks of the best hits. A linked note that was also found moves up
 * by a small share of the linking hit's score, but never past that hit; a linked note nothing else
 * found joins at half of it (so below every strong direct hit), with its chunk that best fits the
 * question.
 */
export async function expandAlongLinks(input: ExpandAlongLinksInput): Promise<RankedNote[]> {
  const { ranked, catalog } = input;
  const top = ranked[0];
  if (!top) return ranked;
  const byId = new Map(ranked.map((note) => [note.chunk.noteId, note]));
  const seeds = ranked.filter((note) => note.direct && note.score >= SEED_MIN_SHARE * top.score).slice(0, SEEDS);
  const linkedOnly = new Map<string, number>();

  for (const seed of seeds) {
    for (const neighbour of catalog.neighbours(seed.chunk.notePath)) {
      const found = byId.get(neighbour.noteId);
      if (found) {
        if (found === seed || found.score >= seed.score) continue;
        // Capped just under the seed: a link never lifts a note over the hit that links to it.
        found.score = Math.min(found.score + LINK_BONUS * seed.score, seed.score * 0.999);
        found.matchedBy.add('link');
      } else {
        linkedOnly.set(neighbour.noteId, Math.max(linkedOnly.get(neighbour.noteId) ?? 0, LINKED_ONLY_SHARE * seed.score));
      }
    }
  }
  ranked.sort(byScore);
  if (linkedOnly.size === 0) return ranked;

  // Only the linked notes that would make the list are read from the store.
  const floor = ranked[input.limit - 1]?.score ?? 0;
  const joining = [...linkedOnly]
    .filter(([, score]) => score > floor)
    .sort((a, b) => b[1] - a[1])
    .slice(0, LINKED_ONLY_MAX);
  if (joining.length === 0) return ranked;
  const chunks = await input.chunksOfNotes(joining.map(([noteId]) => noteId)).catch(() => []);
  for (const [noteId, score] of joining) {
    const chunk = bestChunk(chunks.filter((candidate) => candidate.noteId === noteId), input.asked);
    if (chunk) ranked.push({ chunk, chunkScore: 0, score, matchedBy: new Set(['link']), direct: false });
  }
  return ranked.sort(byScore);
}
