/**
 * SECURITY.md T3: a guard not on every path is no guard. Tool code, this folder and the SearXNG
 * client must not call `fetch(` themselves; untrusted URLs go through `safe-fetch.ts`, and the
 * SearXNG client calls the fetch it was given (`options.fetch(…)`), which this check allows.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const SCANNED = ['apps/server/src/tools', 'apps/server/src/web', 'packages/searxng/src'];
const ALLOWED = new Set(['apps/server/src/web/safe-fetch.ts']);
// A call of a bare `fetch` (not `x.fetch(`, not `prefetch(`), or of `globalThis.fetch` directly.
const RAW_FETCH = /(?:^|[^.\w$])fetch\s*\(|\bglobalThis\.fetch\s*\(/m;

/** Source without comments and string contents, so prose about `fetch(` is not a call. */
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''");
}

function callsRawFetch(source: string): boolean {
  return RAW_FETCH.test(codeOnly(source));
}

function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test(?:-d)?\.ts$/.test(name) ? [path] : [];
  });
}

describe('the raw fetch guard', () => {
  it('finds bare fetch calls and ignores method calls, other names and prose', () => {
    for (const source of ['fetch(url)', 'await fetch(url)', 'const r = (fetch)(x); fetch (y)', 'x = globalThis.fetch(url)', 'return [fetch(a)]']) {
      expect(callsRawFetch(source), source).toBe(true);
    }
    for (const source of ['options.fetch(url)', 'this.fetch(url)', 'prefetch(url)', 'safeFetch(url)', '// never call fetch(url)', "'fetch(x)'", 'const { fetch = globalThis.fetch } = options;']) {
      expect(callsRawFetch(source), source).toBe(false);
    }
  });

  it('scans this folder, so the check cannot pass by finding nothing', () => {
    const files = sourceFiles(join(REPO, 'apps/server/src/web')).map((path) => relative(REPO, path));
    expect(files).toContain('apps/server/src/web/safe-fetch.ts');
    expect(callsRawFetch(readFileSync(join(REPO, 'apps/server/src/web/safe-fetch.ts'), 'utf8'))).toBe(true);
  });

  it('finds no fetch( outside safe-fetch.ts in tools, web and the SearXNG client', () => {
    const offenders = SCANNED.flatMap((folder) => sourceFiles(join(REPO, folder)))
      .map((path) => relative(REPO, path))
      .filter((path) => !ALLOWED.has(path) && callsRawFetch(readFileSync(join(REPO, path), 'utf8')));
    expect(offenders, 'call safeFetch (tools) or the injected fetch (integration clients) instead').toEqual([]);
  });
});
