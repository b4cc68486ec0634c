import { describe, expect, it } from 'vitest';
import { cleanTitle, provisionalTitle } from './clean-title.ts';

describe('cleanTitle', () => {
  it('strips quotes, a Title: prefix, markdown and final punctuation', () => {
    expect(cleanTitle('Title: "**Baking Sourdough at Home**."')).toBe('Baking Sourdough at Home');
  });

  it('ignores reasoning tags and blank lines', () => {
    expect(cleanTitle('<think>hmm, a title</think>\n\n  Rust lifetimes explained  \nmore')).toBe('Rust lifetimes explained');
  });

  it('returns null for an empty answer', () => {
    expect(cleanTitle('  \n "" ')).toBeNull();
  });

  it('cuts very long titles', () => {
    expect(cleanTitle('x'.repeat(200))?.length).toBeLessThanOrEqual(80);
  });
});

describe('provisionalTitle', () => {
  it('uses the first line of the question, cut to 60 characters', () => {
    expect(provisionalTitle('How do I bake bread?\nWith details')).toBe('How do I bake bread?');
    expect(provisionalTitle('a'.repeat(100))).toHaveLength(60);
  });

  it('names an empty question "New chat"', () => {
    expect(provisionalTitle('   ')).toBe('New chat');
  });
});
