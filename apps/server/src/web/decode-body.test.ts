import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode-body.ts';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('decodeBody', () => {
  it('uses the Content-Type charset', () => {
    expect(decodeBody(latin1('Café'), { charset: 'iso-8859-1', isHtml: false })).toBe('Café');
  });

  it('falls back to <meta charset> or http-equiv for HTML', () => {
    expect(decodeBody(latin1('<meta charset="windows-1252"><p>Café</p>'), { charset: null, isHtml: true })).toContain('Café');
    const equiv = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Crème</p>';
    expect(decodeBody(latin1(equiv), { charset: null, isHtml: true })).toContain('Crème');
  });

  it('lets a byte-order mark win over a wrong header', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café')]);
    expect(decodeBody(body, { charset: 'iso-8859-1', isHtml: false })).toBe('Café');
  });

  it('defaults to UTF-8 and replaces malformed bytes instead of failing', () => {
    expect(decodeBody(Buffer.from([0x61, 0xff, 0x62]), { charset: null, isHtml: false })).toBe('a\ufffdb');
  });

  it('falls back to UTF-8 for an unknown charset label', () => {
    expect(decodeBody(Buffer.from('Café'), { charset: 'x-made-up', isHtml: false })).toBe('Café');
  });
});
