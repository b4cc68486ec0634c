import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { completeDocument } from './complete-document.ts';

const parse = (html: string) => parseHTML(completeDocument(html)).document;

describe('completeDocument', () => {
  it('leaves a complete document as it is', () => {
    const html = '<!doctype html>\n<html lang="en">\n<head><title>T</title></head>\n<!-- x -->\n<body><p>x</p></body></html>';
    expect(completeDocument(html)).toBe(html);
  });

  it.each([
    ['a bare fragment', '<p>Short.</p><p>Also.</p>', ''],
    ['a title without <head>', '<!doctype html><title>Tide</title><p>Short.</p>', 'Tide'],
    ['a <head> without <body>', '<html lang="en"><head><title>Tide</title></head><p>Short.</p></html>', 'Tide'],
    ['<html> and <body> without <head>', '<!doctype html><html><title>Tide</title><body><p>Short.</p></body></html>', 'Tide'],
    ['only <body>', '<body><p>Short.</p></body>', ''],
  ])('gives %s a populated body and the right title', (_label, html, title) => {
    const document = parse(html);
    expect(document.body.textContent).toContain('Short.');
    expect(document.body.textContent).not.toContain('Tide');
    expect(document.title).toBe(title);
  });

  it('keeps the lang attribute of <html>', () => {
    expect(parse('<html lang="de"><p>Hallo</p></html>').documentElement.getAttribute('lang')).toBe('de');
  });
});
