import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { blockText } from './block-text.ts';
import type { DomDocument, DomNode } from './dom-types.ts';
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

// Readability walks every element several times; past this the page is read as flat body text.
const MAX_ELEMENTS = 40_000;

/**
 * Readability on linkedom, with default DOM options only: linkedom runs no scripts and loads no
 * resources, so a page cannot make the server fetch anything. Synchronous CPU work (up to a few
 * hundred ms): run it in the extraction pool, not on the event loop.
 */
export function extractReadable(html: string, url: string): Extracted {
  const { document } = parseHTML(html);
  const dom = document as unknown as DomDocument;
  removeHidden(dom);
  const lang = dom.documentElement?.getAttribute('lang') || null;
  const fallbackTitle = dom.title.trim() || url;

  let article: ReturnType<Readability<string>['parse']> = null;
  try {
    article = new Readability<string>(document as never, {
      maxElemsToParse: MAX_ELEMENTS,
      serializer: (node) => blockText(node as unknown as DomNode),
    }).parse();
  } catch {
    // Readability throws when the page has more than MAX_ELEMENTS elements: read the body instead.
  }
  if (!article?.content) {
    const text = dom.body ? blockText(dom.body) : '';
    return { title: fallbackTitle, byline: null, siteName: null, lang, text, excerpt: null };
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
