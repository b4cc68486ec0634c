/**
 * A small "public web" for fetch_page tests: realistic pages, hostile pages and misbehaving
 * servers on one node:http server (default 127.0.0.2, which Linux routes to `lo`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchPatternRoute, notFound, ROUTES } from './fixture-routes.ts';
import { RequestLog, type FixtureRequest } from './request-log.ts';

export interface StartFixtureWebOptions {
  /** @default '127.0.0.2' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /**
   * Where `/subresources` points its `<img>`, `<script src>`, stylesheets and frames (a canary).
   * @default 'http://127.0.0.1:9/'
   */
  canaryUrl?: string;
}

export interface FixtureWeb {
  /** Origin without a trailing slash, e.g. `http://127.0.0.2:41234`. */
  readonly url: string;
  readonly port: number;
  /** Every request so far, oldest first; each record's `outcome` updates as its response goes out. */
  readonly requests: readonly FixtureRequest[];
  clearRequests(): void;
  /** Resolves with the first request, past or future, that satisfies `predicate`. */
  waitForRequest(predicate: (request: FixtureRequest) => boolean): Promise<FixtureRequest>;
  /** Stops listening and drops open connections (the trickling `/slow` included). */
  close(): Promise<void>;
}

/**
 * Starts the fixture web. Pages: `/article`, `/article-2`, `/plain.txt`, `/notes.md`,
 * `/injection`, `/subresources`, `/latin1.html`, `/latin1.txt`, `/no-content-type`; refused types
 * `/report.pdf`, `/file.zip`, `/image.png`; `/huge` (6 MB, `?chunked` without Content-Length),
 * `/gzip-bomb`, `/slow`; redirects `/redirect/1` → `/redirect/2` → `/article`,
 * `/redirect-loop/<n>`, `/redirect-to?url=<target>`; `/status/<code>`; anything else is 404.
 */
export async function startFixtureWeb(options: StartFixtureWebOptions = {}): Promise<FixtureWeb> {
  const host = options.host ?? '127.0.0.2';
  const canaryUrl = (options.canaryUrl ?? 'http://127.0.0.1:9/').replace(/\/?$/, '/');
  const log = new RequestLog();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const server = createServer((request, response) => {
    log.track(request, response);
    const url = new URL(request.url ?? '/', origin);
    const route = ROUTES[url.pathname] ?? matchPatternRoute(url.pathname) ?? notFound;
    const trackTimer = (timer: NodeJS.Timeout) => {
      timers.add(timer);
      response.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
    };
    Promise.resolve(route({ request, response, url, origin, canaryUrl, trackTimer })).catch(() => response.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: origin,
    port,
    get requests() {
      return log.records;
    },
    clearRequests: () => log.clear(),
    waitForRequest: (predicate) => log.waitFor(predicate),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
