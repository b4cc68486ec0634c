/**
 * The ONLY module that fetches URLs on behalf of a tool (a test fails on a bare `fetch(` anywhere
 * else in tools/ and web/). Every hop is checked against the SSRF policy: SECURITY.md T1–T4.
 */
import { lookup as dnsLookup } from 'node:dns';
import { fetch, type Response } from 'undici';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { checkUrl } from './check-url.ts';
import { FetchPageError, refused } from './errors.ts';
import { explainFetchError } from './explain-fetch-error.ts';
import { formatBytes } from './format-units.ts';
import { createGuardedAgent, type LookupFunction } from './guarded-agent.ts';
import { parseContentType } from './parse-content-type.ts';
import { readCappedBody } from './read-capped-body.ts';

export interface SafeFetchOptions {
  /**
   * `FETCH_ALLOWLIST` entries: exact host names, IP addresses or CIDR ranges. An allowlisted host or
   * address is reachable although private, on any port.
   * @default []
   */
  allowlist?: readonly string[];
  /**
   * Resolver for host names, asked for every address; tests inject a stub.
   * @default node:dns lookup
   */
  lookup?: LookupFunction;
  /**
   * Most bytes of (decompressed) body read before the fetch is abandoned.
   * @default 5 MiB
   */
  maxBytes?: number;
  /**
   * Deadline for the whole fetch, redirects and body included, combined with the caller's signal.
   * @default 10_000
   */
  timeoutMs?: number;
  /**
   * Deadline for opening one connection.
   * @default 5_000
   */
  connectTimeoutMs?: number;
  /**
   * Most redirects followed.
   * @default 5
   */
  maxRedirects?: number;
  /** @default 'Mozilla/5.0 (compatible; TauCeti/1.0; fetch_page)' */
  userAgent?: string;
}

export interface SafeFetchInit {
  /** Aborting it rejects with the signal's reason (not a FetchPageError). */
  signal?: AbortSignal;
  /** @default 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9' */
  accept?: string;
}

export interface SafeFetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Lower-case MIME type without parameters, e.g. `text/html`. */
  contentType: string;
  /** The `charset` parameter of Content-Type, lower-case, or null when the header has none. */
  charset: string | null;
  /** The decompressed body. */
  body: Buffer;
  /** Every URL that answered with a redirect, in order (the first is the requested URL). */
  redirects: string[];
}

export type SafeFetch = ((url: string, init?: SafeFetchInit) => Promise<SafeFetchResult>) & {
  /** Closes pooled connections. */
  close(): Promise<void>;
};

/** Types a reader can turn into text; anything else is refused before a body byte is read. */
const READABLE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown', 'text/x-markdown']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Builds the guarded fetch for untrusted URLs. Throws `FetchPageError` with a reason the model can read. */
export function createSafeFetch(options: SafeFetchOptions = {}): SafeFetch {
  const policy = createAddressPolicy(options.allowlist);
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? 'Mozilla/5.0 (compatible; TauCeti/1.0; fetch_page)';
  const dispatcher = createGuardedAgent({
    policy,
    lookup: options.lookup ?? dnsLookup,
    connectTimeoutMs,
    idleTimeoutMs: timeoutMs,
  });

  async function safeFetch(rawUrl: string, init: SafeFetchInit = {}): Promise<SafeFetchResult> {
    let url = checkUrl(rawUrl, policy);
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const headers = {
      accept: init.accept ?? 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9',
      'user-agent': userAgent,
    };
    const redirects: string[] = [];
    try {
      for (;;) {
        const response = await fetch(url, { dispatcher, redirect: 'manual', signal, headers });
        if (!REDIRECT_STATUSES.has(response.status)) return await readResponse(response, url, redirects);
        discard(response);
        const location = response.headers.get('location');
        if (location === null) throw new FetchPageError('http_status', `the server answered ${response.status} without a Location`);
        if (redirects.length >= maxRedirects) throw new FetchPageError('too_many_redirects', `too many redirects (more than ${maxRedirects})`);
        redirects.push(url.href);
        url = checkRedirect(location, url, policy);
      }
    } catch (error) {
      throw explainFetchError(error, { host: url.host, callerSignal: init.signal, deadline, timeoutMs, connectTimeoutMs });
    }
  }

  async function readResponse(response: Response, url: URL, redirects: string[]): Promise<SafeFetchResult> {
    if (response.status < 200 || response.status > 299) {
      discard(response);
      const text = response.statusText ? ` ${response.statusText}` : '';
      throw new FetchPageError('http_status', `the server answered ${response.status}${text}`);
    }
    const { type, charset } = parseContentType(response.headers.get('content-type'));
    if (!READABLE_TYPES.has(type)) {
      discard(response);
      throw type === ''
        ? refused('content_type', 'the server did not say what type of content this is')
        : refused('content_type', `content type ${type} is not a readable page`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      discard(response);
      throw new FetchPageError('too_large', `the page is larger than ${formatBytes(maxBytes)}`);
    }
    const body = await readCappedBody(response.body, maxBytes);
    return { url: url.href, status: response.status, contentType: type, charset, body, redirects };
  }

  return Object.assign(safeFetch, { close: () => dispatcher.close() });
}

/** Resolves `Location` against the URL that sent it and runs the full policy on the result. */
function checkRedirect(location: string, from: URL, policy: AddressPolicy): URL {
  if (!URL.canParse(location, from.href)) throw refused('redirect', `the page redirected to an invalid URL (${JSON.stringify(location)})`);
  const target = new URL(location, from).href;
  try {
    return checkUrl(target, policy);
  } catch (error) {
    if (error instanceof FetchPageError) {
      throw new FetchPageError(error.reason, `the page redirected to ${target}; ${error.detail}`, { cause: error });
    }
    throw error;
  }
}

/** Drops a body we will not read; the socket is closed rather than drained. */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => {});
}
