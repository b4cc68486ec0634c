import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultIndexError, VaultUnavailableError } from './errors.ts';
import { scanVault } from './scan-vault.ts';

const FIXTURE = fileURLToPath(new URL('../__fixtures__/vault/', import.meta.url));
const isRoot = process.getuid?.() === 0;

describe('scanVault on the fixture vault', () => {
  const result = scanVault(FIXTURE);

  it('lists every note with a vault-relative path, sorted', () => {
    const paths = result.files.map((file) => file.path);
    expect(paths).toContain('Welcome.md');
    expect(paths).toContain('Home/Appliances/Dishwasher.md');
    expect(paths).toContain('Travel/Lisbon 2023.md');
    expect(paths).toEqual([...paths].sort());
    expect(paths.every((notePath) => notePath.endsWith('.md') && !notePath.includes('\\'))).toBe(true);
  });

  it('gives each note its absolute path, size and modification time', () => {
    const boiler = result.files.find((file) => file.path === 'Home/Boiler.md');
    expect(boiler).toMatchObject({ absolutePath: path.join(FIXTURE, 'Home', 'Boiler.md') });
    expect(boiler?.size).toBeGreaterThan(100);
    expect(boiler?.mtimeMs).toBeGreaterThan(0);
  });

  it('skips the config folder and the trash once each, not their files one by one', () => {
    expect(result.skipped).toContainEqual({ path: '.obsidian', reason: 'hidden' });
    expect(result.skipped).toContainEqual({ path: '.trash', reason: 'trash' });
    expect(result.skipped.some((entry) => entry.path.startsWith('.obsidian/') || entry.path.startsWith('.trash/'))).toBe(false);
    expect(result.files.some((file) => file.path.startsWith('.'))).toBe(false);
  });

  it('counts attachments without listing them, and lists Markdown under another extension', () => {
    expect(result.otherFiles).toBe(2); // garden-bed.png, plot-plan.canvas
    expect(result.skipped).toContainEqual({ path: 'Inbox/imported.markdown', reason: 'not-markdown' });
    expect(result.skipped.some((entry) => entry.path.endsWith('.png'))).toBe(false);
  });
});

describe('scanVault on a prepared copy', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'vault-scan-'));
    root = path.join(base, 'vault');
    cpSync(FIXTURE, root, { recursive: true });
    // A sibling whose name starts with the vault's: a bare prefix test would let it in.
    mkdirSync(path.join(base, 'vault-secret'));
    writeFileSync(path.join(base, 'vault-secret', 'secret.md'), '# Secret\n');
    mkdirSync(path.join(base, 'elsewhere'));
    writeFileSync(path.join(base, 'elsewhere', 'outside.md'), '# Outside\n');
    symlinkSync(path.join(base, 'vault-secret'), path.join(root, 'Secret folder'));
    symlinkSync(path.join(base, 'vault-secret', 'secret.md'), path.join(root, 'Secret link.md'));
    symlinkSync('../../elsewhere', path.join(root, 'Home', 'Elsewhere'));
    symlinkSync('../Garden', path.join(root, 'Home', 'Garden link'));
    symlinkSync('..', path.join(root, 'Garden', 'Loop'));
    symlinkSync('../Home/Bins.md', path.join(root, 'Travel', 'Bins link.md'));
    symlinkSync('.obsidian', path.join(root, 'Settings'));
    symlinkSync('missing.md', path.join(root, 'Dangling.md'));
    mkdirSync(path.join(root, 'Garden', '.hidden notes'));
    writeFileSync(path.join(root, 'Garden', '.hidden notes', 'draft.md'), '# Draft\n');
    writeFileSync(path.join(root, 'Garden', '.DS_Store'), '');
    writeFileSync(path.join(root, 'Projects', 'Export.md'), `# Export\n\n${'a line of an export\n'.repeat(160_000)}`);
    writeFileSync(path.join(root, 'Home', 'Bins.sync-conflict-20240301-101522-ABCDEF7.md'), '# Bins\n');
    writeFileSync(path.join(root, 'Home', 'Wifi (conflicted copy 2024-03-01).md'), '# Wifi\n');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const pathsOf = (scan: ReturnType<typeof scanVault>): string[] => scan.files.map((file) => file.path);

  it('skips a note over the size cap as too large', () => {
    const scan = scanVault(root);
    expect(scan.skipped).toContainEqual({ path: 'Projects/Export.md', reason: 'too-large' });
    expect(pathsOf(scan)).not.toContain('Projects/Export.md');
  });

  it('skips the copies sync tools leave beside a note they could not merge', () => {
    const scan = scanVault(root);
    expect(scan.skipped).toContainEqual({ path: 'Home/Bins.sync-conflict-20240301-101522-ABCDEF7.md', reason: 'sync-conflict' });
    expect(scan.skipped).toContainEqual({ path: 'Home/Wifi (conflicted copy 2024-03-01).md', reason: 'sync-conflict' });
    expect(pathsOf(scan)).toContain('Home/Bins.md');
  });

  it('takes the size cap from the options', () => {
    const scan = scanVault(root, { maxFileBytes: 300 });
    expect(scan.skipped).toContainEqual({ path: 'Home/Boiler.md', reason: 'too-large' });
    expect(pathsOf(scan)).toContain('Daily/2024-04-14.md');
  });

  it('skips symlinks whose target leaves the vault, a sibling sharing its name prefix included', () => {
    const scan = scanVault(root);
    expect(scan.skipped).toContainEqual({ path: 'Secret folder', reason: 'symlink-outside' });
    expect(scan.skipped).toContainEqual({ path: 'Secret link.md', reason: 'symlink-outside' });
    expect(scan.skipped).toContainEqual({ path: 'Home/Elsewhere', reason: 'symlink-outside' });
    expect(pathsOf(scan).some((notePath) => /secret|outside/i.test(notePath))).toBe(false);
  });

  it('lists each real note once when symlinks inside the vault point at it, and ends a link loop', () => {
    const paths = pathsOf(scanVault(root));
    expect(paths.filter((notePath) => notePath.endsWith('/Tomatoes.md'))).toEqual(['Garden/Tomatoes.md']);
    expect(paths.filter((notePath) => notePath.endsWith('Bins.md'))).toEqual(['Home/Bins.md']);
    expect(paths.some((notePath) => notePath.includes('Loop/') || notePath.includes('Garden link/'))).toBe(false);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('does not let a symlink expose the config folder', () => {
    const scan = scanVault(root);
    expect(scan.skipped).toContainEqual({ path: 'Settings', reason: 'hidden' });
  });

  it('skips hidden files and folders below the root, and reports a dangling symlink as unreadable', () => {
    const scan = scanVault(root);
    expect(scan.skipped).toContainEqual({ path: 'Garden/.hidden notes', reason: 'hidden' });
    expect(scan.skipped).toContainEqual({ path: 'Garden/.DS_Store', reason: 'hidden' });
    expect(scan.skipped).toContainEqual({ path: 'Dangling.md', reason: 'unreadable' });
  });

  it('follows a vault root that is itself a symlink, keeping paths under the root as given', () => {
    const linkedRoot = path.join(base, 'linked-vault');
    symlinkSync(root, linkedRoot);
    const boiler = scanVault(linkedRoot).files.find((file) => file.path === 'Home/Boiler.md');
    expect(boiler?.absolutePath).toBe(path.join(linkedRoot, 'Home', 'Boiler.md'));
  });

  it('skips a renamed config folder given in the options', () => {
    mkdirSync(path.join(root, 'obsidian-config'), { recursive: true });
    writeFileSync(path.join(root, 'obsidian-config', 'notes.md'), '# Not a note\n');
    const scan = scanVault(root, { configDir: 'obsidian-config' });
    expect(scan.skipped).toContainEqual({ path: 'obsidian-config', reason: 'hidden' });
    expect(pathsOf(scan)).not.toContain('obsidian-config/notes.md');
  });

  it.skipIf(isRoot)('reports a folder it may not read as unreadable and goes on', () => {
    const locked = path.join(root, 'Locked');
    mkdirSync(locked);
    writeFileSync(path.join(locked, 'private.md'), '# Private\n');
    chmodSync(locked, 0o000);
    try {
      const scan = scanVault(root);
      expect(scan.skipped).toContainEqual({ path: 'Locked', reason: 'unreadable' });
      expect(pathsOf(scan)).toContain('Welcome.md');
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe('scanVault on a vault that is not there', () => {
  it('throws VaultUnavailableError naming the path when the folder does not exist', () => {
    const missing = path.join(tmpdir(), 'no-such-vault-9f2c', 'vault');
    expect(() => scanVault(missing)).toThrow(VaultUnavailableError);
    expect(() => scanVault(missing)).toThrow(`The vault at ${missing} is unavailable: the folder does not exist`);
  });

  it('throws VaultUnavailableError when the root is a file', () => {
    const error = captureError(() => scanVault(path.join(FIXTURE, 'Welcome.md')));
    expect(error).toBeInstanceOf(VaultUnavailableError);
    expect(error).toBeInstanceOf(VaultIndexError);
    expect(error).toMatchObject({ code: 'vault_unavailable', retryable: true, message: expect.stringContaining('not a folder') });
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
