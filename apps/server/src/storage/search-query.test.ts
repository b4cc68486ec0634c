import { describe, expect, it } from 'vitest';
import { toFtsQuery, toLikePattern } from './search-query.ts';

describe('toFtsQuery', () => {
  it('turns each word into a quoted prefix term', () => {
    expect(toFtsQuery('stream tokens')).toBe('"stream"* "tokens"*');
  });

  it('keeps FTS5 operators and quotes from being syntax', () => {
    expect(toFtsQuery('a" OR (b*) NEAR')).toBe('"a"* "OR"* "b"* "NEAR"*');
  });

  it('returns null when nothing searchable is left', () => {
    expect(toFtsQuery('  "*()  ')).toBeNull();
  });

  it('keeps letters of every script', () => {
    expect(toFtsQuery('café 東京')).toBe('"café"* "東京"*');
  });
});

describe('toLikePattern', () => {
  it('escapes LIKE wildcards so they match literally', () => {
    expect(toLikePattern('100%_done\\')).toBe('%100\\%\\_done\\\\%');
  });
});
