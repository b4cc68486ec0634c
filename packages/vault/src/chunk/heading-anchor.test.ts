import { describe, expect, it } from 'vitest';
import { headingAnchor } from './heading-anchor.ts';

describe('headingAnchor', () => {
  it.each([
    ['Annual service', 'annual-service'],
    ['Salt and rinse aid', 'salt-and-rinse-aid'],
    ['What goes in?', 'what-goes-in'],
    ['Q&A: costs (2024)', 'qa-costs-2024'],
    ['  Trimmed  ', 'trimmed'],
    ['Two  spaces', 'two--spaces'],
    ['snake_case and kebab-case', 'snake_case-and-kebab-case'],
    ['Café à la crème', 'café-à-la-crème'],
    ['日本語の見出し', '日本語の見出し'],
    ['See [[Boiler|the boiler]] and [[Bins]]', 'see-the-boiler-and-bins'],
    ['A [link](https://example.com) here', 'a-link-here'],
    ['**Bold** and `code`', 'bold-and-code'],
  ])('slugs %s as %s', (heading, slug) => {
    expect(headingAnchor(heading)).toBe(slug);
  });
});
