/**
 * Bytes → text for notes: UTF-8 (strict), UTF-16 when a BOM says so, else Windows-1252 (what an
 * old Windows editor or a latin1 export writes) with a warning, so no note is ever dropped.
 */

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8 (or had a UTF-16 BOM): how they were read instead. */
  warning: string | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252 differs from latin1 in 0x80-0x9F (curly quotes, €, dashes). Node 20's
 * `TextDecoder('windows-1252')` decodes those as C1 controls (latin1), so the table is ours. The
 * five unassigned bytes keep their code point, as the WHATWG Encoding standard does.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes a note's bytes. A UTF-8 BOM is dropped; the result never starts with U+FEFF. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  try {
    // The decoder drops a UTF-8 BOM itself (ignoreBOM defaults to false).
    return { text: utf8.decode(bytes), warning: null };
  } catch {
    return { text: decodeWindows1252(bytes), warning: 'Not valid UTF-8: read as Windows-1252 (latin1)' };
  }
}

/** Windows-1252 bytes → text. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  // Chunks keep String.fromCharCode's argument list far below the engine's limit on large files.
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] ?? byte) : byte,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding).decode(bytes);
  return { text: text.replace(/^\uFEFF/, ''), warning: `Read as ${encoding.toUpperCase()} (byte order mark)` };
}
