/**
 * Small HTTP helpers: Flask-like responses (werkzeug's reason phrases, SearXNG's default headers)
 * and an abortable wait.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { reasonPhrase } from './html-pages.ts';
import type { SearxngFlavor } from './scenario.ts';

/** `server.default_http_headers` from SearXNG's `settings.yml`; searx sends none. */
const SEARXNG_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Download-Options': 'noopen',
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'no-referrer',
};

/** One answer, described as a Flask view returns it. */
export interface FlaskResponse {
  status: number;
  /** Flask's `mimetype`: `text/*` gets `; charset=utf-8`, `application/json` does not. */
  mimetype: string;
  body: string;
  /** Sent after Content-Type and the default headers. @default none */
  headers?: Record<string, string>;
}

/** Sends `response` as Flask would; a no-op once the client has gone. */
export function send(res: ServerResponse, flavor: SearxngFlavor, response: FlaskResponse): void {
  if (res.headersSent || res.destroyed) return;
  const contentType = response.mimetype.startsWith('text/') ? `${response.mimetype}; charset=utf-8` : response.mimetype;
  res.writeHead(response.status, reasonPhrase(response.status), {
    'Content-Type': contentType,
    ...(flavor === 'searxng' ? SEARXNG_HEADERS : {}),
    ...response.headers,
  });
  res.end(response.body);
}

/** Reads the whole request body as UTF-8. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `application/x-www-form-urlencoded` (or a query string) as first-value-per-name, as werkzeug's `MultiDict.items()` gives. */
export function firstValues(encoded: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(encoded)) if (!Object.hasOwn(values, name)) values[name] = value;
  return values;
}

/** Resolves after `ms`, or false as soon as `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
