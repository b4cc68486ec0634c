import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteDocument } from '../types.ts';
import { VaultIndexError } from './errors.ts';
import { readNote } from './read-note.ts';
import { createLinkResolver } from './resolve-links.ts';
import type { ScannedFile } from './scan-vault.ts';

const FIXTURE = fileURLToPath(new URL('../__fixtures__/vault/', import.meta.url));

function fixtureFile(notePath: string): ScannedFile {
  return { path: notePath, absolutePath: path.join(FIXTURE, notePath), size: 0, mtimeMs: 1_700_000_000_000 };
}

describe('readNote', () => {
  let dir: string;
  const write = (name: string, bytes: Uint8Array | string): ScannedFile => {
    writeFileSync(path.join(dir, name), bytes);
    return { path: name, absolutePath: path.join(dir, name), size: 0, mtimeMs: 1 };
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vault-read-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns a valid NoteDocument with the sha256 of the bytes, their size and the scanned mtime', () => {
    const note = readNote(fixtureFile('Home/Boiler.md'));
    const bytes = readFileSync(path.join(FIXTURE, 'Home/Boiler.md'));
    expect(noteDocument.parse(note)).toEqual(note);
    expect(note.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(note.size).toBe(bytes.length);
    expect(note.mtimeMs).toBe(1_700_000_000_000);
    expect(note.warnings).toEqual([]);
  });

  it('reads a latin1 note as Windows-1252 with a warning', () => {
    const note = readNote(fixtureFile('Recipes/Cafe au lait.md'));
    expect(note.headings[0]?.text).toBe('Café au lait');
    expect(note.body).toContain('crème fraîche');
    expect(note.warnings).toEqual(['Not valid UTF-8: read as Windows-1252 (latin1)']);
    expect(note.tags).toEqual(['recipes/drinks']);
  });

  it("decodes Windows-1252's curly quotes, dashes and euro sign, which latin1 lacks", () => {
    const note = readNote(write('quotes.md', Uint8Array.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35])));
    expect(note.body).toBe('“Hi” – €5');
  });

  it('strips a UTF-8 byte order mark, so frontmatter on the first line is still found', () => {
    const note = readNote(write('bom.md', '\uFEFF---\ntags: [bom]\n---\n# Title\n'));
    expect(note.tags).toEqual(['bom']);
    expect(note.body.startsWith('\uFEFF')).toBe(false);
    expect(note.warnings).toEqual([]);
  });

  it('reads UTF-16 with a byte order mark', () => {
    const text = '# Grüße\n\nHallo #notiz';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const note = readNote(write('utf16.md', bytes));
    expect(note.headings).toEqual([{ level: 1, text: 'Grüße', line: 0 }]);
    expect(note.tags).toEqual(['notiz']);
    expect(note.warnings).toEqual(['Read as UTF-16LE (byte order mark)']);
  });

  it('hashes the bytes, so the same text in another encoding is a change', () => {
    const utf8 = readNote(write('a.md', 'café'));
    const latin1 = readNote(write('b.md', Buffer.from('café', 'latin1')));
    expect(utf8.body).toBe(latin1.body);
    expect(utf8.contentHash).not.toBe(latin1.contentHash);
  });

  it('resolves links when given a resolver, and leaves them null without one', () => {
    const file = fixtureFile('Welcome.md');
    expect(readNote(file).links.every((link) => link.resolved === null)).toBe(true);
    const resolver = createLinkResolver(['Welcome.md', 'Home/Boiler.md']);
    expect(readNote(file, { resolver }).links[0]).toMatchObject({ target: 'Boiler', resolved: 'Home/Boiler.md' });
  });

  it('throws VaultIndexError naming the file when it cannot be read', () => {
    const missing = { path: 'Gone.md', absolutePath: path.join(dir, 'Gone.md'), size: 1, mtimeMs: 1 };
    expect(() => readNote(missing)).toThrow(VaultIndexError);
    expect(() => readNote(missing)).toThrow(`Cannot read the note ${missing.absolutePath} (ENOENT)`);
  });
});
