import { porterStem } from './porter-stem.ts';

/**
 * Words that carry no topic, including how people phrase questions ("how do I", "what's my",
 * "something keeps…"): the full-text index drops only a short list (a, the, of…), so a question
 * sent as typed would rank chunks by "how", "my" and "something".
 */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below between both
  but by can cannot could couldn did didn do does doesn doing don down during each either else ever every few for from
  further get gets got had hadn has hasn have haven having he her here hers herself him himself his how i if in into is
  isn it its itself just know let ll m me might mine more most much must mustn my myself need needs no nor not now of off
  on once only or other ought our ours ourselves out over own please re s same shall shan she should shouldn so some such
  t tell than that the their theirs them themselves then there these they this those through to too under until up upon
  us ve very was wasn way we were weren what whats when where whether which while who whom whose why will with won would
  wouldn you your yours yourself yourselves
  something anything everything nothing someone anyone somebody anybody thing things keep keeps stuff really actually
  maybe okay hey hi hello thanks want wants wanted`.split(/\s+/),
);

/** Lower-case words with accents folded (`Café` → `cafe`), split on anything but letters and digits. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The topic terms of a text: its words without stop words, stemmed. Repeats are kept. */
export function terms(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(porterStem);
}

/**
 * The question as the full-text index should see it: its topic words, unstemmed (the index stems
 * them itself). When nothing is left ("what is it?") the question goes as typed.
 */
export function fullTextQuery(question: string): string {
  const kept = words(question).filter((word) => !STOP_WORDS.has(word));
  return kept.length > 0 ? kept.join(' ') : words(question).join(' ');
}
