import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultIndex } from '../sync/create-vault-index.ts';
import type { VaultIndex } from '../sync/vault-index-types.ts';
import { hashEmbedder, makeTempDir } from '../testing/index.ts';

const NOTES: Record<string, string> = {
  'Manuals/Long manual.md': [
    '# Long manual',
    ...Array.from({ length: 12 }, (_, index) => `## Part ${index + 1}\n\nThe printer part ${index + 1} is described here, printer tray and printer drum.`),
  ].join('\n\n'),
  'Office/Printer.md': '# Printer\n\nThe office printer is a Brother HL-L2350 on the shelf. New cartridges: see [[Toner]].\n',
  'Office/Toner.md': '# Toner\n\nReplace the cartridge TN-2420 when the orange light blinks twice.\n',
  'Office/Office.md': '# Office\n\nThe desk, the lamp and the printer (see [[Printer]]).\n',
  'Car.md': '# Car\n\n## Tyres\n\nFront tyre pressure 2.3 bar, rear 2.1 bar; check monthly.\n\n## Oil\n\nOil change every 15,000 km with 5W-30.\n',
  'Home/Heat pump.md': '---\naliases: [Air source]\n---\nIt sits behind the garage. Service it every spring.\n',
  'Home/Garage.md': 'The garage door remote needs a CR2032 battery. The air in the garage gets damp in winter.\n',
  'Notes/Snippets.md': [
    'Opening sentence about nothing in particular.',
    'Second sentence, also unrelated to anything.',
    'The **quarterly** water meter reading is taken from the [[Garage|garage]] wall by the door, under the shelf.',
    'A closing sentence that goes on for a while about other things, to make the chunk long enough for a cut.',
  ].join(' '),
};

describe('searchNotes', () => {
  const temp = makeTempDir();
  const root = path.join(temp.dir, 'vault');
  let fullText: VaultIndex;
  let hybrid: VaultIndex;

  beforeAll(async () => {
    for (const [notePath, text] of Object.entries(NOTES)) {
      mkdirSync(path.dirname(path.join(root, notePath)), { recursive: true });
      writeFileSync(path.join(root, notePath), text);
    }
    fullText = await createVaultIndex({ root, dataDir: path.join(temp.dir, 'fts'), embedder: null, watch: 'off' });
    hybrid = await createVaultIndex({ root, dataDir: path.join(temp.dir, 'hybrid'), embedder: { embed: hashEmbedder(128), model: 'hash' }, watch: 'off' });
    await Promise.all([fullText.sync(), hybrid.sync()]);
  });
  afterAll(async () => {
    await Promise.all([fullText.close(), hybrid.close()]);
    temp.remove();
  });

  it('finds notes by full text alone when there is no embedder', async () => {
    const hits = await fullText.search('which cartridge does the toner need');
    expect(hits[0]).toMatchObject({ path: 'Office/Toner.md', title: 'Toner' });
    expect(hits.every((hit) => !hit.matchedBy.includes('vector'))).toBe(true);
    expect(fullText.status()).toMatchObject({ embedderAvailable: false, embeddedChunks: 0 });
  });

  it('fuses full-text and vector results when an embedder answers', async () => {
    const hits = await hybrid.search('tyre pressure for the car');
    expect(hits[0]).toMatchObject({ path: 'Car.md', heading: 'Tyres', headingPath: ['Car', 'Tyres'] });
    expect(hits[0]!.matchedBy).toEqual(expect.arrayContaining(['fts', 'vector']));
  });

  it('returns each note once, so a long note cannot fill the list', async () => {
    const hits = await hybrid.search('printer', { limit: 4 });
    const paths = hits.map((hit) => hit.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.filter((notePath) => notePath === 'Manuals/Long manual.md')).toHaveLength(1);
    expect(paths).toContain('Office/Printer.md');
  });

  it('ranks a note named by the question above notes that only mention its words', async () => {
    const [first] = await fullText.search('printer');
    expect(first).toMatchObject({ path: 'Office/Printer.md' });
    expect(first!.matchedBy).toContain('title');
  });

  it('boosts a note whose alias the question uses', async () => {
    const [first] = await fullText.search('when is the air source serviced');
    expect(first).toMatchObject({ path: 'Home/Heat pump.md', matchedBy: expect.arrayContaining(['title']) });
  });

  it('picks the section whose heading the question names', async () => {
    const [first] = await fullText.search('car oil');
    expect(first).toMatchObject({ path: 'Car.md', heading: 'Oil' });
  });

  it('follows links of the best hit one hop, never above it', async () => {
    const hits = await fullText.search('the brother printer on the shelf', { limit: 8 });
    const byPath = new Map(hits.map((hit) => [hit.path, hit]));
    const printer = byPath.get('Office/Printer.md')!;
    const toner = byPath.get('Office/Toner.md');

    expect(hits[0]!.path).toBe('Office/Printer.md');
    expect(toner).toMatchObject({ matchedBy: ['link'] });
    expect(toner!.score).toBeLessThan(printer.score);
    for (const hit of hits.slice(1)) expect(hit.score).toBeLessThanOrEqual(printer.score);
    expect(byPath.get('Office/Office.md')?.matchedBy).toContain('link');

    const without = await fullText.search('the brother printer on the shelf', { limit: 8, expandLinks: false });
    expect(without.map((hit) => hit.path)).not.toContain('Office/Toner.md');
    expect(without.every((hit) => !hit.matchedBy.includes('link'))).toBe(true);
  });

  it('makes a plain-text snippet of the best sentence around the question terms', async () => {
    const hit = (await fullText.search('where is the water meter reading taken')).find((found) => found.path === 'Notes/Snippets.md')!;
    expect(hit.snippet).toContain('The quarterly water meter reading is taken from the garage wall');
    expect(hit.snippet).not.toMatch(/\*\*|\[\[/);
    expect(hit.snippet.length).toBeLessThanOrEqual(200);
    expect(hit.content).toContain('**quarterly**');
  });

  it('answers quotes and SQL-ish text normally, with the index intact', async () => {
    const chunks = hybrid.status().chunks;
    for (const query of ["' OR 1=1 --", "'); DROP TABLE chunks; --", 'printer" OR "1"="1', "o'clock AND NOT (x OR y)", '%', '\\']) {
      const hits = await hybrid.search(query);
      expect(Array.isArray(hits)).toBe(true);
    }
    expect(await hybrid.search('   ')).toEqual([]);
    expect(hybrid.status().chunks).toBe(chunks);
    expect((await hybrid.search('printer'))[0]?.path).toBe('Office/Printer.md');
  });

  it('returns at most limit notes, eight by default', async () => {
    expect((await hybrid.search('the', { limit: 2 })).length).toBeLessThanOrEqual(2);
    expect((await hybrid.search('printer part tray drum garage car office toner')).length).toBeLessThanOrEqual(8);
  });
});
