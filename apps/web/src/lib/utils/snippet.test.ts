import { describe, expect, it } from 'vitest';
import { splitSnippet } from './snippet.ts';

describe('splitSnippet', () => {
  it('marks the words between [[ and ]]', () => {
    expect(splitSnippet('the [[quick]] fox [[jumps]]')).toEqual([
      { text: 'the ', isMatch: false },
      { text: 'quick', isMatch: true },
      { text: ' fox ', isMatch: false },
      { text: 'jumps', isMatch: true },
    ]);
  });

  it('keeps markup in the snippet as plain text', () => {
    expect(splitSnippet('<img src=x onerror=alert(1)> [[<b>]]')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', isMatch: false },
      { text: '<b>', isMatch: true },
    ]);
  });

  it('leaves an unclosed marker as text', () => {
    expect(splitSnippet('a [[b')).toEqual([{ text: 'a [[b', isMatch: false }]);
  });
});
