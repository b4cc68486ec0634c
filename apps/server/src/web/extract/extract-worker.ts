/**
 * Worker-thread entry of the extraction pool (bundled to dist/extract-worker.js): runs
 * `extractReadable` for each message so Readability's CPU work stays off the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractReply, ExtractRequest } from './extract-protocol.ts';
import { extractReadable } from './extract-readable.ts';

const port = parentPort;
if (port === null) throw new Error('extract-worker runs only as a worker thread (see extraction-pool.ts)');

const reply = (message: ExtractReply) => port.postMessage(message);

port.on('message', ({ id, html, url }: ExtractRequest) => {
  try {
    reply({ type: 'done', id, value: extractReadable(html, url) });
  } catch (error) {
    reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
});
reply({ type: 'ready' });
