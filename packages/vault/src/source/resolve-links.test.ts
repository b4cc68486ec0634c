import { describe, expect, it } from 'vitest';
import { parseNote } from './parse-note.ts';
import { createLinkResolver, resolveNoteLinks } from './resolve-links.ts';

const PATHS = [
  'Welcome.md',
  'Garden/Ideas.md',
  'Garden/Tomatoes.md',
  'Projects/Ideas.md',
  'Projects/Shed.md',
  'Projects/Archive/Shed.md',
  'Archive/Ideas.md',
  'Recipes/Weekly meal plan.md',
  'Recipes/Sub/Deep note.md',
  'Home/Boiler.md',
  'v1.2 release.md',
  'Photo.png.md',
  'Attachments/photo.png',
  'Zulu/Tie.md',
  'Alfa/Tie.md',
];
const resolver = createLinkResolver(PATHS);

describe('createLinkResolver: names shared by several notes', () => {
  it('prefers the note in the linking note’s folder, from either folder', () => {
    expect(resolver.resolve('Ideas', 'Garden/Tomatoes.md')).toBe('Garden/Ideas.md');
    expect(resolver.resolve('Ideas', 'Projects/Shed.md')).toBe('Projects/Ideas.md');
    expect(resolver.resolve('Ideas', 'Archive/Other.md')).toBe('Archive/Ideas.md');
  });

  it('takes the shallowest, then shortest, then alphabetically first path from elsewhere', () => {
    expect(resolver.resolve('Shed', 'Home/Boiler.md')).toBe('Projects/Shed.md'); // not Projects/Archive/Shed.md
    expect(resolver.resolve('Ideas', 'Welcome.md')).toBe('Garden/Ideas.md'); // shorter than Archive/… and Projects/…
    expect(resolver.resolve('Ideas', 'Home/Boiler.md')).toBe('Garden/Ideas.md');
    expect(resolver.resolve('Tie', 'Welcome.md')).toBe('Alfa/Tie.md');
  });

  it('gives the same answer whatever order the paths came in', () => {
    const reversed = createLinkResolver([...PATHS].reverse());
    for (const from of ['Welcome.md', 'Garden/Tomatoes.md', 'Projects/Archive/Shed.md']) {
      expect(reversed.resolve('Ideas', from)).toBe(resolver.resolve('Ideas', from));
      expect(reversed.resolve('Shed', from)).toBe(resolver.resolve('Shed', from));
    }
  });
});

describe('createLinkResolver: targets', () => {
  it('matches a bare name case-insensitively, with or without .md', () => {
    expect(resolver.resolve('boiler', 'Welcome.md')).toBe('Home/Boiler.md');
    expect(resolver.resolve('BOILER.md', 'Welcome.md')).toBe('Home/Boiler.md');
    expect(resolver.resolve('  Boiler ', 'Welcome.md')).toBe('Home/Boiler.md');
  });

  it('reads a target with a folder as a path from the vault root, with or without .md', () => {
    expect(resolver.resolve('Projects/Ideas', 'Garden/Tomatoes.md')).toBe('Projects/Ideas.md');
    expect(resolver.resolve('Garden/Ideas.md', 'Projects/Shed.md')).toBe('Garden/Ideas.md');
    expect(resolver.resolve('garden/ideas', 'Projects/Shed.md')).toBe('Garden/Ideas.md');
    expect(resolver.resolve('/Home/Boiler', 'Welcome.md')).toBe('Home/Boiler.md');
    expect(resolver.resolve('Recipes/Weekly meal plan.md', 'Welcome.md')).toBe('Recipes/Weekly meal plan.md');
  });

  it('then tries the path from the linking note’s folder', () => {
    expect(resolver.resolve('Archive/Shed', 'Projects/Ideas.md')).toBe('Projects/Archive/Shed.md');
    expect(resolver.resolve('Sub/Deep note', 'Recipes/Weekly meal plan.md')).toBe('Recipes/Sub/Deep note.md');
  });

  it('reads ./ and ../ only from the linking note’s folder', () => {
    expect(resolver.resolve('../Garden/Tomatoes.md', 'Projects/Ideas.md')).toBe('Garden/Tomatoes.md');
    expect(resolver.resolve('./Shed', 'Projects/Ideas.md')).toBe('Projects/Shed.md');
    expect(resolver.resolve('../../Welcome', 'Projects/Ideas.md')).toBeNull();
  });

  it('matches a partial path against the end of longer paths', () => {
    expect(resolver.resolve('Sub/Deep note', 'Welcome.md')).toBe('Recipes/Sub/Deep note.md');
    expect(resolver.resolve('Archive/Ideas', 'Welcome.md')).toBe('Archive/Ideas.md');
  });

  it('resolves an empty target (a same-note heading link) to the linking note', () => {
    expect(resolver.resolve('', 'Home/Boiler.md')).toBe('Home/Boiler.md');
  });

  it('resolves attachments and missing notes to null', () => {
    expect(resolver.resolve('photo.png', 'Welcome.md')).toBeNull();
    expect(resolver.resolve('Attachments/photo.png', 'Welcome.md')).toBeNull();
    expect(resolver.resolve('Document.pdf', 'Welcome.md')).toBeNull();
    expect(resolver.resolve('Plan.canvas', 'Welcome.md')).toBeNull();
    expect(resolver.resolve('Nowhere', 'Welcome.md')).toBeNull();
    expect(resolver.resolve('Nowhere/Boiler', 'Welcome.md')).toBeNull();
  });

  it('reads a dot in a note name as part of the name', () => {
    expect(resolver.resolve('v1.2 release', 'Welcome.md')).toBe('v1.2 release.md');
  });

  it('matches names whatever their Unicode composition', () => {
    const nfd = 'Cafe\u0301.md';
    expect(createLinkResolver([nfd]).resolve('Caf\u00e9', 'Welcome.md')).toBe(nfd);
  });

  it('prefers an exact-case match over a case-folded one', () => {
    const cased = createLinkResolver(['A/notes.md', 'B/Notes.md']);
    expect(cased.resolve('Notes', 'C/x.md')).toBe('B/Notes.md');
    expect(cased.resolve('notes', 'C/x.md')).toBe('A/notes.md');
  });

  it('ignores paths that are not notes', () => {
    expect(createLinkResolver(['Attachments/photo.png']).resolve('photo', 'x.md')).toBeNull();
  });
});

describe('resolveNoteLinks', () => {
  it('fills every link of a parsed note and keeps the rest of it', () => {
    const note = parseNote({ path: 'Garden/Tomatoes.md', text: 'See [[Ideas]], [[#Sowing]], ![[photo.png]] and [plan](../Projects/Ideas.md).' });
    const resolved = resolveNoteLinks(note, resolver);
    expect(resolved.links.map((link) => link.resolved)).toEqual(['Garden/Ideas.md', 'Garden/Tomatoes.md', null, 'Projects/Ideas.md']);
    expect({ ...resolved, links: [] }).toEqual({ ...note, links: [] });
    expect(note.links.every((link) => link.resolved === null)).toBe(true);
  });
});
