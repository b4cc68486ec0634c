import type { Source } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { createTurnSources } from './turn-sources.ts';

describe('createTurnSources', () => {
  it('numbers snippets in order and keeps a number when the same page is read later', () => {
    const changes: Source[][] = [];
    const sources = createTurnSources((list) => changes.push(list));
    sources.addSnippet({ url: 'https://a.example/tides', title: 'Tides', snippet: 'High tide…' });
    sources.addSnippet({ url: 'https://b.example/moon', title: 'Moon' });
    const read = sources.addRead({ url: 'https://b.example/moon/', title: 'The Moon and tides' });
    expect(read.n).toBe(2);
    expect(sources.list().map(({ n, status, title }) => [n, status, title])).toEqual([
      [1, 'snippet', 'Tides'],
      [2, 'read', 'The Moon and tides'],
    ]);
    expect(changes.at(-1)?.[1]?.status).toBe('read');
  });

  it('upgrades the snippet a redirect started from, so the number the model saw is the page it read', () => {
    const sources = createTurnSources();
    sources.addSnippet({ url: 'https://short.example/x', title: 'Short link' });
    const read = sources.addRead({ url: 'https://long.example/article', title: 'Article', alsoKnownAs: ['https://short.example/x'] });
    expect(read).toMatchObject({ n: 1, status: 'read', url: 'https://long.example/article', domain: 'long.example' });
    expect(sources.find('https://long.example/article#part')?.n).toBe(1);
  });

  it('answers whether a number belongs to the turn', () => {
    const sources = createTurnSources();
    sources.addRead({ url: 'https://a.example/', title: '' });
    expect(sources.has(1)).toBe(true);
    expect(sources.has(2)).toBe(false);
    expect(sources.list()[0]?.title).toBe('a.example');
  });
});

describe('note sources', () => {
  it('number a note passage as read, link it to the in-app viewer at its heading, and keep one number per heading', () => {
    const sources = createTurnSources();
    sources.addSnippet({ url: 'https://a.example/', title: 'Web' });
    const note = sources.addNote({ noteId: 'n1', title: 'Boiler', heading: 'Pressure', anchor: 'pressure', vaultName: 'Household' });
    expect(note).toMatchObject({ n: 2, kind: 'note', status: 'read', url: '/notes/n1#pressure', title: 'Boiler › Pressure', domain: 'Household' });
    expect(sources.addNote({ noteId: 'n1', title: 'Boiler', heading: 'Pressure', anchor: 'pressure', vaultName: 'Household' }).n).toBe(2);
    expect(sources.addNote({ noteId: 'n1', title: 'Boiler', heading: null, anchor: null, vaultName: 'Household' }).url).toBe('/notes/n1');
  });
});
