import type { ExtractionPool } from '@tauceti/server/src/web/extract/extraction-pool.ts';

// The server's guarded fetch and page reader, loaded from its source at run time rather than
// imported: safe-fetch.ts is typed against the server's Node-only lib, and this package also
// loads the DOM lib, under which undici's stream types do not line up (a type clash only). So tsc
// here sees these small signatures instead of type-checking the server's file a second time.

export type SafeFetch = ((url: string, init?: { signal?: AbortSignal }) => Promise<{ url: string; body: Buffer }>) & { close(): Promise<void> };
export type PageReader = (url: string, options?: { signal?: AbortSignal }) => Promise<{ url: string; text: string; truncated: boolean }>;

const fromServer = (path: string) => import(new URL(`../../apps/server/src/web/${path}`, import.meta.url).href);

export async function loadSafeFetch(): Promise<(options: { allowlist?: readonly string[] }) => SafeFetch> {
  return (await fromServer('safe-fetch.ts')).createSafeFetch;
}

export async function loadPageReader(): Promise<(options: { safeFetch: SafeFetch; pool: Pick<ExtractionPool, 'extract'> }) => PageReader> {
  return (await fromServer('read-page.ts')).createPageReader;
}
