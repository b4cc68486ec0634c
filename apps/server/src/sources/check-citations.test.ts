import { describe, expect, it } from 'vitest';
import { checkCitations, citedNumbers } from './check-citations.ts';

describe('citedNumbers', () => {
  it('reads single, grouped, adjacent and ranged markers in order of first appearance', () => {
    expect(citedNumbers('Tides follow the moon [2]. Both agree [1, 3][2] and more [4-6].')).toEqual([2, 1, 3, 4, 5, 6]);
  });

  it('ignores code, Markdown links, reference definitions and wikilinks', () => {
    const text = 'Use `arr[0]` and\n```js\nx[1]\n```\nsee [docs](https://example.org) [7](https://x.test) [[Note]]\n[9]: https://example.org';
    expect(citedNumbers(text)).toEqual([]);
  });
});

describe('checkCitations', () => {
  it('flags numbers that point at no source of the turn as dangling', () => {
    const known = new Set([1, 2]);
    expect(checkCitations('A [1], B [2], C [5].', (n) => known.has(n))).toEqual({ cited: [1, 2], dangling: [5] });
  });
});
