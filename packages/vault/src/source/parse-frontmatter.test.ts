import { describe, expect, it } from 'vitest';
import { noteProperties, parseFrontmatter } from './parse-frontmatter.ts';

const lines = (text: string): string[] => text.split('\n');

describe('parseFrontmatter', () => {
  it('reads YAML between --- lines at the very start', () => {
    expect(parseFrontmatter(lines('---\ntitle: Home\ncount: 3\n---\n# Body'))).toEqual({
      data: { title: 'Home', count: 3 },
      lineCount: 4,
      warning: null,
    });
  });

  it('reads JSON frontmatter', () => {
    const result = parseFrontmatter(lines('---\n{"tags":["journal"],"publish":false}\n---\ntext'));
    expect(result.data).toEqual({ tags: ['journal'], publish: false });
  });

  it('accepts an empty block', () => {
    expect(parseFrontmatter(lines('---\n---\ntext'))).toEqual({ data: {}, lineCount: 2, warning: null });
  });

  it('finds none when the first line is not ---, or the block is never closed', () => {
    expect(parseFrontmatter(lines('\n---\ntitle: x\n---'))).toMatchObject({ lineCount: 0 });
    expect(parseFrontmatter(lines('---\ntitle: x\n\nA note under a rule'))).toMatchObject({ lineCount: 0, warning: null });
  });

  it('ignores bad YAML with a warning that names the problem and the file line', () => {
    const result = parseFrontmatter(lines('---\ntitle: ok\ntags: [a\nstatus: x: y\n---\nbody'));
    expect(result.data).toEqual({});
    expect(result.lineCount).toBe(5);
    expect(result.warning).toMatch(/^Frontmatter is not valid YAML \(.+, line \d+\): indexed without it$/);
  });

  it('ignores duplicate keys and a block that is not a mapping, with a warning', () => {
    expect(parseFrontmatter(lines('---\na: 1\na: 2\n---')).warning).toContain('duplicated mapping key');
    expect(parseFrontmatter(lines('---\n- a\n- b\n---')).warning).toBe('Frontmatter is not a list of properties: indexed without it');
  });

  it('never evaluates code, whatever the block claims to be', () => {
    const result = parseFrontmatter(lines('---\nx: !!js/function "function () { return 1 }"\n---'));
    expect(result.data).toEqual({});
    expect(result.warning).toContain('Frontmatter is not valid YAML');
  });
});

describe('noteProperties', () => {
  it('reads aliases and tags as lists', () => {
    expect(noteProperties({ aliases: ['AI', 'Artificial Intelligence'], tags: ['Recipe', 'garden/Vegetables'] })).toMatchObject({
      aliases: ['AI', 'Artificial Intelligence'],
      tags: ['recipe', 'garden/vegetables'],
    });
  });

  it('reads the older alias and tag keys, and text values split as Obsidian did', () => {
    expect(noteProperties({ alias: 'Heating, Furnace', tag: '#home, maintenance daily' })).toMatchObject({
      aliases: ['Heating', 'Furnace'],
      tags: ['home', 'maintenance', 'daily'],
    });
  });

  it('skips items that are not text (a YAML "- #tag" line is a comment and reads as null)', () => {
    expect(noteProperties({ tags: [null, 'cooking', 1984, 'y1984'], aliases: [null, 42] })).toMatchObject({
      tags: ['cooking', 'y1984'],
      aliases: ['42'],
    });
  });

  it('takes a text or number title, and null otherwise', () => {
    expect(noteProperties({ title: '  Shed rebuild ' }).title).toBe('Shed rebuild');
    expect(noteProperties({ title: 1984 }).title).toBe('1984');
    expect(noteProperties({ title: ['x'] }).title).toBeNull();
    expect(noteProperties({}).title).toBeNull();
  });

  it('lists every text value, where property links live', () => {
    expect(noteProperties({ related: '[[Other]]', up: ['[[A]]', 3], done: true }).texts).toEqual(['[[Other]]', '[[A]]', '3']);
  });
});
