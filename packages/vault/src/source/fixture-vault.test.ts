import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_QUESTIONS } from '../__fixtures__/questions.ts';
import { noteDocument } from '../types.ts';
import { readNote } from './read-note.ts';
import { createLinkResolver } from './resolve-links.ts';
import { scanVault } from './scan-vault.ts';

const ROOT = fileURLToPath(new URL('../__fixtures__/vault/', import.meta.url));

describe('the fixture vault, scanned, read and resolved', () => {
  const { files } = scanVault(ROOT);
  const resolver = createLinkResolver(files.map((file) => file.path));
  const notes = new Map(files.map((file) => [file.path, readNote(file, { resolver })]));
  const get = (path: string) => {
    const found = notes.get(path);
    if (!found) throw new Error(`${path} is not in the fixture vault`);
    return found;
  };
  const linkFrom = (path: string, target: string) => get(path).links.find((link) => link.target === target);

  it('holds 30 valid notes in several folders', () => {
    expect(notes.size).toBe(30);
    for (const note of notes.values()) expect(noteDocument.parse(note)).toEqual(note);
    const folders = new Set([...notes.keys()].map((path) => path.split('/')[0]));
    expect(folders).toEqual(new Set(['Welcome.md', 'Home', 'Garden', 'Recipes', 'Projects', 'Daily', 'Travel', 'Family']));
  });

  it('warns only about the bad YAML note and the latin1 note', () => {
    const warned = [...notes.values()].filter((note) => note.warnings.length > 0).map((note) => note.path);
    expect(warned.sort()).toEqual(['Projects/Shed.md', 'Recipes/Cafe au lait.md']);
    expect(get('Projects/Shed.md')).toMatchObject({ title: 'Shed', tags: ['projects/shed'] });
  });

  it('indexes nothing written in comments, in the trash or in the config folder', () => {
    for (const note of notes.values()) {
      expect(note.body, note.path).not.toContain('COMMENTED-OUT-SECRET');
      expect(note.body, note.path).not.toContain('TRASHED-NOTE-WORD');
    }
    expect([...notes.keys()].some((path) => path.startsWith('.'))).toBe(false);
  });

  it('resolves a bare name shared by two notes to the one in the linking note’s folder', () => {
    expect(linkFrom('Garden/Ideas.md', 'Ideas')?.resolved).toBe('Garden/Ideas.md');
    expect(linkFrom('Projects/Ideas.md', 'Ideas')?.resolved).toBe('Projects/Ideas.md');
    expect(linkFrom('Welcome.md', 'Garden/Ideas')?.resolved).toBe('Garden/Ideas.md');
    expect(linkFrom('Welcome.md', 'Projects/Ideas')).toMatchObject({ alias: 'project ideas', resolved: 'Projects/Ideas.md' });
  });

  it('resolves every link form the fixture uses', () => {
    expect(linkFrom('Welcome.md', 'Recipes/Weekly meal plan.md')?.resolved).toBe('Recipes/Weekly meal plan.md');
    expect(linkFrom('Welcome.md', 'Emergency contacts')).toMatchObject({ embed: true, resolved: 'Home/Emergency contacts.md' });
    expect(linkFrom('Daily/2024-03-02.md', 'Boiler')).toMatchObject({ block: 'filling-loop', resolved: 'Home/Boiler.md' });
    expect(linkFrom('Daily/2024-03-02.md', '')).toMatchObject({ heading: 'Morning', resolved: 'Daily/2024-03-02.md' });
    expect(linkFrom('Garden/Planting calendar.md', 'Tomatoes')).toMatchObject({ embed: true, heading: 'Sowing', resolved: 'Garden/Tomatoes.md' });
    expect(linkFrom('Garden/Planting calendar.md', 'garden-bed.png')).toMatchObject({ embed: true, alias: '300', resolved: null });
  });

  it('has no broken links besides the attachment embeds', () => {
    const broken = [...notes.values()].flatMap((note) =>
      note.links.filter((link) => link.resolved === null && !/\.(png|canvas)$/.test(link.target)).map((link) => `${note.path} → ${link.target}`),
    );
    expect(broken).toEqual([]);
  });

  it('holds the note and heading every fixture question expects', () => {
    expect(FIXTURE_QUESTIONS.length).toBeGreaterThanOrEqual(25);
    for (const question of FIXTURE_QUESTIONS) {
      for (const path of question.paths) expect(notes.has(path), `${question.question} → ${path}`).toBe(true);
      if (question.heading) {
        const first = get(question.paths[0] ?? '');
        expect(first.headings.map((heading) => heading.text), question.question).toContain(question.heading);
      }
    }
  });
});
