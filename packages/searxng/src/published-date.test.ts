import { describe, expect, it } from 'vitest';
import { normalisePublishedDate } from './published-date.ts';

describe('normalisePublishedDate', () => {
  it("reads SearXNG's isoformat, naive as UTC and with an offset", () => {
    expect(normalisePublishedDate('2024-05-01T12:00:00', '')).toBe('2024-05-01T12:00:00.000Z');
    expect(normalisePublishedDate('2024-05-01T12:00:00.250000+02:00', '')).toBe('2024-05-01T10:00:00.250Z');
    expect(normalisePublishedDate('2024-05-01', null)).toBe('2024-05-01T00:00:00.000Z');
  });

  it("prefers searx's pubdate over its localized publishedDate", () => {
    expect(normalisePublishedDate('Feb 3, 2023', '2023-02-03 22:30:00-0500')).toBe('2023-02-04T03:30:00.000Z');
    expect(normalisePublishedDate('2 hour(s), 5 minute(s) ago', '2024-05-01 10:00:00+0000')).toBe('2024-05-01T10:00:00.000Z');
  });

  it('falls back to the English medium date when there is no pubdate', () => {
    expect(normalisePublishedDate('Feb 3, 2023', undefined)).toBe('2023-02-03T00:00:00.000Z');
  });

  it('gives null for anything that does not parse cleanly', () => {
    expect(normalisePublishedDate('2 hour(s), 5 minute(s) ago', undefined)).toBeNull();
    expect(normalisePublishedDate('3 févr. 2023', '')).toBeNull();
    expect(normalisePublishedDate('2023-02-30T00:00:00', '')).toBeNull();
    expect(normalisePublishedDate('Feb 30, 2023', '')).toBeNull();
    expect(normalisePublishedDate(null, undefined)).toBeNull();
    expect(normalisePublishedDate(1700000000, {})).toBeNull();
  });
});
