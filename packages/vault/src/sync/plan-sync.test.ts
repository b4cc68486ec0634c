import { describe, expect, it } from 'vitest';
import type { ScannedFile } from '../source/scan-vault.ts';
import type { NoteEntry } from '../store/note-columns.ts';
import { planSync } from './plan-sync.ts';

const entry = (path: string, size = 10, mtimeMs = 1000): NoteEntry => ({
  path,
  noteId: `id-${path}`,
  contentHash: `h-${path}`,
  size,
  mtimeMs,
  title: path,
  aliases: [],
  tags: [],
  headings: [],
  links: [],
  chunkCount: 1,
});
const file = (path: string, size = 10, mtimeMs = 1000): ScannedFile => ({ path, absolutePath: `/v/${path}`, size, mtimeMs });

describe('planSync', () => {
  it('reads only new files and files whose size or mtime changed', () => {
    const manifest = new Map([entry('a.md'), entry('b.md'), entry('c.md')].map((e) => [e.path, e]));
    const plan = planSync({ files: [file('a.md'), file('b.md', 11), file('c.md', 10, 2000), file('d.md')], skipped: [] }, manifest);

    expect(plan.unchanged.map((e) => e.path)).toEqual(['a.md']);
    expect(plan.toRead.map((f) => f.path)).toEqual(['b.md', 'c.md', 'd.md']);
    expect(plan.gone).toEqual([]);
  });

  it('lists notes the scan no longer finds as gone', () => {
    const manifest = new Map([entry('a.md'), entry('old.md')].map((e) => [e.path, e]));
    expect(planSync({ files: [file('a.md')], skipped: [] }, manifest).gone.map((e) => e.path)).toEqual(['old.md']);
  });

  it('keeps notes under a folder or file the scan could not read', () => {
    const manifest = new Map([entry('Locked/a.md'), entry('Locked/Deep/b.md'), entry('flaky.md'), entry('LockedOut.md')].map((e) => [e.path, e]));
    const plan = planSync({ files: [], skipped: [{ path: 'Locked', reason: 'unreadable' }, { path: 'flaky.md', reason: 'unreadable' }] }, manifest);

    expect(plan.kept.map((e) => e.path).sort()).toEqual(['Locked/Deep/b.md', 'Locked/a.md', 'flaky.md']);
    expect(plan.gone.map((e) => e.path)).toEqual(['LockedOut.md']);
  });
});
