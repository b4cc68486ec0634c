import { decodeBody } from './decode-body.ts';
import type { ExtractionPool } from './extract/extraction-pool.ts';
import { stripInvisible } from './extract/strip-invisible.ts';
import type { SafeFetchInit, SafeFetchResult } from './safe-fetch.ts';
import { truncateText } from './truncate-text.ts';

export interface PageReaderOptions {
  /** The guarded fetch (`createSafeFetch`); every request of the reader goes through it. */
  safeFetch: (url: string, init?: SafeFetchInit) => Promise<SafeFetchResult>;
  /** Where HTML is turned into text, off the event loop (`createExtractionPool`). */
  pool: Pick<ExtractionPool, 'extract'>;
  /**
   * Longest text returned; longer pages are cut at a paragraph or sentence boundary.
   * @default 20_000
   */
  maxChars?: number;
}

/** A fetched page as the model reads it: plain text, no hidden or invisible characters. */
export interface ReadPage {
  /** The final URL, after redirects. */
  url: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  text: string;
  /** Whether `text` was cut to `maxChars`. */
  truncated: boolean;
  contentType: string;
  /** Size of the (decompressed) body in bytes. */
  bytes: number;
}

const MARKDOWN_HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m;

/** Reads one URL for the model; rejects with `FetchPageError` (or the signal's reason when aborted). */
export type PageReader = (url: string, options?: { signal?: AbortSignal }) => Promise<ReadPage>;

/** Builds `readPage(url, { signal })`: fetch with the SSRF guard, decode, extract, clean, cut. */
export function createPageReader({ safeFetch, pool, maxChars = 20_000 }: PageReaderOptions): PageReader {
  return async function readPage(url: string, { signal }: { signal?: AbortSignal } = {}): Promise<ReadPage> {
    const page = await safeFetch(url, { signal });
    const isHtml = page.contentType === 'text/html' || page.contentType === 'application/xhtml+xml';
    const source = decodeBody(page.body, { charset: page.charset, isHtml });

    let title: string;
    let byline: string | null = null;
    let siteName: string | null = null;
    let text: string;
    if (isHtml) {
      ({ title, byline, siteName, text } = await pool.extract(source, page.url, { signal }));
    } else {
      text = source;
      const heading = page.contentType === 'text/plain' ? undefined : MARKDOWN_HEADING.exec(source)?.[1];
      title = heading ?? page.url;
    }

    // Cut first (with room: stripping only removes characters), so a long page is not scanned whole.
    const cut = truncateText(stripInvisible(text.slice(0, maxChars * 2)), maxChars);
    return {
      url: page.url,
      title: stripInvisible(title).replace(/\s+/g, ' ') || page.url,
      byline: cleanLine(byline),
      siteName: cleanLine(siteName),
      text: cut.text,
      truncated: cut.truncated,
      contentType: page.contentType,
      bytes: page.body.length,
    };
  };
}

const cleanLine = (value: string | null) => (value === null ? null : stripInvisible(value).replace(/\s+/g, ' ') || null);
