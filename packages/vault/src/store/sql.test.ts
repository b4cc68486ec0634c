import { describe, expect, it } from 'vitest';
import { sqlIn, sqlString } from './sql.ts';

describe('sqlString', () => {
  it('doubles single quotes', () => {
    expect(sqlString("O'Brien's notes.md")).toBe("'O''Brien''s notes.md'");
  });

  it('refuses a NUL character', () => {
    expect(() => sqlString('a\0b')).toThrow(/NUL/);
  });
});

describe('sqlIn', () => {
  it('lists each value once, quoted', () => {
    expect(sqlIn('noteId', ['a', "b'", 'a'])).toBe("noteId IN ('a', 'b''')");
  });

  it('is false for an empty list', () => {
    expect(sqlIn('path', [])).toBe('false');
  });
});
