import { SNIPPET_MATCH_END as E, SNIPPET_MATCH_START as S } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { splitSnippet } from './snippet.ts';

describe('splitSnippet', () => {
  it('marks the words between the match marks', () => {
    expect(splitSnippet(`the ${S}quick${E} fox ${S}jumps${E}`)).toEqual([
      { text: 'the ', isMatch: false },
      { text: 'quick', isMatch: true },
      { text: ' fox ', isMatch: false },
      { text: 'jumps', isMatch: true },
    ]);
  });

  it('keeps Obsidian links and markup in the snippet as plain text', () => {
    expect(splitSnippet(`see [[Note]] <img src=x onerror=alert(1)> ${S}<b>${E}`)).toEqual([
      { text: 'see [[Note]] <img src=x onerror=alert(1)> ', isMatch: false },
      { text: '<b>', isMatch: true },
    ]);
  });

  it('leaves an unclosed mark as text', () => {
    expect(splitSnippet(`a ${S}b`)).toEqual([{ text: `a ${S}b`, isMatch: false }]);
  });
});
