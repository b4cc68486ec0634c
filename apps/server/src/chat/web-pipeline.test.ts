import { describe, expect, it } from 'vitest';
import { searchQuery } from './web-pipeline.ts';

describe('searchQuery', () => {
  it('searches a question as it was asked', () => {
    expect(searchQuery('  How much do street trees   cool a city?  ', 'Earlier question')).toBe('How much do street trees cool a city?');
  });

  it('searches a short follow-up together with the question it follows', () => {
    expect(searchQuery('And in winter?', 'Do street trees cool a city in summer?')).toBe('Do street trees cool a city in summer? And in winter?');
    expect(searchQuery('And in winter?')).toBe('And in winter?');
  });
});
