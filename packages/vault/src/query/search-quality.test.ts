import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_QUESTIONS } from '../__fixtures__/questions.ts';
import { readNote } from '../source/read-note.ts';
import { scanVault } from '../source/scan-vault.ts';
import { createVaultIndex } from '../sync/create-vault-index.ts';
import type { VaultIndex } from '../sync/vault-index-types.ts';
import { copyFixtureVault, hashEmbedder, type FixtureCopy } from '../testing/index.ts';
import { porterStem } from './porter-stem.ts';
import { words } from './terms.ts';

/** The stop words of the full-text index's English tokenizer (tantivy's list), for a like-for-like baseline. */
const INDEX_STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);
const bm25Terms = (text: string) => words(text).filter((word) => !INDEX_STOP_WORDS.has(word)).map(porterStem);

/** Plain BM25 (k1 = 1.2, b = 0.75) over whole notes (title and body), the question as typed. */
function wholeNoteBm25(notes: { path: string; text: string }[]) {
  const docs = notes.map((note) => ({ path: note.path, terms: bm25Terms(note.text) }));
  const averageLength = docs.reduce((sum, doc) => sum + doc.terms.length, 0) / docs.length;
  const documentFrequency = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc.terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  return (question: string, limit: number): string[] => {
    const asked = [...new Set(bm25Terms(question))];
    return docs
      .map((doc) => {
        let score = 0;
        for (const term of asked) {
          const frequency = doc.terms.filter((candidate) => candidate === term).length;
          if (frequency === 0) continue;
          const df = documentFrequency.get(term) ?? 0;
          const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
          score += (idf * frequency * 2.2) / (frequency + 1.2 * (0.25 + (0.75 * doc.terms.length) / averageLength));
        }
        return { path: doc.path, score };
      })
      .filter((result) => result.score > 0)
      .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1))
      .slice(0, limit)
      .map((result) => result.path);
  };
}

interface Figures {
  recallAt5: number;
  hitAt1: number;
  /** Top hit in the right note and, where the question names one, the right section. */
  sectionAt1: number;
}

async function measure(search: (question: string) => Promise<{ path: string; heading?: string | null }[]>): Promise<Figures> {
  let recall = 0;
  let hit = 0;
  let section = 0;
  for (const question of FIXTURE_QUESTIONS) {
    const results = await search(question.question);
    if (results.slice(0, 5).some((result) => question.paths.includes(result.path))) recall++;
    if (results[0] && question.paths.includes(results[0].path)) {
      hit++;
      if (!question.heading || results[0].heading === question.heading) section++;
    }
  }
  const total = FIXTURE_QUESTIONS.length;
  return { recallAt5: recall / total, hitAt1: hit / total, sectionAt1: section / total };
}

describe('retrieval quality over the fixture questions', () => {
  let vault: FixtureCopy;
  let fullText: VaultIndex;
  let hybrid: VaultIndex;
  let baseline: Figures;

  beforeAll(async () => {
    vault = copyFixtureVault();
    fullText = await createVaultIndex({ root: vault.root, dataDir: `${vault.dataDir}-fts`, embedder: null, watch: 'off' });
    hybrid = await createVaultIndex({ root: vault.root, dataDir: `${vault.dataDir}-hybrid`, embedder: { embed: hashEmbedder(256), model: 'hash-256' }, watch: 'off' });
    await Promise.all([fullText.sync(), hybrid.sync()]);
    const notes = scanVault(vault.root).files.map((file) => {
      const note = readNote(file);
      return { path: note.path, text: `${note.title}\n${note.body}` };
    });
    const bm25 = wholeNoteBm25(notes);
    baseline = await measure(async (question) => bm25(question, 5).map((notePath) => ({ path: notePath })));
  });
  afterAll(async () => {
    await Promise.all([fullText.close(), hybrid.close()]);
    vault.remove();
  });

  it.each([
    ['full text only', () => fullText],
    ['hybrid with the hash embedder', () => hybrid],
  ] as const)('beats BM25 over whole notes, %s', async (label, index) => {
    const ours = await measure((question) => index().search(question, { limit: 5 }));
    console.info(`${label}: recall@5 ${ours.recallAt5.toFixed(2)}, hit@1 ${ours.hitAt1.toFixed(2)}, section@1 ${ours.sectionAt1.toFixed(2)}; ` +
      `whole-note BM25: recall@5 ${baseline.recallAt5.toFixed(2)}, hit@1 ${baseline.hitAt1.toFixed(2)} (${FIXTURE_QUESTIONS.length} questions)`);

    expect(ours.recallAt5).toBeGreaterThanOrEqual(baseline.recallAt5);
    expect(ours.hitAt1).toBeGreaterThanOrEqual(baseline.hitAt1);
    // Clearly better overall: at least three more questions answered first or found in the top 5.
    expect((ours.recallAt5 + ours.hitAt1 - baseline.recallAt5 - baseline.hitAt1) * FIXTURE_QUESTIONS.length).toBeGreaterThanOrEqual(3);
  });
});
