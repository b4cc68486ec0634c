import type { ServerResponse } from 'node:http';

/**
 * Writes `chunk` repeatedly until `total` bytes are out, waiting for the socket to drain so the
 * body only advances as fast as the client reads. Stops quietly when the client goes away.
 */
export async function streamBody(response: ServerResponse, chunk: Buffer, total: number): Promise<void> {
  let sent = 0;
  while (sent < total && !response.destroyed) {
    const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
    sent += piece.length;
    if (!response.write(piece)) await drainedOrClosed(response);
  }
  if (!response.destroyed) response.end();
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
