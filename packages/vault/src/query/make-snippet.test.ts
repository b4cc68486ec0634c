import { describe, expect, it } from 'vitest';
import { makeSnippet } from './make-snippet.ts';
import { plainText } from './plain-text.ts';
import { terms } from './terms.ts';

describe('plainText', () => {
  it('removes Markdown marks and keeps what a person reads', () => {
    const markdown = [
      '## Pressure',
      '> [!warning] Before topping up',
      '> Switch the **boiler** off at the [[Fuse box|fused spur]] first. ^spur',
      '- [ ] Check [[Emergency contacts#Plumber]] and `F.22`',
      '| Year | Engineer |',
      '| ---- | -------- |',
      '| 2022 | Dave |',
      '![[garden-bed.png]] See [the manual](https://example.com/manual.pdf).',
    ].join('\n');
    expect(plainText(markdown)).toBe(
      [
        'Pressure',
        'Before topping up',
        'Switch the boiler off at the fused spur first.',
        'Check Emergency contacts › Plumber and F.22',
        'Year · Engineer',
        '2022 · Dave',
        'See the manual.',
      ].join('\n'),
    );
  });
});

describe('makeSnippet', () => {
  const content = [
    'Combi boiler in the utility room cupboard, installed in November 2019.',
    'The pressure gauge on the front panel should read 1.5 bar when the system is cold.',
    'Below 1 bar the boiler locks out and shows F.22.',
    'Bleed the radiators in autumn with the key in the kitchen drawer.',
  ].join(' ');

  it('starts at the sentence with the most question terms', () => {
    const snippet = makeSnippet(content, terms('what pressure should the gauge show'));
    expect(snippet.startsWith('The pressure gauge')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(200);
  });

  it('cuts one long sentence at a word, around the first question term', () => {
    const long = `${'Lorem ipsum dolor sit amet. '.repeat(2)}${'word '.repeat(60)}the pressure valve ${'tail '.repeat(60)}`;
    const snippet = makeSnippet(long, terms('pressure valve'), 120);
    expect(snippet).toContain('pressure valve');
    expect(snippet.length).toBeLessThanOrEqual(122);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('falls back to the opening sentences when no term matches', () => {
    expect(makeSnippet(content, terms('zebra'), 80)).toBe('Combi boiler in the utility room cupboard, installed in November 2019.');
  });
});
