import { describe, expect, it } from 'vitest';
import { obsidianUri } from './obsidian-uri.ts';

describe('obsidianUri', () => {
  it('opens a note by vault name and path without .md, / and spaces percent-encoded', () => {
    expect(obsidianUri('my vault', 'Home/Emergency contacts.md')).toBe('obsidian://open?vault=my%20vault&file=Home%2FEmergency%20contacts');
  });

  it('opens at a heading with %23', () => {
    expect(obsidianUri('Family', 'Home/Boiler.md', 'Annual service')).toBe('obsidian://open?vault=Family&file=Home%2FBoiler%23Annual%20service');
  });

  it('opens at a block with %23%5E', () => {
    expect(obsidianUri('Family', 'Home/Boiler.md', '^filling-loop')).toBe('obsidian://open?vault=Family&file=Home%2FBoiler%23%5Efilling-loop');
  });

  it('opens at the top when the heading is null or empty', () => {
    expect(obsidianUri('v', 'Note.md', null)).toBe('obsidian://open?vault=v&file=Note');
    expect(obsidianUri('v', 'Note.md', '')).toBe('obsidian://open?vault=v&file=Note');
  });

  it('encodes characters that would break the query: & = ? # + and non-ASCII', () => {
    const uri = obsidianUri('A&B', 'Q&A = why? #1 + café (draft).md');
    expect(uri).toBe('obsidian://open?vault=A%26B&file=Q%26A%20%3D%20why%3F%20%231%20%2B%20caf%C3%A9%20%28draft%29');
    expect(new URL(uri).searchParams.get('file')).toBe('Q&A = why? #1 + café (draft)');
  });

  it('keeps a .md that is part of the name but not the extension', () => {
    expect(obsidianUri('v', 'notes.md.backup.md')).toBe('obsidian://open?vault=v&file=notes.md.backup');
  });
});
