import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../testing/index.ts';
import { detectWatchMode, looksMounted, mountTypeOf } from './detect-watch-mode.ts';

const MOUNTS = [
  'overlay / overlay rw,relatime 0 0',
  'proc /proc proc rw,nosuid 0 0',
  '//nas/notes /mnt/nas\\040share cifs rw,vers=3.0 0 0',
  'nas:/export/vault /srv/vault nfs4 rw,relatime 0 0',
  '/dev/sda1 /srv/vault/local ext4 rw 0 0',
  'user@host:/notes /home/me/remote fuse.sshfs rw 0 0',
].join('\n');

describe('detectWatchMode', () => {
  it('polls a vault on an NFS, SMB or SSHFS mount', () => {
    expect(detectWatchMode('/srv/vault/Obsidian', () => MOUNTS)).toBe('polling');
    expect(detectWatchMode('/mnt/nas share/Vault', () => MOUNTS)).toBe('polling');
    expect(detectWatchMode('/home/me/remote', () => MOUNTS)).toBe('polling');
  });

  it('uses native events on a local disk, the deepest mount winning', () => {
    expect(detectWatchMode('/srv/vault/local/notes', () => MOUNTS)).toBe('native');
    expect(detectWatchMode('/home/me/notes', () => MOUNTS)).toBe('native');
  });

  it('uses native events when /proc/mounts cannot be read', () => {
    expect(
      detectWatchMode('/srv/vault', () => {
        throw new Error('ENOENT');
      }),
    ).toBe('native');
  });

  it('does not take a sibling folder with a longer name for the mount', () => {
    expect(mountTypeOf('/srv/vault-other', MOUNTS)).toBe('overlay');
  });
});

describe('looksMounted', () => {
  it('is true only for a folder that lists something', () => {
    const temp = makeTempDir();
    try {
      const empty = path.join(temp.dir, 'empty');
      mkdirSync(empty);
      const full = path.join(temp.dir, 'full');
      mkdirSync(full);
      writeFileSync(path.join(full, 'Note.md'), 'x');

      expect(looksMounted(full)).toBe(true);
      expect(looksMounted(empty)).toBe(false);
      expect(looksMounted(path.join(temp.dir, 'missing'))).toBe(false);
      expect(looksMounted(path.join(full, 'Note.md'))).toBe(false);
    } finally {
      temp.remove();
    }
  });
});
