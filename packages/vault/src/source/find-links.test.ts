import { describe, expect, it } from 'vitest';
import { findLinks } from './find-links.ts';

const link = (fields: { target: string; heading?: string; block?: string; alias?: string; embed?: boolean }) => ({
  target: fields.target,
  heading: fields.heading ?? null,
  block: fields.block ?? null,
  alias: fields.alias ?? null,
  embed: fields.embed ?? false,
  resolved: null,
});

describe('findLinks', () => {
  it.each([
    ['[[Note]]', link({ target: 'Note' })],
    ['[[Note.md]]', link({ target: 'Note.md' })],
    ['[[Folder/Note]]', link({ target: 'Folder/Note' })],
    ['[[Note#Heading]]', link({ target: 'Note', heading: 'Heading' })],
    ['[[Note#A#B]]', link({ target: 'Note', heading: 'A#B' })],
    ['[[#Heading]]', link({ target: '', heading: 'Heading' })],
    ['[[Note#^37066d]]', link({ target: 'Note', block: '37066d' })],
    ['[[#^block-id]]', link({ target: '', block: 'block-id' })],
    ['[[Note|Custom name]]', link({ target: 'Note', alias: 'Custom name' })],
    ['[[Note#Details|Section name]]', link({ target: 'Note', heading: 'Details', alias: 'Section name' })],
    ['[[Note\\|alias in a table]]', link({ target: 'Note', alias: 'alias in a table' })],
    ['[[ Spaced note | shown ]]', link({ target: 'Spaced note', alias: 'shown' })],
    ['![[Note]]', link({ target: 'Note', embed: true })],
    ['![[Note#Heading]]', link({ target: 'Note', heading: 'Heading', embed: true })],
    ['![[Engelbart.jpg|100x145]]', link({ target: 'Engelbart.jpg', alias: '100x145', embed: true })],
    ['![[Document.pdf#page=3]]', link({ target: 'Document.pdf', heading: 'page=3', embed: true })],
    ['[Three laws](Three%20laws%20of%20motion.md)', link({ target: 'Three laws of motion.md', alias: 'Three laws' })],
    ['[Budget](Projects/Kitchen%20renovation.md#Budget%20plan)', link({ target: 'Projects/Kitchen renovation.md', heading: 'Budget plan', alias: 'Budget' })],
    ['[Spaces](<Some Note.md>)', link({ target: 'Some Note.md', alias: 'Spaces' })],
    ['[Up](../Garden/Tomatoes.md "Tomatoes")', link({ target: '../Garden/Tomatoes.md', alias: 'Up' })],
    ['![Embedded](Note.md)', link({ target: 'Note.md', alias: 'Embedded', embed: true })],
  ])('reads %s', (text, expected) => {
    expect(findLinks(text).links).toEqual([expected]);
  });

  it.each([
    ['a web link', '[site](https://example.com/page.md)'],
    ['an image', '![photo](holiday.jpg)'],
    ['a same-page anchor', '[up](#top)'],
    ['a mail link', '[mail](mailto:someone@example.com)'],
    ['an empty wikilink', '[[]] and [[|x]]'],
    ['a link to a non-Markdown file', '[sheet](budget.xlsx)'],
  ])('finds no note in %s', (_what, text) => {
    expect(findLinks(text).links).toEqual([]);
  });

  it('finds several links on a line, in order', () => {
    const targets = findLinks('See [[A]], ![[B#H]] and [c](C.md).').links.map((found) => found.target);
    expect(targets).toEqual(['A', 'B', 'C.md']);
  });

  it('leaves a malformed percent escape as written', () => {
    expect(findLinks('[x](100%25%.md)').links[0]?.target).toBe('100%25%.md');
  });

  it('reports where links and URLs are, so tags are not read inside them', () => {
    const line = 'x [[Note#tag]] https://example.com/#anchor';
    const spans = findLinks(line).spans;
    expect(spans.map(([start, end]) => line.slice(start, end))).toEqual(['[[Note#tag]]', 'https://example.com/#anchor']);
  });
});
