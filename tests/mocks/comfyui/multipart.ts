/**
 * A small `multipart/form-data` reader, enough for `/upload/image` (what aiohttp's
 * `request.post()` gives ComfyUI): text fields as strings, parts with a `filename` as files.
 */

export interface FormField {
  name: string;
  /** Set for file parts (a `filename` in Content-Disposition, even an empty one). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The parts of a multipart body, in order; `[]` when the boundary is missing or the body malformed. */
export function parseMultipart(body: Buffer, contentType: string): FormField[] {
  const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = boundaryMatch?.[1] ?? boundaryMatch?.[2]?.trim();
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: FormField[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const headerStart = afterDelimiter + 2; // CRLF
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1) break;
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next === -1) break;
    const headers = parseHeaders(body.subarray(headerStart, headerEnd).toString('utf8'));
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    const extended = param(disposition, 'filename*');
    if (name !== undefined) {
      fields.push({
        name,
        filename: extended !== undefined ? decodeURIComponent(extended.replace(/^utf-8''/i, '')) : param(disposition, 'filename'),
        contentType: headers.get('content-type'),
        data: body.subarray(headerEnd + 4, next - 2), // the CRLF before the next delimiter is not data
      });
    }
    start = next;
  }
  return fields;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function param(header: string, key: string): string | undefined {
  const escaped = key.replace('*', '\\*');
  const match = new RegExp(`(?:^|;)\\s*${escaped}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!.trim();
}
