import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExtractionResult } from './extraction-process.ts';

/** Runs extraction-process.ts in its own process (its memory is then its own) and returns its figures. */
export async function runExtractionBench({ quick }: { quick: boolean }): Promise<ExtractionResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./extraction-process.ts', import.meta.url)), ...(quick ? ['--quick'] : [])], {
    env: { PATH: process.env.PATH ?? '' },
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`the extraction benchmark exited with ${code}: ${output.slice(-500)}`);
  return JSON.parse(line) as ExtractionResult;
}
