import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server that must never be reached: it counts TCP connections, not just HTTP requests. */
export interface Canary {
  /** `http://127.0.0.1:<port>/`, with a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far (a connection that sent nothing counts too). */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a canary on `host` (a loopback address the fetch policy must refuse). */
export async function startCanary(host = '127.0.0.1'): Promise<Canary> {
  let connections = 0;
  // It answers anything, so a test that does reach it fails on the count rather than hanging.
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>canary</title><p>You reached the canary.</p>');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
