import { describe, expect, it } from 'vitest';
import { selectPassages, splitPassages } from './select-passages.ts';

const filler = (topic: string, count: number) =>
  Array.from({ length: count }, (_, index) => `Paragraph ${index} talks at some length about ${topic} and nothing else of note here.`).join('\n\n');

describe('selectPassages', () => {
  it('picks the passages that answer the question and keeps every page citable', () => {
    const pages = [
      { n: 1, text: `${filler('gardening', 12)}\n\nSpring tides happen when the sun and moon align, at new and full moon.\n\n${filler('weather', 6)}` },
      { n: 2, text: `${filler('boats', 8)}\n\nNeap tides come at the quarter moons.` },
    ];
    const selected = selectPassages('When do spring tides happen?', pages, 1200);
    expect(selected.map((page) => page.n)).toEqual([1, 2]);
    expect(selected[0]?.text).toContain('Spring tides happen when the sun and moon align');
    expect(selected.reduce((sum, page) => sum + page.text.length, 0)).toBeLessThanOrEqual(1200);
  });

  it('splits long paragraphs at sentence ends', () => {
    const long = 'One sentence here. '.repeat(100);
    const passages = splitPassages(long, 200);
    expect(passages.length).toBeGreaterThan(5);
    for (const passage of passages) expect(passage.endsWith('.')).toBe(true);
  });
});
