// The HTML spec's prescan looks at the first 1024 bytes; a little more tolerates long <head>s.
const PRESCAN_BYTES = 4096;
const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;

/**
 * Decodes a page body: a byte-order mark wins, then the Content-Type charset, then (for HTML) a
 * `<meta charset>` in the first bytes, then UTF-8. Malformed bytes become U+FFFD, never an error.
 */
export function decodeBody(body: Buffer, { charset, isHtml }: { charset: string | null; isHtml: boolean }): string {
  const label = bomCharset(body) ?? charset ?? (isHtml ? metaCharset(body) : null) ?? 'utf-8';
  return decoder(label).decode(body);
}

function bomCharset(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

function metaCharset(body: Buffer): string | null {
  // latin1 maps every byte to one character, so ASCII markup reads correctly whatever the encoding.
  const head = body.subarray(0, PRESCAN_BYTES).toString('latin1');
  return META_CHARSET.exec(head)?.[1]?.toLowerCase() ?? null;
}

function decoder(label: string): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder(label, { fatal: false });
  } catch {
    // An unknown label (a typo, an exotic encoding) falls back to UTF-8 rather than failing the page.
    return new TextDecoder('utf-8', { fatal: false });
  }
}
