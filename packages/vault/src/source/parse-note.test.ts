import { describe, expect, it } from 'vitest';
import { noteId } from './note-id.ts';
import { parseNote } from './parse-note.ts';

const parse = (text: string, path = 'Folder/My note.md') => parseNote({ path, text });
const lines = (...all: string[]): string => all.join('\n');

describe('parseNote: title, properties and warnings', () => {
  it('titles a note after its file name, and gives it the id of its path', () => {
    const note = parse('Just text.');
    expect(note).toMatchObject({ path: 'Folder/My note.md', id: noteId('Folder/My note.md'), title: 'My note' });
    expect(note.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('lets a frontmatter title win over the file name', () => {
    expect(parse(lines('---', 'title: Shed rebuild', '---', 'x')).title).toBe('Shed rebuild');
  });

  it('reads aliases and tags from YAML frontmatter, and leaves the block out of the body', () => {
    const note = parse(lines('---', 'aliases: [Heating]', 'tags:', '  - Home/Heating', '  - maintenance', '---', 'Body text.'));
    expect(note).toMatchObject({ aliases: ['Heating'], tags: ['home/heating', 'maintenance'], body: 'Body text.', warnings: [] });
  });

  it('reads JSON frontmatter', () => {
    const note = parse(lines('---', '{"tags": ["journal"], "aliases": ["Diary"], "publish": false}', '---', 'Today.'));
    expect(note).toMatchObject({ tags: ['journal'], aliases: ['Diary'], body: 'Today.' });
  });

  it('indexes a note with bad YAML without its frontmatter, with a warning, and does not throw', () => {
    const note = parse(lines('---', 'title: Shed', 'tags: [projects', 'status: a: b', '---', '# Shed', 'Text #inline'));
    expect(note.title).toBe('My note');
    expect(note.tags).toEqual(['inline']);
    expect(note.body).toBe(lines('# Shed', 'Text #inline'));
    expect(note.warnings).toHaveLength(1);
    expect(note.warnings[0]).toMatch(/^Frontmatter is not valid YAML/);
  });

  it('treats a --- that is never closed as a rule, not as frontmatter', () => {
    const note = parse(lines('---', 'Some text', '', 'More #text'));
    expect(note.body).toBe(lines('---', 'Some text', '', 'More #text'));
    expect(note.tags).toEqual(['text']);
  });

  it('reads links written in properties', () => {
    const note = parse(lines('---', 'related: "[[Other note]]"', 'up:', '  - "[[Index#Top]]"', '---', 'x'));
    expect(note.links.map((link) => [link.target, link.heading])).toEqual([
      ['Other note', null],
      ['Index', 'Top'],
    ]);
  });

  it('strips a byte order mark and reads Windows line endings', () => {
    const note = parse('\uFEFF---\r\ntags: [a]\r\n---\r\n# Title\r\nText\r\n');
    expect(note.tags).toEqual(['a']);
    expect(note.headings).toEqual([{ level: 1, text: 'Title', line: 3 }]);
    expect(note.body).toBe(lines('# Title', 'Text', ''));
  });
});

describe('parseNote: headings', () => {
  it('lists ATX headings with their level and 0-based line in the file, frontmatter counted', () => {
    const note = parse(lines('---', 'tags: [x]', '---', '# One', 'text', '## Two ##', '###### Six', '####### Seven'));
    expect(note.headings).toEqual([
      { level: 1, text: 'One', line: 3 },
      { level: 2, text: 'Two', line: 5 },
      { level: 6, text: 'Six', line: 6 },
    ]);
  });

  it('does not take a #tag at the start of a line for a heading', () => {
    const note = parse(lines('#tag at the start', '#another'));
    expect(note.headings).toEqual([]);
    expect(note.tags).toEqual(['tag', 'another']);
  });

  it('does not read headings inside code fences, quotes or callouts', () => {
    const note = parse(lines('```bash', '# a shell comment', '```', '> # quoted', '> [!note]', '> ## In a callout', '~~~', '# tilde code', '~~~', '## Real'));
    expect(note.headings.map((heading) => heading.text)).toEqual(['Real']);
  });

  it('keeps tags and links written in a heading', () => {
    const note = parse('## Plans for [[Garden]] #garden/ideas');
    expect(note.headings[0]?.text).toBe('Plans for [[Garden]] #garden/ideas');
    expect(note.tags).toEqual(['garden/ideas']);
    expect(note.links[0]?.target).toBe('Garden');
  });
});

describe('parseNote: links and embeds', () => {
  const note = parse(
    lines(
      'Plain [[Note]], with extension [[Note.md]], by path [[Folder/Note]].',
      'Heading [[Note#Heading]], nested [[Note#A#B]], same note [[#Heading]], block [[Note#^37066d]].',
      'Aliased [[Note|Custom name]] and [[Note#Details|Section name]].',
      'Embeds: ![[Note]] ![[Engelbart.jpg|100]]',
      'Markdown: [Three laws](Three%20laws%20of%20motion.md) and [web](https://example.com/x.md).',
    ),
  );

  it('reads every Obsidian link form, unresolved', () => {
    expect(note.links.map(({ target, heading, block, alias, embed }) => ({ target, heading, block, alias, embed }))).toEqual([
      { target: 'Note', heading: null, block: null, alias: null, embed: false },
      { target: 'Note.md', heading: null, block: null, alias: null, embed: false },
      { target: 'Folder/Note', heading: null, block: null, alias: null, embed: false },
      { target: 'Note', heading: 'Heading', block: null, alias: null, embed: false },
      { target: 'Note', heading: 'A#B', block: null, alias: null, embed: false },
      { target: '', heading: 'Heading', block: null, alias: null, embed: false },
      { target: 'Note', heading: null, block: '37066d', alias: null, embed: false },
      { target: 'Note', heading: null, block: null, alias: 'Custom name', embed: false },
      { target: 'Note', heading: 'Details', block: null, alias: 'Section name', embed: false },
      { target: 'Note', heading: null, block: null, alias: null, embed: true },
      { target: 'Engelbart.jpg', heading: null, block: null, alias: '100', embed: true },
      { target: 'Three laws of motion.md', heading: null, block: null, alias: 'Three laws', embed: false },
    ]);
    expect(note.links.every((link) => link.resolved === null)).toBe(true);
  });

  it('reads no links inside code blocks or inline code', () => {
    const code = parse(lines('```', '[[not a link]] [x](y.md)', '```', 'Inline `[[nope]]` and ``[[nor ` this]]`` but [[yes]]'));
    expect(code.links.map((link) => link.target)).toEqual(['yes']);
  });

  it('reads links in callouts and quotes', () => {
    const quoted = parse(lines('> [!info] See [[Title link]]', '> and [[Body link]]', '', '> quoted [[Quote link]]'));
    expect(quoted.links.map((link) => link.target)).toEqual(['Title link', 'Body link', 'Quote link']);
  });
});

describe('parseNote: tags', () => {
  it('merges frontmatter and inline tags, lower-cased, each once', () => {
    const note = parse(lines('---', 'tags: [Garden]', '---', 'Sowed #garden/Vegetables today. #GARDEN'));
    expect(note.tags).toEqual(['garden', 'garden/vegetables']);
  });

  it('reads no tags in code, links or URLs', () => {
    const note = parse(
      lines('```', '#not-a-tag', '```', '`#inline-code` [[Note#heading]] [x](Note.md#sec) https://example.com/#anchor <https://a.b/#c>', 'real #tag'),
    );
    expect(note.tags).toEqual(['tag']);
  });
});

describe('parseNote: block ids', () => {
  it('reads ` ^id` at the end of a line and `^id` alone on a line', () => {
    const note = parse(lines('A paragraph. ^para-1', '', '> a quote', '', '^quote-id', '', 'x^2 and a footnote[^1]', '```', 'code ^not-an-id', '```'));
    expect(note.blockIds).toEqual(['para-1', 'quote-id']);
  });
});

describe('parseNote: callouts', () => {
  it('keeps the title and body as plain text, without the marker or the quote signs', () => {
    const note = parse(lines('> [!warning]- Before topping up', '> Switch it off first.', '> Then wait.', '', 'After.'));
    expect(note.body).toBe(lines('Before topping up', 'Switch it off first.', 'Then wait.', '', 'After.'));
  });

  it("uses the type's name as the title when none is written, folded or not", () => {
    expect(parse(lines('> [!TIP]+', '> Body')).body).toBe(lines('Tip', 'Body'));
    expect(parse('> [!faq]-').body).toBe('Faq');
  });

  it('flattens nested callouts and their headings', () => {
    const note = parse(lines('> [!tip] Outer', '> outer body', '> > [!info] Inner', '> > inner body', '> ## Not a heading'));
    expect(note.body).toBe(lines('Outer', 'outer body', 'Inner', 'inner body', 'Not a heading'));
    expect(note.headings).toEqual([]);
  });

  it('leaves plain quotes as written', () => {
    expect(parse(lines('> A quote', '> > nested')).body).toBe(lines('> A quote', '> > nested'));
  });

  it('keeps code inside a callout as code, and closes a fence the callout left open', () => {
    const note = parse(lines('> [!example] Code', '> ```', '> # not a heading [[nor a link]]', '', '# Real heading'));
    expect(note.body).toBe(lines('Code', '```', '# not a heading [[nor a link]]', '```', '', '# Real heading'));
    expect(note.headings.map((heading) => heading.text)).toEqual(['Real heading']);
    expect(note.links).toEqual([]);
  });
});

describe('parseNote: comments', () => {
  it('leaves inline and block comments out of the body, with whatever they hold', () => {
    const note = parse(lines('Visible %%hidden [[Secret link]] #secret-tag%% text.', '%%', 'COMMENTED-OUT-SECRET', '# Not a heading', '%%', 'After.'));
    expect(note.body).toBe(lines('Visible  text.', 'After.'));
    expect(note.links).toEqual([]);
    expect(note.tags).toEqual([]);
    expect(note.headings).toEqual([]);
  });

  it('handles a comment that opens and closes mid-line across lines', () => {
    expect(parse(lines('Start %%from here', 'to here%% end.')).body).toBe(lines('Start ', ' end.'));
  });

  it('keeps %% inside inline code and code blocks as text', () => {
    const note = parse(lines('Use `%%` to comment.', '```', '%% not a comment %%', '```'));
    expect(note.body).toBe(lines('Use `%%` to comment.', '```', '%% not a comment %%', '```'));
  });

  it('warns when a comment is never closed, as it hides the rest of the note', () => {
    const note = parse(lines('Before.', '%% oops', 'All of this is hidden.'));
    expect(note.body).toBe('Before.');
    expect(note.warnings).toEqual(['A %% comment is never closed: the rest of the note is left out']);
  });
});

describe('parseNote: code and body', () => {
  it('keeps code blocks in the body as written', () => {
    const text = lines('Text', '```yaml', 'notes: "[[not a link]] #not-a-tag"', '', '# not a heading', '```');
    const note = parse(text);
    expect(note.body).toBe(text);
    expect(note).toMatchObject({ links: [], tags: [], headings: [] });
  });

  it('reads an unclosed fence as code to the end of the note, as CommonMark does', () => {
    expect(parse(lines('```', '[[a]]', '# b')).headings).toEqual([]);
  });

  it('reads a fence indented inside a list item as code', () => {
    expect(parse(lines('- item', '    ```', '    #not-a-tag', '    ```')).tags).toEqual([]);
  });

  it('is deterministic and never throws on odd input', () => {
    const odd = lines('---', '---', '[[', ']]', '![[|]]', '%%', '`', '> [!', '#', '###### ', '\u0000\uFFFD');
    expect(() => parse(odd)).not.toThrow();
    expect(parse(odd)).toEqual(parse(odd));
  });
});
