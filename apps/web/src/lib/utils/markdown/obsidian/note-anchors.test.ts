import { describe, expect, it } from 'vitest';
import { decodeFragment, findAnchorTarget, matchHeadingAnchors } from './note-anchors.ts';

describe('note anchors', () => {
  it('matches rendered headings to the server anchors in order, skipping ones it does not know', () => {
    const server = [
      { text: 'Intro', anchor: 'intro' },
      { text: 'Steps', anchor: 'steps' },
      { text: 'Steps', anchor: 'steps-1' },
    ];
    expect(matchHeadingAnchors(['Intro', 'Extra', 'Steps', 'steps'], server)).toEqual(['intro', null, 'steps', 'steps-1']);
  });

  it('finds the element a fragment points at, exactly or loosely', () => {
    const root = document.createElement('div');
    root.innerHTML = '<h2 data-anchor="winter-care">Winter care</h2><h2 data-anchor="beds-paths">Beds &amp; paths</h2><span data-anchor="^b1"></span>';
    expect(findAnchorTarget(root, '#winter-care')?.textContent).toBe('Winter care');
    expect(findAnchorTarget(root, '#Beds%20%26%20Paths')?.textContent).toBe('Beds & paths');
    expect(findAnchorTarget(root, '#%5Eb1')?.getAttribute('data-anchor')).toBe('^b1');
    expect(findAnchorTarget(root, '#nothing')).toBeNull();
    expect(findAnchorTarget(root, '')).toBeNull();
  });

  it('takes a malformed escape as written', () => {
    expect(decodeFragment('#100%')).toBe('100%');
  });
});
