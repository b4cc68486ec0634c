import { describe, expect, it } from 'vitest';
import { findTags, normalizeTag } from './find-tags.ts';

describe('findTags', () => {
  it('finds tags at the start of a line and after spaces, lower-cased without #', () => {
    expect(findTags('#Meeting notes for #Inbox today')).toEqual(['meeting', 'inbox']);
  });

  it('keeps nested tags with their slashes', () => {
    expect(findTags('Planted out #garden/vegetables/tomatoes')).toEqual(['garden/vegetables/tomatoes']);
  });

  it('accepts letters of any script, digits, _, - and emoji', () => {
    expect(findTags('#café #日本語 #to_do #y1984 #in-progress #🌱plants')).toEqual(['café', '日本語', 'to_do', 'y1984', 'in-progress', '🌱plants']);
  });

  it('needs a character that is not a digit', () => {
    expect(findTags('#1984 and #2024/03')).toEqual([]);
  });

  it('ends a tag at punctuation', () => {
    expect(findTags('Done (#later), then #next. Or #this!')).toEqual(['next', 'this']);
  });

  it('does not read a # inside a word, an entity or a heading marker', () => {
    expect(findTags('C# and a&#123; and issue#12')).toEqual([]);
    expect(findTags('## Heading')).toEqual([]);
    expect(findTags('# Heading with #tag')).toEqual(['tag']);
  });
});

describe('normalizeTag', () => {
  it('strips #, outer slashes and case, and rejects what is not a tag', () => {
    expect(normalizeTag('#Recipe/')).toBe('recipe');
    expect(normalizeTag(' Home/Heating ')).toBe('home/heating');
    expect(normalizeTag('2024')).toBeNull();
    expect(normalizeTag('two words')).toBeNull();
    expect(normalizeTag('')).toBeNull();
  });
});
