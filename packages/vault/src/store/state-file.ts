import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What the syncing process last knew, for a process that only reads the index (`vault status`,
 * `vault search`): counts and state without a scan or a full table read. Written atomically
 * (temporary file, then rename) so a reader never sees half a file.
 */
export const indexSnapshot = z.object({
  root: z.string(),
  online: z.boolean(),
  notes: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  embeddedChunks: z.number().int().nonnegative(),
  embeddingModel: z.string().nullable(),
  embedderAvailable: z.boolean(),
  lastSyncAt: z.number().nullable(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type IndexSnapshot = z.infer<typeof indexSnapshot>;

const FILE_NAME = 'vault-state.json';

/** The snapshot in `dataDir`, or null when there is none (or it cannot be understood). */
export function readSnapshot(dataDir: string): IndexSnapshot | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, FILE_NAME), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = indexSnapshot.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function writeSnapshot(dataDir: string, snapshot: IndexSnapshot): void {
  mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, FILE_NAME);
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`);
  renameSync(temporary, target);
}
