import { FetchPageError } from './errors.ts';
import { formatBytes } from './format-units.ts';

/**
 * Reads a (already decompressed) body, stopping as soon as it passes `maxBytes`: counting decoded
 * bytes is what stops a gzip bomb, whose Content-Length is small.
 */
export async function readCappedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new FetchPageError('too_large', `the page is larger than ${formatBytes(maxBytes)}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
