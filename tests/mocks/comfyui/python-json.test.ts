import { describe, expect, it } from 'vitest';
import { PyException, pyFloat, pyInt, pyRepr } from './python-format.ts';
import { PyFloat, pyFloatRepr, pyJsonDumps, pyJsonLoads, PyJsonDecodeError } from './python-json.ts';

describe('Python JSON and value formatting', () => {
  it('keeps dict order for integer-like keys, as Python does', () => {
    const parsed = pyJsonLoads('{"9": 1, "10": 2, "3": 3}');
    expect([...(parsed as Map<string, unknown>).keys()]).toEqual(['9', '10', '3']);
    expect(pyJsonDumps(parsed)).toBe('{"9": 1, "10": 2, "3": 3}');
  });

  it('keeps floats as floats and big integers exact', () => {
    const parsed = pyJsonLoads('[8.0, 8, 1e400, 18446744073709551615, NaN]') as unknown[];
    expect(parsed[0]).toBeInstanceOf(PyFloat);
    expect(parsed[1]).toBe(8);
    expect(parsed[3]).toBe(18446744073709551615n);
    expect(pyJsonDumps(parsed)).toBe('[8.0, 8, Infinity, 18446744073709551615, NaN]');
  });

  it('writes floats like repr(float)', () => {
    expect([0.1, 1e16, 1e-5, 123.456, 1.5e-7, 100].map(pyFloatRepr)).toEqual(['0.1', '1e+16', '1e-05', '123.456', '1.5e-07', '100.0']);
  });

  it('escapes non-ASCII like ensure_ascii', () => {
    expect(pyJsonDumps({ text: 'café 🎨' })).toBe('{"text": "caf\\u00e9 \\ud83c\\udfa8"}');
  });

  it('raises JSONDecodeError on trailing data and bad input', () => {
    expect(() => pyJsonLoads('{} x')).toThrow(PyJsonDecodeError);
    expect(() => pyJsonLoads('')).toThrow(PyJsonDecodeError);
    expect(() => pyJsonLoads("{'a': 1}")).toThrow(PyJsonDecodeError);
  });

  it('converts like int() and float() with CPython error texts', () => {
    expect(pyInt(' 42 ')).toBe(42);
    expect(pyInt(new PyFloat(7.9))).toBe(7);
    expect(() => pyInt('4.5')).toThrow(new PyException('ValueError', "invalid literal for int() with base 10: '4.5'"));
    expect(() => pyInt(null)).toThrow("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
    expect(pyFloat('1e3').value).toBe(1000);
    expect(() => pyFloat('abc')).toThrow("could not convert string to float: 'abc'");
  });

  it('prints repr of lists and strings as Python does', () => {
    expect(pyRepr(['a', "it's", 1, new PyFloat(2), null, true])).toBe(`['a', "it's", 1, 2.0, None, True]`);
  });
});
