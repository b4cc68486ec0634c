import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Starts reference-proxy.ts in its own process, as the real server runs in its own. */
export async function startReferenceProxy(ollamaUrl: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./reference-proxy.ts', import.meta.url))], {
    env: { PATH: process.env.PATH ?? '', OLLAMA_URL: ollamaUrl },
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the reference proxy exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}
