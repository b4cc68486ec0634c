import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type MockOllama, startMockOllama } from '@tauceti/mocks/ollama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../apps/server/dist/cli.js', import.meta.url));
const FIXTURE_VAULT = fileURLToPath(new URL('../../packages/vault/src/__fixtures__/vault', import.meta.url));
const run = promisify(execFile);

let mock: MockOllama;
let home: string;
let env: Record<string, string>;

async function tauceti(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  mock = await startMockOllama();
  home = mkdtempSync(join(tmpdir(), 'tauceti-vault-cli-'));
  cpSync(FIXTURE_VAULT, join(home, 'Household'), { recursive: true });
  env = { VAULT_PATH: join(home, 'Household'), DATA_DIR: join(home, 'data'), OLLAMA_URL: mock.url, LOG_LEVEL: 'silent' };
});
afterAll(async () => {
  await mock?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the vault commands', () => {
  it('indexes the vault and exits 0, then a second run finds nothing to do', async () => {
    const first = await tauceti(['vault', 'index']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Indexed \d+ notes \(\d+ new/);
    const second = await tauceti(['vault', 'index']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\(0 new, 0 changed, 0 renamed, 0 removed, \d+ unchanged\)/);
  });

  it('prints only a JSON array of path, heading, score and snippet, best first', async () => {
    const { code, stdout } = await tauceti(['vault', 'search', 'what pressure should the heating be at', '--limit', '3', '--json']);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { path: string; heading: string | null; score: number; snippet: string }[];
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results[0]).toMatchObject({ path: 'Home/Boiler.md', heading: 'Pressure' });
    for (const result of results) expect(Object.keys(result).sort()).toEqual(['heading', 'path', 'score', 'snippet']);
    expect(results.map((result) => result.score)).toEqual([...results.map((result) => result.score)].sort((a, b) => b - a));
  });

  it('says what the index holds', async () => {
    const { code, stdout } = await tauceti(['vault', 'status']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Index: {5}\d+ notes, \d+ chunks/);
  });

  it('says what to set when no vault is configured', async () => {
    const { VAULT_PATH: _, ...rest } = env;
    const saved = env;
    env = rest;
    try {
      const { code, stderr } = await tauceti(['vault', 'search', 'x']);
      expect(code).toBe(2);
      expect(stderr).toMatch(/set VAULT_PATH/);
    } finally {
      env = saved;
    }
  });
});
