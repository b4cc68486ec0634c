import { describe, expect, it } from 'vitest';
import { cleanText, decodeEntities, truncateText } from './clean-text.ts';

describe('cleanText', () => {
  it('drops inline tags inside words and puts a space for block tags', () => {
    expect(cleanText('<b>Obs</b>idian<br/>notes<p>and</p><li>links</li>')).toBe('Obsidian notes and links');
  });

  it('drops script and style bodies and comments', () => {
    expect(cleanText('a<script>alert(1)</script> b<!-- hidden -->c<style>.x{}</style>d')).toBe('a bc d');
  });

  it('leaves a lone less-than sign alone', () => {
    expect(cleanText('1 < 2 and 3 > 2')).toBe('1 < 2 and 3 > 2');
  });

  it('decodes entities once, after removing tags, so encoded markup stays text', () => {
    expect(cleanText('&lt;b&gt;bold&lt;/b&gt; &amp;amp; caf&eacute;')).toBe('<b>bold</b> &amp; caf&eacute;');
  });

  it('collapses whitespace, including non-breaking spaces, and removes soft hyphens', () => {
    expect(cleanText('  tides\n\tand&nbsp;&nbsp;moons\u00ad  ')).toBe('tides and moons');
  });
});

describe('decodeEntities', () => {
  it('decodes decimal and hex references and replaces invalid ones', () => {
    expect(decodeEntities('&#39;&#x27;&#8212;&#0;&#xD800;&#1114112;')).toBe("''—\ufffd\ufffd\ufffd");
  });
});

describe('truncateText', () => {
  it('keeps short text as it is', () => {
    expect(truncateText('short', 400)).toBe('short');
  });

  it('cuts at the last word within the limit and ends in an ellipsis', () => {
    expect(truncateText('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
  });

  it('cuts inside a word that has no space near the limit', () => {
    expect(truncateText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
