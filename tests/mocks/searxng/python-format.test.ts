import { describe, expect, it } from 'vitest';
import { parseScenarioDate, pubdate, searxDisplayDate, isoformat } from './python-datetime.ts';
import { PythonFloat, pythonJsonDumps } from './python-json.ts';
import { pythonUrlparse } from './python-url.ts';

describe('pythonUrlparse', () => {
  it('splits a URL into the six urlparse parts without normalising it', () => {
    expect(pythonUrlparse('HTTPS://Example.org/a;x/b;y?q=1#top')).toEqual(['https', 'Example.org', '/a;x/b', 'y', 'q=1', 'top']);
    expect(pythonUrlparse('https://example.org')).toEqual(['https', 'example.org', '', '', '', '']);
    expect(pythonUrlparse('magnet:?xt=urn:btih:abc')).toEqual(['magnet', '', '', '', 'xt=urn:btih:abc', '']);
  });
});

describe('pythonJsonDumps', () => {
  it('uses Python separators, ASCII escapes and float notation', () => {
    expect(pythonJsonDumps({ a: [1, new PythonFloat(2), 0.5], 'é': '😀', skip: undefined })).toBe('{"a": [1, 2.0, 0.5], "\\u00e9": "\\ud83d\\ude00"}');
  });
});

describe('Python datetime texts', () => {
  it('writes isoformat and pubdate for naive and offset datetimes', () => {
    const naive = parseScenarioDate('2024-05-01T12:00:00');
    const aware = parseScenarioDate('2024-05-01T12:00:00.25Z');
    expect([isoformat(naive), pubdate(naive)]).toEqual(['2024-05-01T12:00:00', '2024-05-01 12:00:00']);
    expect([isoformat(aware), pubdate(aware)]).toEqual(['2024-05-01T12:00:00.250000+00:00', '2024-05-01 12:00:00+0000']);
  });

  it("writes searx's display date: minutes or hours ago within a day, Babel's medium date before", () => {
    const now = new Date('2024-05-01T12:00:00Z');
    expect(searxDisplayDate(parseScenarioDate('2024-05-01T11:20:00'), now)).toBe('40 minute(s) ago');
    expect(searxDisplayDate(parseScenarioDate('2024-05-01T09:55:00'), now)).toBe('2 hour(s), 5 minute(s) ago');
    expect(searxDisplayDate(parseScenarioDate('2023-02-03T10:00:00'), now)).toBe('Feb 3, 2023');
  });

  it('refuses a scenario date that is not ISO 8601', () => {
    expect(() => parseScenarioDate('Feb 3, 2023')).toThrow(/not ISO 8601/);
  });
});
