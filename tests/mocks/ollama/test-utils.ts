/**
 * Helpers for this folder's tests (not exported by the package).
 */

/** A fetch Response whose `json()` is untyped, for terse assertions. */
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** GETs (or HEADs) a URL of the mock. */
export function get(url: string, init: RequestInit = {}): Promise<TestResponse> {
  return fetch(url, init);
}

/** POSTs a JSON value (or a raw string body) to the mock. */
export function post(url: string, body: unknown, init: RequestInit = {}): Promise<TestResponse> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** Reads an NDJSON body: checks every line ends in `\n` and parses each one. */
export async function readNdjson(response: TestResponse): Promise<Array<Record<string, any>>> {
  const text = await response.text();
  if (text !== '' && !text.endsWith('\n')) throw new Error(`NDJSON body does not end in a newline: ${JSON.stringify(text.slice(-40))}`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** RFC 3339 UTC with up to nine fractional digits, as Go writes `created_at`. */
export const GO_UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
