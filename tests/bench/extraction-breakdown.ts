import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { completeDocument } from '@tauceti/server/src/web/extract/complete-document.ts';
import type { DomDocument, DomNode } from '@tauceti/server/src/web/extract/dom-types.ts';
import { blockText } from '@tauceti/server/src/web/extract/block-text.ts';
import { removeAds } from '@tauceti/server/src/web/extract/remove-ads.ts';
import { removeHidden } from '@tauceti/server/src/web/extract/remove-hidden.ts';
import type { GeneratedPage } from './fixtures/article-page.ts';
import { median, round } from './stats.ts';

// linkedom and Readability are the server's dependencies, not this package's: load them as the
// server resolves them, so the breakdown times the very same code that extractReadable runs.
const serverRequire = createRequire(new URL('../../apps/server/package.json', import.meta.url));
const load = async <T>(name: string) => (await import(pathToFileURL(serverRequire.resolve(name)).href)) as T;

type ParseHtml = { parseHTML(html: string): { document: unknown } };
type ReadabilityModule = { Readability: new (document: unknown, options: object) => { parse(): unknown } };

/**
 * Where extractReadable's time goes, stage by stage, per page (median over the pages): parsing
 * into linkedom, removing hidden markup (stylesheet rules included), removing ad slots, and
 * Readability's scoring and serialising. Explains a missed target rather than hiding it.
 */
export async function timeStages(pages: readonly GeneratedPage[]) {
  const { parseHTML } = await load<ParseHtml>('linkedom');
  const { Readability } = await load<ReadabilityModule>('@mozilla/readability');
  const stages = { parse: [] as number[], hidden: [] as number[], ads: [] as number[], readability: [] as number[] };
  for (const page of pages) {
    let at = performance.now();
    const lap = (into: number[]) => {
      const now = performance.now();
      into.push(now - at);
      at = now;
    };
    const { document } = parseHTML(completeDocument(page.html));
    lap(stages.parse);
    removeHidden(document as DomDocument);
    lap(stages.hidden);
    removeAds(document as DomDocument);
    lap(stages.ads);
    new Readability(document, { maxElemsToParse: 40_000, serializer: (node: unknown) => blockText(node as DomNode) }).parse();
    lap(stages.readability);
  }
  return Object.fromEntries(Object.entries(stages).map(([stage, times]) => [stage, round(median(times), 1)])) as Record<keyof typeof stages, number>;
}
