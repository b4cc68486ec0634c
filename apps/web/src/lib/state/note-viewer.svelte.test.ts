import type { NoteView } from '@tauceti/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http.ts';
import { NoteViewerState } from './note-viewer.svelte.ts';

const note = (id: string): NoteView => ({
  id, path: `${id}.md`, title: id, aliases: [], tags: [], markdown: `# ${id}`, headings: [], links: [], backlinks: [],
  obsidianUri: `obsidian://open?vault=v&file=${id}`, modifiedAt: 1,
});

describe('NoteViewerState', () => {
  it('shows only the note opened last when an earlier load answers late', async () => {
    const pending = new Map<string, (view: NoteView) => void>();
    const signals = new Map<string, AbortSignal>();
    const viewer = new NoteViewerState({
      load: (id, signal) => {
        signals.set(id, signal);
        return new Promise((resolve) => pending.set(id, resolve));
      },
    });
    const first = viewer.open('garden');
    const second = viewer.open('boiler');
    expect(signals.get('garden')?.aborted).toBe(true);
    pending.get('boiler')?.(note('boiler'));
    pending.get('garden')?.(note('garden'));
    await Promise.all([first, second]);
    expect(viewer.note?.id).toBe('boiler');
    expect(viewer.isLoading).toBe(false);
  });

  it('says when there is no such note, and when the index cannot serve yet', async () => {
    const load = vi.fn()
      .mockRejectedValueOnce(new ApiError('The note was not found.', { status: 404, code: 'not_found' }))
      .mockRejectedValueOnce(new ApiError('The notes index is still opening.', { status: 503, code: 'unavailable' }));
    const viewer = new NoteViewerState({ load });
    await viewer.open('gone');
    expect(viewer.error?.kind).toBe('not-found');
    await viewer.reload();
    expect(viewer.error).toEqual({ kind: 'unavailable', message: 'The notes index is still opening.' });
    expect(viewer.note).toBeNull();
  });
});
