import { createOllamaClient } from '@tauceti/ollama';
import { createVaultIndex, openVaultSearch } from '@tauceti/vault';
import type { Env } from '../env.ts';
import { ollamaEmbedder, vaultIndexDir } from '../notes/vault-service.ts';

/** How long a search waits for the query's embedding before answering from full text alone. */
const QUERY_EMBED_TIMEOUT_MS = 3000;

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

function requireVault(env: Env): string | null {
  if (env.VAULT_PATH) return env.VAULT_PATH;
  err('No vault is set: set VAULT_PATH to your Obsidian vault folder (and DATA_DIR as for the server).\n');
  return null;
}

function embedder(env: Env, timeoutMs?: number) {
  const ollama = createOllamaClient({ baseUrl: env.OLLAMA_URL, ...(timeoutMs ? { timeoutMs } : {}) });
  return { model: env.EMBED_MODEL, embed: ollamaEmbedder(ollama, env.EMBED_MODEL) };
}

/** `vault index`: builds or updates the index (safe while the server runs), with progress on a terminal. */
export async function vaultIndexCommand(env: Env): Promise<number> {
  const root = requireVault(env);
  if (!root) return 2;
  const tty = process.stderr.isTTY;
  const index = await createVaultIndex({
    root,
    dataDir: vaultIndexDir(env.DATA_DIR),
    embedder: embedder(env),
    watch: 'off',
    rescanMinutes: 0,
    onProgress: ({ phase, done, total }) => {
      if (tty) err(`\r${phase === 'embed' ? 'Embedding' : phase === 'scan' ? 'Scanning' : 'Indexing'} ${done}/${total}   `);
    },
  });
  try {
    const report = await index.sync();
    if (tty) err('\r');
    if (report.offline) {
      err(`The vault at ${root} is offline (missing, unreadable or empty): the index was kept as it was.\n`);
      return 1;
    }
    const status = index.status();
    out(
      `Indexed ${status.notes} notes (${report.added} new, ${report.updated} changed, ${report.renamed} renamed, ${report.deleted} removed, ${report.unchanged} unchanged) in ${(report.durationMs / 1000).toFixed(1)} s.\n`,
    );
    if (!status.embedderAvailable) out(`No embeddings: ${env.EMBED_MODEL} did not answer at ${env.OLLAMA_URL}; search works on full text until it does.\n`);
    for (const failure of report.failed) err(`  ${failure.path}: ${failure.message}\n`);
    return 0;
  } finally {
    await index.close();
  }
}

/** `vault search "question" [--limit N] [--json]`: prints only a JSON array with --json. */
export async function vaultSearchCommand(env: Env, args: string[]): Promise<number> {
  if (!requireVault(env)) return 2;
  const { query, limit, json } = parseSearchArgs(args);
  if (!query) {
    err('Usage: npm run tauceti -- vault search "question" [--limit 5] [--json]\n');
    return 2;
  }
  const search = await openVaultSearch({ dataDir: vaultIndexDir(env.DATA_DIR), embedder: embedder(env, QUERY_EMBED_TIMEOUT_MS) });
  try {
    const hits = await search.search(query, { limit });
    if (json) {
      out(`${JSON.stringify(hits.map(({ path, heading, score, snippet }) => ({ path, heading, score, snippet })))}\n`);
    } else if (hits.length === 0) {
      out('No notes match.\n');
    } else {
      for (const hit of hits) out(`${hit.score.toFixed(3)}  ${hit.path}${hit.heading ? ` › ${hit.heading}` : ''}\n        ${hit.snippet}\n`);
    }
    return 0;
  } finally {
    await search.close();
  }
}

/** `vault status`: what the index holds, from the index itself (the server need not run). */
export async function vaultStatusCommand(env: Env, json: boolean): Promise<number> {
  if (!requireVault(env)) return 2;
  const search = await openVaultSearch({ dataDir: vaultIndexDir(env.DATA_DIR), embedder: null });
  try {
    const status = search.status();
    if (json) out(`${JSON.stringify(status, null, 2)}\n`);
    else {
      out(`Vault:     ${env.VAULT_PATH} (${env.VAULT_NAME})\n`);
      out(`Index:     ${status.notes} notes, ${status.chunks} chunks in ${vaultIndexDir(env.DATA_DIR)}\n`);
      out(`Embedded:  ${status.embeddedChunks}/${status.chunks} chunks${status.embeddingModel ? ` (${status.embeddingModel})` : ''}\n`);
      out(`Last sync: ${status.lastSyncAt ? new Date(status.lastSyncAt).toISOString() : 'never'}\n`);
    }
    return 0;
  } finally {
    await search.close();
  }
}

function parseSearchArgs(args: string[]): { query: string; limit: number; json: boolean } {
  const words: string[] = [];
  let limit = 5;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--limit') limit = Math.max(1, Math.min(50, Number.parseInt(args[++i] ?? '', 10) || 5));
    else if (arg.startsWith('--limit=')) limit = Math.max(1, Math.min(50, Number.parseInt(arg.slice(8), 10) || 5));
    else words.push(arg);
  }
  return { query: words.join(' ').trim(), limit, json };
}
