export interface StreamTiming {
  /** Request sent → first content event, ms. */
  ttftMs: number;
  /** First → last content event, ms. */
  spanMs: number;
  /** Content events seen. */
  events: number;
  /** Bytes of the response body. */
  bytes: number;
  /** Gaps between consecutive content events, ms. */
  gaps: number[];
  /** When each chunk with content events arrived (`performance.now()`); `gaps[i]` ends at `times[i + 1]`. */
  times: number[];
}

/**
 * Times a streamed response by reading raw bytes and spotting content events with a cheap string
 * test (the same cost for every path measured), so the client is not what is being benchmarked.
 */
export async function timeStream(send: () => Promise<Response>, contentMarker: string): Promise<StreamTiming> {
  const started = performance.now();
  const response = await send();
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  let carry = '';
  let bytes = 0;
  let first = 0;
  let last = 0;
  let events = 0;
  const gaps: number[] = [];
  const times: number[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const now = performance.now();
    bytes += chunk.byteLength;
    const text = carry + decoder.decode(chunk, { stream: true });
    let count = 0;
    for (let at = text.indexOf(contentMarker); at !== -1; at = text.indexOf(contentMarker, at + 1)) count++;
    // Keep a tail so a marker split across chunks is still seen once.
    carry = text.slice(-contentMarker.length + 1);
    if (count === 0) continue;
    if (events === 0) first = now;
    else gaps.push(now - last);
    last = now;
    times.push(now);
    events += count;
  }
  return { ttftMs: first - started, spanMs: last - first, events, bytes, gaps, times };
}
