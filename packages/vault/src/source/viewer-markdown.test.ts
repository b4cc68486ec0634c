import { describe, expect, it } from 'vitest';
import { viewerMarkdown } from './viewer-markdown.ts';

describe('viewerMarkdown', () => {
  it('keeps the note as written, callouts and links included, without frontmatter or comments', () => {
    const note = [
      '---',
      'aliases: [Heating]',
      '---',
      '# Boiler',
      '',
      '> [!warning] Before topping up',
      '> Switch it off first. See [[Emergency contacts#Plumber]].',
      '',
      'Login %%secret%% is elsewhere.',
      '%%',
      'a private block',
      '%%',
      '```',
      'echo %% not a comment %%',
      '```',
    ].join('\n');
    expect(viewerMarkdown(note)).toBe(
      [
        '# Boiler',
        '',
        '> [!warning] Before topping up',
        '> Switch it off first. See [[Emergency contacts#Plumber]].',
        '',
        'Login  is elsewhere.',
        '```',
        'echo %% not a comment %%',
        '```',
      ].join('\n'),
    );
  });
});
