/**
 * Picks the passages of the pages read that best answer a question, to fit a budget: Web mode
 * gives a small model a few relevant paragraphs per page instead of whole pages it would drown in.
 * Plain BM25 over paragraph-sized passages; no embeddings, so it costs a few milliseconds.
 */

export interface PageText {
  /** Source number. */
  n: number;
  text: string;
}

export interface SelectedPassages {
  n: number;
  /** In page order, joined with blank lines. */
  text: string;
}

const STOP_WORDS = new Set(
  'a an and are as at be but by can could did do does for from had has have how i if in into is it its me my not of on or our so than that the their them then there these they this to was we were what when where which who why will with would you your about after also any been before being between both each few more most other over same some such through under until very while'.split(
    ' ',
  ),
);

/** Lower-case word stems of a text, stop words left out. */
export function terms(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map((word) => (word.length > 4 ? word.replace(/(?:ing|ed|es|s)$/, '') : word));
}

/** Paragraphs merged or split to passages of about `size` characters. */
export function splitPassages(text: string, size = 700): string[] {
  const passages: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n\s*\n/).map((part) => part.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
    if (paragraph.length > size * 1.5) {
      if (current) passages.push(current);
      current = '';
      for (const sentence of paragraph.match(/[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g) ?? [paragraph]) {
        if (current.length + sentence.length > size && current) {
          passages.push(current.trim());
          current = '';
        }
        current += sentence;
      }
      continue;
    }
    if (current.length + paragraph.length > size && current) {
      passages.push(current.trim());
      current = '';
    }
    current = current ? `${current}\n\n${paragraph}` : paragraph;
  }
  if (current.trim()) passages.push(current.trim());
  return passages;
}

interface Passage {
  n: number;
  index: number;
  text: string;
  score: number;
}

/**
 * The best passages for `question` within `budgetChars`: each page's best passage first (so every
 * page read can be cited), then the best of the rest by score, each page's passages in page order.
 */
export function selectPassages(question: string, pages: PageText[], budgetChars: number): SelectedPassages[] {
  const query = [...new Set(terms(question))];
  // Small enough that every page's best passage fits, twice over.
  const size = Math.max(200, Math.min(700, Math.floor(budgetChars / Math.max(1, pages.length * 2))));
  const passages: Passage[] = pages.flatMap((page) => splitPassages(page.text, size).map((text, index) => ({ n: page.n, index, text, score: 0 })));
  if (passages.length === 0) return [];
  const docs = passages.map((passage) => terms(passage.text));
  const averageLength = docs.reduce((sum, doc) => sum + doc.length, 0) / docs.length || 1;
  for (const term of query) {
    const containing = docs.filter((doc) => doc.includes(term)).length;
    if (containing === 0) continue;
    const idf = Math.log(1 + (docs.length - containing + 0.5) / (containing + 0.5));
    docs.forEach((doc, index) => {
      const frequency = doc.filter((word) => word === term).length;
      if (frequency === 0) return;
      const k1 = 1.2;
      const b = 0.75;
      (passages[index] as Passage).score += (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * doc.length) / averageLength));
    });
  }
  // Early passages of a page (its lead) break ties: articles say the main thing first.
  const ranked = [...passages].sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen = new Set<Passage>();
  let used = 0;
  const take = (passage: Passage) => {
    if (chosen.has(passage) || used + passage.text.length > budgetChars) return;
    chosen.add(passage);
    used += passage.text.length + 2;
  };
  for (const page of pages) {
    const best = ranked.find((passage) => passage.n === page.n);
    if (best) take(best);
  }
  for (const passage of ranked) take(passage);
  return pages
    .map((page) => ({
      n: page.n,
      text: [...chosen]
        .filter((passage) => passage.n === page.n)
        .sort((a, b) => a.index - b.index)
        .map((passage) => passage.text)
        .join('\n\n'),
    }))
    .filter((page) => page.text !== '');
}
