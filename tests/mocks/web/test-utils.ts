/**
 * Helpers for this folder's tests (not exported by the package).
 */
import { get, type IncomingMessage } from 'node:http';

/** GET with node:http (no fetch: the fixture must be observed without any client-side magic). */
export function open(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).on('error', reject));
}

/** GET and read the whole (raw, still encoded) body. */
export async function fetchRaw(url: string): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  const response = await open(url);
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) };
}
