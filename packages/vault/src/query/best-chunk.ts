import type { ChunkMatch } from '../store/chunk-columns.ts';
import { terms } from './terms.ts';

/**
 * 0-1: how much of the section's own heading (the last of its path) the question names. A heading
 * that only repeats the note's title (`# Boiler` in Boiler.md) names no section: the title boost
 * already counts it, and it would pull every question to the note's opening lines.
 */
export function headingMatch(chunk: Pick<ChunkMatch, 'headingPath' | 'noteTitle'>, asked: ReadonlySet<string>): number {
  const heading = chunk.headingPath.at(-1);
  if (!heading || (chunk.headingPath.length === 1 && heading.toLowerCase() === chunk.noteTitle.toLowerCase())) return 0;
  const stems = [...new Set(terms(heading))];
  if (stems.length === 0) return 0;
  return stems.filter((stem) => asked.has(stem)).length / stems.length;
}

/**
 * Of one note's chunks, the one sharing most terms with the question (its heading counting
 * double); the first of equals. For notes reached without a chunk of theirs (a name, a link).
 */
export function bestChunk<T extends ChunkMatch>(chunks: readonly T[], asked: readonly string[]): T | undefined {
  const wanted = new Set(asked);
  let best: T | undefined;
  let bestScore = -1;
  for (const chunk of [...chunks].sort((a, b) => a.ordinal - b.ordinal)) {
    const own = new Set(terms(chunk.content).filter((term) => wanted.has(term)));
    const score = own.size + 2 * headingMatch(chunk, wanted);
    if (score > bestScore) {
      best = chunk;
      bestScore = score;
    }
  }
  return best;
}
