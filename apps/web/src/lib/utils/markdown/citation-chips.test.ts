import type { Source } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown } from './incremental-markdown.ts';
import { renderMarkdown, renderMarkdownCached } from './markdown.ts';

const source = (n: number, overrides: Partial<Source> = {}): Source => ({
  n, kind: 'web', status: 'read', url: `https://example.org/page-${n}`, title: `Page ${n}`, domain: 'example.org',
  snippet: null, toolCallId: 'call-1', ...overrides,
});

const sources = [source(1), source(2, { status: 'snippet', url: 'https://news.example.com/x', title: 'Snippet page', domain: 'news.example.com' })];

function dom(html: string) {
  return new DOMParser().parseFromString(html, 'text/html').body;
}

const chips = (html: string) => [...dom(html).querySelectorAll('[data-testid="citation"]')];

describe('citation chips', () => {
  it('turns a marker of a read source into a link that opens it in a new tab, named by its title', () => {
    const [chip] = chips(renderMarkdown('Tides follow the moon [1].', sources));
    expect(chip?.tagName).toBe('A');
    expect(chip?.getAttribute('href')).toBe('https://example.org/page-1');
    expect(chip?.getAttribute('target')).toBe('_blank');
    expect(chip?.getAttribute('rel')).toContain('noopener noreferrer');
    expect(chip?.getAttribute('data-n')).toBe('1');
    expect(chip?.getAttribute('data-status')).toBe('read');
    expect(chip?.getAttribute('aria-label')).toBe('Source 1: Page 1, example.org');
    expect(chip?.getAttribute('title')).toContain('Page 1');
    expect(chip?.textContent).toBe('[1]');
  });

  it('marks a snippet-only source as such', () => {
    const [chip] = chips(renderMarkdown('Reported [2].', sources));
    expect(chip?.getAttribute('data-status')).toBe('snippet');
    expect(chip?.classList.contains('snippet')).toBe(true);
    expect(chip?.getAttribute('aria-label')).toContain('snippet only');
    expect(chip?.getAttribute('title')).toContain('search snippet only');
  });

  it('flags a marker that points at no source and never makes it a link', () => {
    const html = renderMarkdown('Made up [5].', sources);
    const [chip] = chips(html);
    expect(chip?.tagName).toBe('SPAN');
    expect(chip?.getAttribute('data-status')).toBe('dangling');
    expect(chip?.getAttribute('title')).toBe('No source [5] in this answer');
    expect(chip?.hasAttribute('href')).toBe(false);
    expect(dom(html).querySelector('a')).toBeNull();
  });

  it('flags every marker while the message has no sources', () => {
    expect(chips(renderMarkdown('See [1].')).map((chip) => chip.getAttribute('data-status'))).toEqual(['dangling']);
  });

  it('reads lists and ranges the way the server does', () => {
    const html = renderMarkdown('Both [1, 2] and a range [1-3].', sources);
    expect(chips(html).map((chip) => `${chip.getAttribute('data-n')}:${chip.getAttribute('data-status')}`)).toEqual([
      '1:read', '2:snippet', '1:read', '2:snippet', '3:dangling',
    ]);
  });

  it('leaves code blocks, inline code, Markdown links and wikilinks alone', () => {
    const html = renderMarkdown('`arr[1]` and [1](https://other.test/) and [[1]]\n\n```\nx = a[1]\n```', sources);
    expect(chips(html)).toHaveLength(0);
    const body = dom(html);
    expect(body.querySelector('code')?.textContent).toBe('arr[1]');
    expect(body.querySelector('pre')?.textContent).toContain('x = a[1]');
    expect(body.querySelector('a')?.getAttribute('href')).toBe('https://other.test/');
    expect(body.textContent).toContain('[[1]]');
  });

  it('keeps a marker inside link text as text, not a link in a link', () => {
    const html = renderMarkdown('[see [1]](https://other.test/)', sources);
    expect(chips(html)).toHaveLength(0);
    expect(dom(html).querySelectorAll('a')).toHaveLength(1);
  });

  it('does not let a numeric reference definition pass a model-written URL off as a citation', () => {
    const html = renderMarkdown('A claim [1].\n\n[1]: https://attacker.test/', sources);
    const [chip] = chips(html);
    expect(chip?.getAttribute('href')).toBe('https://example.org/page-1');
    expect(html).not.toContain('attacker.test');
  });

  it('keeps a source with a script URL or HTML in its title inert', () => {
    const evil = [
      source(1, { url: 'javascript:alert(1)', title: '<img src=x onerror=alert(1)>' }),
      source(2, { url: 'https://ok.test/"><script>alert(1)</script>', title: '"><svg onload=alert(1)>' }),
    ];
    const html = renderMarkdown('One [1] two [2].', evil);
    const body = dom(html);
    expect(body.querySelector('img, script, svg')).toBeNull();
    for (const element of body.querySelectorAll('*')) {
      for (const attribute of element.attributes) expect(attribute.name.startsWith('on'), attribute.name).toBe(false);
    }
    const [first, second] = chips(html);
    expect(first?.tagName).toBe('SPAN');
    expect(first?.hasAttribute('href')).toBe(false);
    expect(first?.getAttribute('title')).toContain('<img src=x onerror=alert(1)>');
    // The sanitizer may drop an address that carries markup; what stays is a web address.
    expect(second?.getAttribute('href') ?? 'https://').toMatch(/^https:\/\//);
  });

  it('stays inert with hostile sources when the answer arrives one character at a time', () => {
    const evil = [source(1, { url: 'javascript:alert(1)', title: '"><img src=x onerror=alert(1)>' }), source(2, { url: 'data:text/html,x' })];
    const text = 'See [1] and [2], not `[1]`.\n\n[1]: javascript:alert(1)';
    const renderer = new IncrementalMarkdown();
    for (let end = 1; end <= text.length; end++) {
      const body = dom(renderer.update(text.slice(0, end), evil).map((block) => block.html).join(''));
      expect(body.querySelector('img, script, a[href]'), `at ${end}`).toBeNull();
    }
  });

  it('renders again with chips resolved once the sources arrive, in the cache and while streaming', () => {
    expect(chips(renderMarkdownCached('m-cite', 'Fact [1].')).at(0)?.getAttribute('data-status')).toBe('dangling');
    expect(chips(renderMarkdownCached('m-cite', 'Fact [1].', sources)).at(0)?.getAttribute('data-status')).toBe('read');

    const renderer = new IncrementalMarkdown();
    renderer.update('First [1].\n\nSecond');
    const html = renderer.update('First [1].\n\nSecond [2].', sources).map((block) => block.html).join('');
    expect(chips(html).map((chip) => chip.getAttribute('data-status'))).toEqual(['read', 'snippet']);
  });

  it('links a note source to the in-app viewer, in the same tab, named by the vault', () => {
    const notes = [source(1, { kind: 'note', url: '/notes/a1b2c3#watering', title: 'Roses › Watering', domain: 'Household' })];
    const [chip] = chips(renderMarkdown('Water them at dawn [1].', notes));
    expect(chip?.tagName).toBe('A');
    expect(chip?.getAttribute('href')).toBe('/notes/a1b2c3#watering');
    expect(chip?.hasAttribute('target')).toBe(false);
    expect(chip?.hasAttribute('data-in-app')).toBe(true);
    expect(chip?.getAttribute('data-kind')).toBe('note');
    expect(chip?.getAttribute('aria-label')).toBe('Source 1: Roses › Watering, Household, note');
  });

  it('opens the viewer only for note sources at its exact address', () => {
    const odd = [
      source(1, { kind: 'web', url: '/notes/a1b2c3' }),
      source(2, { kind: 'note', url: '/notes/../../api/conversations' }),
      source(3, { kind: 'note', url: 'https://attacker.test/notes/x' }),
      source(4, { kind: 'note', url: '/notes/a1b2c3#x" onclick="alert(1)' }),
    ];
    const html = renderMarkdown('A [1] B [2] C [3] D [4].', odd);
    expect(chips(html).map((chip) => chip.tagName)).toEqual(['SPAN', 'SPAN', 'SPAN', 'SPAN']);
    expect(dom(html).querySelector('[href], [data-in-app], [onclick]')).toBeNull();
  });

  it('does not treat a model-written link to the viewer as a note citation or an in-app link', () => {
    const notes = [source(1, { kind: 'note', url: '/notes/a1b2c3#watering', title: 'Roses', domain: 'Household' })];
    const html = renderMarkdown('See [1](/notes/x) and [this](/notes/a1b2c3#watering).\n\n[r]: /notes/x', notes);
    const body = dom(html);
    expect(chips(html)).toHaveLength(0);
    expect(body.querySelector('a')).toBeNull();
    expect(body.textContent).toContain('[1](/notes/x)');
  });
});
