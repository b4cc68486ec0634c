import { describe, expect, it } from 'vitest';
import { buildSearchUrl, normaliseBaseUrl } from './build-search-url.ts';

describe('buildSearchUrl', () => {
  it('encodes the query and adds the optional filters after the fixed parameters', () => {
    expect(buildSearchUrl('http://s.test', { query: 'tides & moons?', language: 'de', timeRange: 'year' })).toBe(
      'http://s.test/search?q=tides+%26+moons%3F&format=json&pageno=1&language=de&time_range=year',
    );
  });
});

describe('normaliseBaseUrl', () => {
  it('drops trailing slashes and a trailing /search', () => {
    expect(normaliseBaseUrl('http://s.test:8888/')).toBe('http://s.test:8888');
    expect(normaliseBaseUrl('http://s.test/searxng/search/')).toBe('http://s.test/searxng');
  });
});
