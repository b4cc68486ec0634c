import type { Source } from '@tauceti/contracts';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SourcesList from './SourcesList.svelte';

const source = (n: number, overrides: Partial<Source>): Source => ({
  n, kind: 'web', status: 'read', url: `https://example.org/${n}`, title: `Page ${n}`, domain: 'example.org', snippet: null, toolCallId: 'c1', ...overrides,
});

describe('SourcesList', () => {
  it('opens a note in the viewer, in the app, with the vault name and a note mark', () => {
    render(SourcesList, {
      sources: [source(1, {}), source(2, { kind: 'note', url: '/notes/roses001#watering', title: 'Roses › Watering', domain: 'Household' })],
      dangling: [],
    });
    const [web, note] = screen.getAllByTestId('source-item');
    expect(web?.querySelector('a')).toHaveAttribute('target', '_blank');
    const link = note?.querySelector('a');
    expect(link).toHaveAttribute('href', '/notes/roses001#watering');
    expect(link).toHaveAttribute('data-in-app');
    expect(link).not.toHaveAttribute('target');
    expect(note).toHaveTextContent('Household');
    expect(note?.querySelector('.badge')).toHaveTextContent('note');
  });

  it('names but does not link a note source whose address is not the viewer', () => {
    render(SourcesList, { sources: [source(1, { kind: 'note', url: 'javascript:alert(1)', domain: 'Household' })], dangling: [] });
    expect(screen.getByTestId('source-item').querySelector('a')).toBeNull();
  });
});
