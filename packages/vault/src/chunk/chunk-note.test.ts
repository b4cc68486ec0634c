import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../source/parse-note.ts';
import { readNote } from '../source/read-note.ts';
import { createLinkResolver, resolveNoteLinks } from '../source/resolve-links.ts';
import { scanVault } from '../source/scan-vault.ts';
import { chunk as chunkSchema, type NoteDocument } from '../types.ts';
import { chunkNote, headingAnchor } from './chunk-note.ts';

const PATHS = ['Home/Boiler.md', 'Home/Emergency contacts.md', 'Garden/Tomatoes.md'];

function note(text: string, path = 'Home/Boiler.md'): NoteDocument {
  const parsed = resolveNoteLinks(parseNote({ path, text }), createLinkResolver(PATHS));
  return { ...parsed, contentHash: 'c0ffee', size: text.length, mtimeMs: 0 };
}

const BOILER = [
  '---',
  'aliases: [Heating]',
  'tags: [home/heating]',
  '---',
  'Intro before any heading, about the [[Garden/Tomatoes|tomatoes]].',
  '',
  '# Boiler',
  '',
  '## Pressure',
  'Should read 1.5 bar. See [[Emergency contacts#Plumber]] and [[#Pressure]] and [[Nowhere]].',
  '',
  '### Topping up',
  'Use the filling loop.',
  '',
  '```',
  '[[Tomatoes]] in code is no link',
  '```',
  '',
  '## Service',
  '',
  '## Radiators',
  'Bleed them in autumn.',
].join('\n');

describe('chunkNote: sections', () => {
  const chunks = chunkNote(note(BOILER));

  it('makes one chunk per heading section, the text before the first heading included', () => {
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([
      [],
      ['Boiler', 'Pressure'],
      ['Boiler', 'Pressure', 'Topping up'],
      ['Boiler', 'Service'],
      ['Boiler', 'Radiators'],
    ]);
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps a section's own text as content, without its heading line", () => {
    expect(chunks[1]?.content).toBe('Should read 1.5 bar. See [[Emergency contacts#Plumber]] and [[#Pressure]] and [[Nowhere]].');
    expect(chunks[2]?.content).toBe('Use the filling loop.\n\n```\n[[Tomatoes]] in code is no link\n```');
  });

  it('indexes a header line of title, heading path, aliases and tags above the content', () => {
    expect(chunks[1]?.text).toBe(
      'Boiler › Pressure (also: Heating) #home/heating\n\nShould read 1.5 bar. See [[Emergency contacts#Plumber]] and [[#Pressure]] and [[Nowhere]].',
    );
    expect(chunks[0]?.text.startsWith('Boiler (also: Heating) #home/heating\n\nIntro')).toBe(true);
  });

  it('gives a heading with nothing under it a small chunk of its own, so the heading is found', () => {
    expect(chunks[3]).toMatchObject({ headingPath: ['Boiler', 'Service'], content: '', text: 'Boiler › Service (also: Heating) #home/heating' });
  });

  it('leaves out an empty heading whose subsections carry it in their heading paths', () => {
    expect(chunks.some((chunk) => chunk.headingPath.length === 1)).toBe(false);
  });

  it("carries the note's facts on every chunk", () => {
    for (const chunk of chunks) {
      expect(chunkSchema.parse(chunk)).toEqual(chunk);
      expect(chunk).toMatchObject({ notePath: 'Home/Boiler.md', noteTitle: 'Boiler', aliases: ['Heating'], tags: ['home/heating'], contentHash: 'c0ffee' });
    }
  });

  it('lists the resolved notes linked from its own content: not itself, not code, not missing notes', () => {
    expect(chunks.map((chunk) => chunk.links)).toEqual([['Garden/Tomatoes.md'], ['Home/Emergency contacts.md'], [], [], []]);
  });

  it('skips an empty text before the first heading, and makes no chunk of an empty note', () => {
    expect(chunkNote(note('\n\n# Only\nText')).map((chunk) => chunk.headingPath)).toEqual([['Only']]);
    expect(chunkNote(note(''))).toEqual([]);
  });

  it('pops the heading path on a shallower heading, even after a skipped level', () => {
    const paths = chunkNote(note('# A\nx\n### C\ny\n## B\nz\n# D\nw')).map((chunk) => chunk.headingPath);
    expect(paths).toEqual([['A'], ['A', 'C'], ['A', 'B'], ['D']]);
  });

  it('cuts only at real headings: not in code, quotes or callouts', () => {
    const paths = chunkNote(note('# Real\n```\n# code\n```\n> # quote\n> [!tip] T\n> ## in callout\n## Also real\nx')).map(
      (chunk) => chunk.headingPath,
    );
    expect(paths).toEqual([['Real'], ['Real', 'Also real']]);
  });
});

describe('chunkNote: long sections', () => {
  const long = note(
    ['# Manual', '', ...Array.from({ length: 12 }, (_, index) => `Paragraph ${index} ${'about the boiler and its parts '.repeat(8)}end ${index}.`)].join('\n\n'),
  );

  it('splits a long section to the token budget, header included, with an overlap', () => {
    const chunks = chunkNote(long, { maxTokens: 200, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(200 * 4);
      expect(chunk.headingPath).toEqual(['Manual']);
      expect(chunk.text.startsWith('Boiler › Manual\n\n')).toBe(true);
    }
    const [first, second] = chunks;
    const overlap = second?.content.split('\n\n')[0] ?? '';
    expect(overlap.length).toBeGreaterThan(0);
    expect(first?.content.endsWith(overlap)).toBe(true);
  });

  it('refuses a budget too small to hold anything, or an overlap as large as the budget', () => {
    expect(() => chunkNote(long, { maxTokens: 0 })).toThrow(RangeError);
    expect(() => chunkNote(long, { maxTokens: 100, overlapTokens: 100 })).toThrow(RangeError);
    expect(() => chunkNote(long, { overlapTokens: -1 })).toThrow(RangeError);
  });

  it('uses 350 tokens with 40 of overlap by default', () => {
    const chunks = chunkNote(long);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(350 * 4);
    expect(chunks.length).toBe(chunkNote(long, { maxTokens: 350, overlapTokens: 40 }).length);
  });
});

describe('chunkNote: ids', () => {
  it('gives deterministic, distinct short hex ids', () => {
    const first = chunkNote(note(BOILER)).map((chunk) => chunk.id);
    expect(chunkNote(note(BOILER)).map((chunk) => chunk.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps the ids of other sections when one section grows into several chunks', () => {
    const before = chunkNote(note(BOILER), { maxTokens: 60, overlapTokens: 0 });
    const grown = BOILER.replace('Use the filling loop.', `Use the filling loop. ${'Open the taps slowly. '.repeat(20)}`);
    const after = chunkNote(note(grown), { maxTokens: 60, overlapTokens: 0 });
    const idOf = (chunks: typeof before, heading: string) => chunks.find((chunk) => chunk.headingPath.at(-1) === heading)?.id;
    expect(after.length).toBeGreaterThan(before.length);
    expect(idOf(after, 'Radiators')).toBe(idOf(before, 'Radiators'));
    expect(idOf(after, 'Pressure')).toBe(idOf(before, 'Pressure'));
  });

  it('differs between notes and between repeated headings', () => {
    const a = chunkNote(note('## Notes\nx\n## Notes\ny', 'A.md')).map((chunk) => chunk.id);
    const b = chunkNote(note('## Notes\nx\n## Notes\ny', 'B.md')).map((chunk) => chunk.id);
    expect(new Set([...a, ...b]).size).toBe(4);
  });
});

describe('chunkNote on the fixture vault', () => {
  const root = fileURLToPath(new URL('../__fixtures__/vault/', import.meta.url));
  const files = scanVault(root).files;
  const resolver = createLinkResolver(files.map((file) => file.path));
  const notes = files.map((file) => readNote(file, { resolver }));

  it('cuts every note at exactly the headings the parser listed', () => {
    for (const fixtureNote of notes) {
      const headings = new Set(fixtureNote.headings.map((heading) => heading.text));
      const inPaths = new Set(chunkNote(fixtureNote).flatMap((chunk) => chunk.headingPath));
      expect([...inPaths].sort(), fixtureNote.path).toEqual([...headings].sort());
    }
  });

  it('keeps commented-out text and code out of headings and links', () => {
    const chunks = notes.flatMap((fixtureNote) => chunkNote(fixtureNote));
    expect(chunks.some((chunk) => chunk.text.includes('COMMENTED-OUT-SECRET'))).toBe(false);
    expect(chunks.some((chunk) => chunk.text.includes('TRASHED-NOTE-WORD'))).toBe(false);
    expect(chunks.some((chunk) => chunk.links.some((link) => link.includes('not a link')))).toBe(false);
  });

  it('finds the boiler pressure under its heading, with the note name in the indexed text', () => {
    const pressure = chunkNote(notes.find((fixtureNote) => fixtureNote.path === 'Home/Boiler.md') as NoteDocument).find(
      (chunk) => chunk.headingPath.at(-1) === 'Pressure',
    );
    expect(pressure?.text).toContain('Boiler › Pressure (also: Heating, Central heating) #home/heating #maintenance');
    expect(pressure?.content).toContain('should read 1.5 bar');
    expect(pressure?.content).toContain('Before topping up\nSwitch the boiler off');
    expect(headingAnchor(pressure?.headingPath.at(-1) ?? '')).toBe('pressure');
  });
});
