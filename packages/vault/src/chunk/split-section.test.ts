import { describe, expect, it } from 'vitest';
import { splitSection } from './split-section.ts';

const paragraph = (words: number, word = 'word'): string => Array.from({ length: words }, (_, index) => `${word}${index}`).join(' ');

describe('splitSection', () => {
  it('keeps a section that fits as one piece, as written', () => {
    const text = 'One paragraph.\n\n\nAnother.';
    expect(splitSection(text, { maxChars: 100, overlapChars: 10 })).toEqual([{ text, prose: 'One paragraph.\nAnother.' }]);
  });

  it('splits at paragraph boundaries, every piece within the budget', () => {
    const paragraphs = Array.from({ length: 6 }, (_, index) => `Paragraph ${index}. ${paragraph(20, `p${index}w`)}.`);
    const pieces = splitSection(paragraphs.join('\n\n'), { maxChars: 400, overlapChars: 40 });
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(400);
    // Every paragraph is whole in the piece that owns it.
    for (const text of paragraphs) expect(pieces.some((piece) => piece.prose.split('\n').includes(text))).toBe(true);
  });

  it('starts each piece after the first with the end of the previous one', () => {
    const paragraphs = Array.from({ length: 4 }, (_, index) => `Start ${index}. ${paragraph(30, `p${index}w`)}. End of paragraph ${index}.`);
    const pieces = splitSection(paragraphs.join('\n\n'), { maxChars: 300, overlapChars: 60 });
    expect(pieces.length).toBe(4);
    for (let index = 1; index < pieces.length; index++) {
      const previous = pieces[index - 1]?.prose ?? '';
      const [overlap] = (pieces[index]?.text ?? '').split('\n\n');
      expect(overlap).toBeTruthy();
      expect(previous.endsWith(overlap ?? '')).toBe(true);
      expect(overlap?.length).toBeLessThanOrEqual(60);
      expect(pieces[index]?.prose.startsWith(overlap ?? '')).toBe(false);
    }
  });

  it('keeps a code block whole and carries no half code block over as overlap', () => {
    const code = ['```js', ...Array.from({ length: 8 }, (_, index) => `const line${index} = ${index};`), '```'].join('\n');
    const text = [paragraph(40), code, paragraph(40, 'after')].join('\n\n');
    const pieces = splitSection(text, { maxChars: 320, overlapChars: 40 });
    const withCode = pieces.findIndex((piece) => piece.text.includes(code));
    expect(withCode).toBeGreaterThan(0);
    expect(pieces[withCode]?.prose).toBe('');
    expect(pieces[withCode + 1]?.text.startsWith('after0')).toBe(true);
  });

  it('cuts a code block too long for any piece between lines, each part fenced again', () => {
    const code = ['```python', ...Array.from({ length: 60 }, (_, index) => `print("line ${index}")`), '```'].join('\n');
    const pieces = splitSection(code, { maxChars: 300, overlapChars: 40 });
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(300);
      expect(piece.text.startsWith('```python\n')).toBe(true);
      expect(piece.text.endsWith('\n```')).toBe(true);
    }
  });

  it('splits one huge paragraph at sentence ends, joined back with spaces', () => {
    const sentences = Array.from({ length: 30 }, (_, index) => `Sentence number ${index} says something about the boiler.`);
    const pieces = splitSection(sentences.join(' '), { maxChars: 250, overlapChars: 0 });
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(250);
      expect(piece.text).toMatch(/^Sentence number \d+ .*boiler\.$/);
    }
    expect(pieces.map((piece) => piece.text).join(' ')).toBe(sentences.join(' '));
  });

  it('never cuts a sentence inside a link', () => {
    const text = `${paragraph(50)}. See [[Mr. Smith. The plumber]] now. ${paragraph(50, 'tail')}.`;
    const pieces = splitSection(text, { maxChars: 300, overlapChars: 0 });
    expect(pieces.some((piece) => piece.text.includes('[[Mr. Smith. The plumber]]'))).toBe(true);
  });

  it('cuts a sentence longer than the budget at spaces', () => {
    const pieces = splitSection(paragraph(200), { maxChars: 200, overlapChars: 20 });
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(200);
    expect(pieces.at(-1)?.text.endsWith('word199')).toBe(true);
  });
});
