import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stem.ts';

describe('porterStem', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['watering', 'water'],
    ['watered', 'water'],
    ['waters', 'water'],
    ['making', 'make'],
    ['make', 'make'],
    ['hopping', 'hop'],
    ['relational', 'relat'],
    ['generalization', 'gener'],
    ['tomatoes', 'tomato'],
    ['batteries', 'batteri'],
    ['battery', 'batteri'],
    ['rate', 'rate'],
  ])('stems %s to %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('leaves short words and words with digits as they are', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('wifi6')).toBe('wifi6');
  });
});
