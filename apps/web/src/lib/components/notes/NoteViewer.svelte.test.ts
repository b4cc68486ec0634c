import type { NoteView } from '@tauceti/contracts';
import { render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.ts';
import { NoteViewerState } from '../../state/note-viewer.svelte.ts';
import { markdownLoader } from '../../utils/markdown/markdown-loader.svelte.ts';
import NoteViewer from './NoteViewer.svelte';

const roses: NoteView = {
  id: 'roses001',
  path: 'Garden/Roses.md',
  title: 'Roses',
  aliases: ['Rosa'],
  tags: ['garden/flowers'],
  markdown: '# Roses\n\nSee [[Compost]] and [[Garden plan#Beds|the beds]].\n\n## Watering\n\nAt dawn.\n\n> [!warning] Aphids\n> Check in May.',
  headings: [
    { level: 1, text: 'Roses', anchor: 'roses' },
    { level: 2, text: 'Watering', anchor: 'watering' },
  ],
  links: [
    { target: 'Compost', noteId: null },
    { target: 'Garden plan', noteId: 'plan0001' },
  ],
  backlinks: [{ noteId: 'plan0001', title: 'Garden plan', path: 'Garden plan.md' }],
  obsidianUri: 'obsidian://open?vault=Household&file=Garden%2FRoses',
  modifiedAt: 1_700_000_000_000,
};

const scrolled: Element[] = [];

async function viewerWith(load: (id: string) => Promise<NoteView>) {
  const viewer = new NoteViewerState({ load });
  await viewer.open('roses001');
  return viewer;
}

describe('NoteViewer', () => {
  beforeAll(async () => {
    await markdownLoader.load();
    // jsdom has no layout: record what would be scrolled into view.
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
  });
  afterEach(() => {
    scrolled.length = 0;
  });

  it('shows the title, tags, aliases, path, the Obsidian link, the rendered body and the backlinks', async () => {
    const viewer = await viewerWith(async () => roses);
    render(NoteViewer, { viewer, hash: '', visit: 0, onLinkClick: vi.fn() });
    expect(screen.getByTestId('note-title')).toHaveTextContent('Roses');
    expect(screen.getByTestId('note-tags')).toHaveTextContent('#garden/flowers');
    expect(screen.getByTestId('note-aliases')).toHaveTextContent('Also called Rosa');
    expect(screen.getByTestId('note-path')).toHaveTextContent('Garden/Roses.md');
    expect(screen.getByTestId('open-in-obsidian')).toHaveAttribute('href', roses.obsidianUri);
    const [missing, plan] = screen.getAllByTestId('note-link');
    expect(missing).toHaveAttribute('data-missing', 'true');
    expect(plan).toHaveAttribute('href', '/notes/plan0001#beds');
    expect(screen.getByTestId('note-body').querySelector('[data-callout="warning"]')).toHaveTextContent('Aphids');
    expect(screen.getByTestId('note-backlinks').querySelector('a')).toHaveAttribute('href', '/notes/plan0001');
  });

  it('brings the heading of the address into view and marks it', async () => {
    const viewer = await viewerWith(async () => roses);
    const { rerender } = render(NoteViewer, { viewer, hash: '#watering', visit: 1, onLinkClick: vi.fn() });
    await vi.waitFor(() => expect(scrolled.at(-1)?.textContent).toBe('Watering'));
    expect(scrolled.at(-1)?.classList.contains('is-target')).toBe(true);
    await rerender({ viewer, hash: '#roses', visit: 2, onLinkClick: vi.fn() });
    await vi.waitFor(() => expect(scrolled.at(-1)?.tagName).toBe('H1'));
  });

  it('offers no Obsidian link for an address of another scheme', async () => {
    const viewer = await viewerWith(async () => ({ ...roses, obsidianUri: 'javascript:alert(1)' }));
    render(NoteViewer, { viewer, hash: '', visit: 0, onLinkClick: vi.fn() });
    expect(screen.queryByTestId('open-in-obsidian')).toBeNull();
  });

  it('says clearly when there is no such note, and when the index is not open', async () => {
    const viewer = await viewerWith(async () => {
      throw new ApiError('The note was not found.', { status: 404, code: 'not_found' });
    });
    const { unmount } = render(NoteViewer, { viewer, hash: '', visit: 0, onLinkClick: vi.fn() });
    expect(screen.getByTestId('note-error')).toHaveAttribute('data-kind', 'not-found');
    expect(screen.getByTestId('note-error')).toHaveTextContent(/no such note/);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    unmount();

    const closed = await viewerWith(async () => {
      throw new ApiError('The notes index is still opening; try again in a moment.', { status: 503, code: 'unavailable' });
    });
    render(NoteViewer, { viewer: closed, hash: '', visit: 0, onLinkClick: vi.fn() });
    expect(screen.getByTestId('note-error')).toHaveTextContent('still opening');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
