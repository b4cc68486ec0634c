import { describe, expect, it } from 'vitest';
import { inlineCodeSpans, maskInlineCode, maskSpans } from './inline-code.ts';

describe('inlineCodeSpans', () => {
  it('pairs backtick runs of the same length', () => {
    const line = 'a `b` c ``d ` e`` f';
    expect(inlineCodeSpans(line).map(([start, end]) => line.slice(start, end))).toEqual(['`b`', '``d ` e``']);
  });

  it('leaves an unmatched run as text', () => {
    expect(inlineCodeSpans('a ``b` c')).toEqual([]);
    expect(maskInlineCode('it`s [[link]]')).toBe('it`s [[link]]');
  });

  it('handles a line of thousands of unmatched backtick runs', () => {
    const line = '`` `'.repeat(20_000);
    expect(inlineCodeSpans(line).length).toBeGreaterThan(0);
  });
});

describe('maskSpans', () => {
  it('blanks spans given in any order and overlapping, keeping the length', () => {
    expect(maskSpans('abcdefgh', [[5, 7], [1, 3], [2, 4]])).toBe('a   e  h');
  });
});
