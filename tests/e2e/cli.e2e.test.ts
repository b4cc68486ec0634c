import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useServer } from './support/use-server.ts';

const CLI = fileURLToPath(new URL('../../apps/server/dist/cli.js', import.meta.url));
const run = promisify(execFile);

async function tauceti(args: string[], env: Record<string, string>) {
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout + failed.stderr };
  }
}

const fixture = useServer();

describe('the tauceti command', () => {
  it('prints its help', async () => {
    const { code, stdout } = await tauceti(['--help'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: npm run tauceti -- <command>/);
    expect(stdout).toMatch(/status/);
  });

  it('reports a running server and a reachable Ollama', async () => {
    const port = new URL(fixture.server.url).port;
    const { code, stdout } = await tauceti(['status'], { PORT: port, OLLAMA_URL: fixture.mock.url });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Tau Ceti: running at http://127.0.0.1:${port}`));
    expect(stdout).toMatch(/Ollama: {3}reachable at .*version 0\.12\.10/);
  });

  it('says when the server is not running and still checks Ollama', async () => {
    const { code, stdout } = await tauceti(['status'], { PORT: '1', OLLAMA_URL: fixture.mock.url });
    expect(code).toBe(1);
    expect(stdout).toMatch(/Tau Ceti: not running at http:\/\/127\.0\.0\.1:1 \(start it with npm start\)/);
    expect(stdout).toMatch(/Ollama: {3}reachable/);
  });

  it('refuses an unknown command with the help', async () => {
    const { code, stdout } = await tauceti(['frobnicate'], {});
    expect(code).toBe(2);
    expect(stdout).toMatch(/Unknown command "frobnicate"/);
  });
});
