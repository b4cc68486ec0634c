import { describe, expect, it } from 'vitest';
import { findUrls } from './find-urls.ts';

describe('findUrls', () => {
  it('finds the URLs a person wrote, leaving out the punctuation around them', () => {
    const text = 'Read https://a.example/tides. Also (https://b.example/x_(y)) and <https://c.example/?q=1>, not ftp://d.example';
    expect(findUrls(text)).toEqual(['https://a.example/tides', 'https://b.example/x_(y)', 'https://c.example/?q=1']);
  });
});
