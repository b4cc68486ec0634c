import { describe, expect, it } from 'vitest';
import { truncateText } from './truncate-text.ts';

describe('truncateText', () => {
  it('leaves text within the budget alone', () => {
    expect(truncateText('Short.', 10)).toEqual({ text: 'Short.', truncated: false });
  });

  it('cuts at the last paragraph break within the budget', () => {
    const text = `${'a'.repeat(70)}\n\n${'b'.repeat(70)}`;
    expect(truncateText(text, 100)).toEqual({ text: 'a'.repeat(70), truncated: true });
  });

  it('cuts at the last sentence end when no paragraph break is close enough', () => {
    const text = `${'Word '.repeat(10)}ends here. ${'More words follow without a stop '.repeat(3)}`;
    const { text: cut, truncated } = truncateText(text, 80);
    expect(truncated).toBe(true);
    expect(cut.endsWith('ends here.')).toBe(true);
  });

  it('cuts at a space when there is no sentence end', () => {
    const { text } = truncateText('alpha beta gamma delta epsilon zeta eta theta', 20);
    expect(text).toBe('alpha beta gamma');
  });

  it('never splits a surrogate pair on a hard cut', () => {
    const { text } = truncateText(`${'x'.repeat(9)}🌳🌳`, 10);
    expect(text).toBe('x'.repeat(9));
  });
});
