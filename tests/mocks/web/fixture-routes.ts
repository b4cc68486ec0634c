import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipBomb, hugeHtml, latin1Html, SIGNATURES } from './generated-bodies.ts';
import { renderInjectionPage, renderPage } from './pages.ts';
import { streamBody } from './stream-body.ts';

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** `http://127.0.0.2:41234`, no trailing slash. */
  origin: string;
  /** Base for the sub-resources page, with a trailing slash. */
  canaryUrl: string;
  /** Registers a timer the fixture clears on close. */
  trackTimer(timer: NodeJS.Timeout): void;
}

type Route = (context: RouteContext) => void | Promise<void>;

const HTML = 'text/html; charset=utf-8';
const MIB = 1024 * 1024;
// Bodies of refused types are far larger than any socket buffer, so they can only be sent in
// full if the client reads them: `outcome: 'complete'` then proves the client read the body.
const BINARY_BYTES = 32 * MIB;
const SLOW_TICK_MS = 1_000;
const SLOW_TICKS = 60;

const send = (response: ServerResponse, status: number, type: string | null, body: string | Buffer) => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { ...(type ? { 'content-type': type } : {}), 'content-length': bytes.length });
  response.end(bytes);
};

const redirect = (response: ServerResponse, location: string, status = 302) => {
  response.writeHead(status, { location, 'content-type': HTML });
  response.end(`<a href="${location.replace(/"/g, '&quot;')}">Moved</a>`);
};

const binary = (type: string, signature: Buffer): Route => ({ response }) => {
  response.writeHead(200, { 'content-type': type, 'content-length': BINARY_BYTES });
  return streamBody(response, Buffer.concat([signature, Buffer.alloc(64 * 1024 - signature.length, 0x2a)]), BINARY_BYTES);
};

/** Exact paths. */
export const ROUTES: Record<string, Route> = {
  '/article': ({ response }) => send(response, 200, HTML, renderPage('article.html')),
  '/article-2': ({ response }) => send(response, 200, HTML, renderPage('article-2.html')),
  '/plain.txt': ({ response }) => send(response, 200, 'text/plain; charset=utf-8', renderPage('plain.txt')),
  '/notes.md': ({ response }) => send(response, 200, 'text/markdown; charset=utf-8', renderPage('notes.md')),
  '/injection': ({ response, origin }) => send(response, 200, HTML, renderInjectionPage(origin)),
  '/subresources': ({ response, canaryUrl }) => send(response, 200, HTML, renderPage('subresources.html', { canary: canaryUrl })),
  '/latin1.html': ({ response }) => send(response, 200, 'text/html', latin1Html(true)),
  '/latin1.txt': ({ response }) => send(response, 200, 'text/plain; charset=iso-8859-1', latin1Html(false)),
  '/no-content-type': ({ response }) => send(response, 200, null, '<p>What am I?</p>'),
  '/report.pdf': binary('application/pdf', SIGNATURES.pdf),
  '/file.zip': binary('application/zip', SIGNATURES.zip),
  '/image.png': binary('image/png', SIGNATURES.png),
  '/huge': ({ response, url }) => {
    const body = hugeHtml();
    // `?chunked` leaves out Content-Length, so only counting the body can stop it.
    response.writeHead(200, url.searchParams.has('chunked') ? { 'content-type': HTML } : { 'content-type': HTML, 'content-length': body.length });
    response.end(body);
  },
  '/gzip-bomb': ({ response }) => {
    const body = gzipBomb();
    response.writeHead(200, { 'content-type': HTML, 'content-encoding': 'gzip', 'content-length': body.length });
    return streamBody(response, body, body.length);
  },
  '/slow': ({ response, trackTimer }) => {
    // Headers at once, then a byte a second for a minute: well past any fetch deadline.
    response.writeHead(200, { 'content-type': HTML });
    response.write('<!doctype html><html><body><p>Loading');
    let ticks = 0;
    const timer = setInterval(() => {
      if (response.destroyed || ++ticks > SLOW_TICKS) {
        clearInterval(timer);
        if (!response.destroyed) response.end('</p></body></html>');
        return;
      }
      response.write('.');
    }, SLOW_TICK_MS);
    trackTimer(timer);
  },
  '/redirect/1': ({ response }) => redirect(response, '/redirect/2'),
  '/redirect/2': ({ response }) => redirect(response, '../article', 301),
  '/redirect-to': ({ response, url }) => {
    const target = url.searchParams.get('url');
    if (target === null) return send(response, 400, HTML, '<p>Missing ?url=</p>');
    redirect(response, target);
  },
};

/** Paths with a parameter: `/redirect-loop/<n>` (endless chain) and `/status/<code>`. */
export function matchPatternRoute(pathname: string): Route | undefined {
  const loop = /^\/redirect-loop\/(\d+)$/.exec(pathname);
  if (loop) return ({ response }) => redirect(response, `/redirect-loop/${Number(loop[1]) + 1}`);
  const status = /^\/status\/([1-5]\d\d)$/.exec(pathname);
  if (status) {
    const code = Number(status[1]);
    return ({ response }) => send(response, code, HTML, `<!doctype html><title>${code}</title><h1>Status ${code}</h1>`);
  }
  return undefined;
}

export const notFound: Route = ({ response }) => send(response, 404, HTML, '<!doctype html><title>Not found</title><h1>Not found</h1>');
