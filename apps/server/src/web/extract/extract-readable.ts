import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { blockText } from './block-text.ts';
import { completeDocument } from './complete-document.ts';
import type { DomDocument, DomNode } from './dom-types.ts';
import { removeAds } from './remove-ads.ts';
import { removeHidden } from './remove-hidden.ts';

/** What a page says, without its navigation, ads and hidden text. */
export interface Extracted {
  /** The article title, else the document title, else the URL. */
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  /** Paragraphs separated by blank lines (not yet stripped of invisible characters). */
  text: string;
  excerpt: string | null;
}

export interface ExtractReadableOptions {
  /**
   * Readability walks every element several times; a page with more is read as flat body text.
   * @default 40_000
   */
  maxElements?: number;
}

/**
 * Readability on linkedom, with default DOM options only: linkedom runs no scripts and loads no
 * resources, so a page cannot make the server fetch anything. Synchronous CPU work (up to a few
 * hundred ms): run it in the extraction pool, not on the event loop.
 */
export function extractReadable(html: string, url: string, { maxElements = 40_000 }: ExtractReadableOptions = {}): Extracted {
  const source = completeDocument(html);
  const { document } = parseHTML(source);
  const dom = visibleDocument(document);
  const lang = dom.documentElement?.getAttribute('lang') || null;
  const fallbackTitle = dom.title.trim() || url;

  let article: ReturnType<Readability<string>['parse']> = null;
  try {
    article = new Readability<string>(document as never, {
      maxElemsToParse: maxElements,
      serializer: (node) => blockText(node as unknown as DomNode),
    }).parse();
  } catch {
    // Readability throws when the page has more than maxElements elements: read the body instead.
  }
  if (!article?.content) {
    // Readability empties the body it could not use, so the fallback reads a fresh parse.
    const body = visibleDocument(parseHTML(source).document).body;
    return { title: fallbackTitle, byline: null, siteName: null, lang, text: body ? blockText(body) : '', excerpt: null };
  }
  return {
    title: article.title?.trim() || fallbackTitle,
    byline: article.byline?.trim() || null,
    siteName: article.siteName?.trim() || null,
    lang: article.lang || lang,
    text: article.content,
    excerpt: article.excerpt?.trim() || null,
  };
}

function visibleDocument(document: unknown): DomDocument {
  const dom = document as DomDocument;
  removeHidden(dom);
  removeAds(dom);
  return dom;
}
