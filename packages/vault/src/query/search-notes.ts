import type { SearchHit } from '../types.ts';
import type { ChunkMatch } from '../store/chunk-columns.ts';
import type { ScoredMatch } from '../store/open-vault-store.ts';
import { bestChunk, headingMatch } from './best-chunk.ts';
import { byScore, expandAlongLinks, type RankedNote } from './expand-along-links.ts';
import { makeSnippet } from './make-snippet.ts';
import type { NoteCatalog } from './note-catalog.ts';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.ts';
import { fullTextQuery, terms } from './terms.ts';

/** What the search reads: the store's queries (tests pass their own). */
export interface SearchSource {
  fullText(query: string, limit: number): Promise<ScoredMatch[]>;
  nearest(vector: Float32Array, limit: number): Promise<ScoredMatch[]>;
  chunksOfNotes(noteIds: readonly string[]): Promise<ChunkMatch[]>;
}

export interface SearchNotesOptions {
  /** The question as the person typed it. */
  query: string;
  /**
   * How many notes to return at most (one hit per note).
   * @default 8
   */
  limit?: number;
  signal?: AbortSignal;
  /**
   * Follow links and backlinks of the best hits one hop: a linked note that is also relevant moves
   * up a little, and a linked note nothing else found may join below them.
   * @default true
   */
  expandLinks?: boolean;
  source: SearchSource;
  /** The notes' names and links, in memory (built once from the manifest). */
  catalog: () => Promise<NoteCatalog>;
  /** The question's vector, or null (no embedder, or it failed): full text only then. */
  embedQuery?: (query: string, signal?: AbortSignal) => Promise<Float32Array | null>;
  /** Told when one side of the search failed and the other answered alone. */
  onError?: (stage: 'fts' | 'vector', error: unknown) => void;
}

/** Weights, in units of a first place in every ranking (= 1, see `reciprocalRankFusion`). */
// Measured over the fixture questions: hit@1 stays the same for name weights 0.2-0.8 and heading
// weights 0.1-0.5; these sit inside that range.
const NAME_WEIGHT = 0.35;
const HEADING_WEIGHT = 0.2;
/** Vector neighbours below this share of the nearest one's similarity are left out. */
const VECTOR_MIN_SHARE = 0.5;
/** Candidates read from each side: enough for grouping per note to still fill `limit`. */
const POOL_MIN = 40;
/** Notes whose names the question covers this well are looked up even when no chunk of theirs was found. */
const NAME_LOOKUP_MIN = 0.99;

type Source = SearchHit['matchedBy'][number];

interface Candidate {
  chunk: ChunkMatch;
  score: number;
  matchedBy: Set<Source>;
}

/**
 * Searches the notes: full text (and vectors, when the question can be embedded) in parallel,
 * fused by reciprocal rank (k = 60); title, alias and heading matches boosted; grouped per note
 * (its best chunk); optionally expanded one hop along links. Best first.
 */
export async function searchNotes(options: SearchNotesOptions): Promise<SearchHit[]> {
  const { query, signal, source } = options;
  const limit = Math.max(1, options.limit ?? 8);
  const text = fullTextQuery(query);
  if (text === '') return [];
  const asked = terms(query);
  const pool = Math.max(POOL_MIN, limit * 5);

  const [fts, vector, catalog] = await Promise.all([
    source.fullText(text, pool).catch((error: unknown) => failed(options, 'fts', error)),
    (options.embedQuery ? options.embedQuery(query, signal) : Promise.resolve(null))
      .then(async (queryVector) => (queryVector ? nearEnough(await source.nearest(queryVector, pool)) : []))
      .catch((error: unknown) => failed(options, 'vector', error)),
    options.catalog(),
  ]);
  signal?.throwIfAborted();

  const fused = reciprocalRankFusion([fts.map((match) => match.id), vector.map((match) => match.id)]);
  const candidates = new Map<string, Candidate>();
  const add = (match: ChunkMatch, side: Source) => {
    const known = candidates.get(match.id);
    if (known) known.matchedBy.add(side);
    else candidates.set(match.id, { chunk: match, score: fused.get(match.id) ?? 0, matchedBy: new Set([side]) });
  };
  fts.forEach((match) => add(match, 'fts'));
  vector.forEach((match) => add(match, 'vector'));

  const names = catalog.nameMatches(asked);
  await lookUpNamedNotes({ names, candidates, source, asked });
  signal?.throwIfAborted();

  let ranked = rankNotes({ candidates, names, asked });
  if (options.expandLinks ?? true) {
    ranked = await expandAlongLinks({ ranked, catalog, limit, asked, chunksOfNotes: (ids) => source.chunksOfNotes(ids) });
    signal?.throwIfAborted();
  }
  return ranked.slice(0, limit).map((note) => toHit(note, asked));
}

/**
 * Vector neighbours much further than the nearest are dropped: when the question shares nothing
 * with the notes, the nearest chunks are noise that would push full-text hits down the fused list.
 */
function nearEnough(matches: ScoredMatch[]): ScoredMatch[] {
  const best = matches[0]?.score ?? 0;
  return best <= 0 ? [] : matches.filter((match) => match.score >= VECTOR_MIN_SHARE * best);
}

function failed(options: SearchNotesOptions, stage: 'fts' | 'vector', error: unknown): ScoredMatch[] {
  if (options.signal?.aborted) throw error;
  options.onError?.(stage, error);
  return [];
}

/** Notes the question names outright but neither side found: their best chunk joins the candidates. */
async function lookUpNamedNotes(input: {
  names: Map<string, number>;
  candidates: Map<string, Candidate>;
  source: SearchSource;
  asked: readonly string[];
}): Promise<void> {
  const found = new Set([...input.candidates.values()].map((candidate) => candidate.chunk.noteId));
  const missing = [...input.names]
    .filter(([noteId, score]) => score >= NAME_LOOKUP_MIN && !found.has(noteId))
    .slice(0, 5)
    .map(([noteId]) => noteId);
  if (missing.length === 0) return;
  const chunks = await input.source.chunksOfNotes(missing).catch(() => []);
  for (const noteId of missing) {
    const best = bestChunk(chunks.filter((chunk) => chunk.noteId === noteId), input.asked);
    if (best) input.candidates.set(best.id, { chunk: best, score: 0, matchedBy: new Set(['title']) });
  }
}

/** Chunks grouped per note: the best chunk (heading boost included) plus the note's name boost. */
function rankNotes(input: {
  candidates: Map<string, Candidate>;
  names: Map<string, number>;
  asked: readonly string[];
}): RankedNote[] {
  const wanted = new Set(input.asked);
  const perNote = new Map<string, RankedNote>();
  for (const candidate of input.candidates.values()) {
    const heading = headingMatch(candidate.chunk, wanted);
    const score = candidate.score + HEADING_WEIGHT * heading;
    const known = perNote.get(candidate.chunk.noteId);
    if (known && known.chunkScore >= score) {
      candidate.matchedBy.forEach((side) => known.matchedBy.add(side));
      continue;
    }
    const matchedBy = new Set([...candidate.matchedBy, ...(known?.matchedBy ?? [])]);
    if (heading > 0) matchedBy.add('title');
    perNote.set(candidate.chunk.noteId, { chunk: candidate.chunk, chunkScore: score, score, matchedBy, direct: true });
  }
  for (const note of perNote.values()) {
    const name = input.names.get(note.chunk.noteId) ?? 0;
    if (name > 0) {
      note.score += NAME_WEIGHT * name;
      note.matchedBy.add('title');
    }
  }
  return [...perNote.values()].sort(byScore);
}

function toHit(note: RankedNote, asked: readonly string[]): SearchHit {
  const { chunk } = note;
  const order: Source[] = ['fts', 'vector', 'title', 'link'];
  return {
    path: chunk.notePath,
    noteId: chunk.noteId,
    title: chunk.noteTitle,
    heading: chunk.headingPath.at(-1) ?? null,
    headingPath: chunk.headingPath,
    score: note.score,
    snippet: makeSnippet(chunk.content, asked),
    content: chunk.content,
    chunkId: chunk.id,
    matchedBy: order.filter((side) => note.matchedBy.has(side)),
  };
}
