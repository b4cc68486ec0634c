import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's fixture vault (read it, never write to it: copy it first). */
export const FIXTURE_VAULT = fileURLToPath(new URL('../__fixtures__/vault', import.meta.url));

/** A fresh temporary folder, and a function that removes it. */
export function makeTempDir(prefix = 'tauceti-vault-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface FixtureCopy {
  /** The copied vault. */
  root: string;
  /** An empty folder beside it for the index. */
  dataDir: string;
  /** The temporary folder holding both. */
  dir: string;
  remove: () => void;
}

/** Copies the fixture vault into a temporary folder, with an index folder beside it. */
export function copyFixtureVault(prefix = 'tauceti-vault-'): FixtureCopy {
  const { dir, remove } = makeTempDir(prefix);
  const root = path.join(dir, 'vault');
  cpSync(FIXTURE_VAULT, root, { recursive: true });
  return { root, dataDir: path.join(dir, 'index'), dir, remove };
}
