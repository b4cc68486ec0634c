/**
 * Turns the HTML-ish text engines put in titles and snippets into plain text. Regex-based on
 * purpose: the input is a one-line fragment, not a document, and the output is only ever text.
 */

// Tags that sit inside a word or sentence; every other tag separates words.
const INLINE_TAGS = new Set(
  'a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong sub sup time u var wbr'.split(' '),
);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '',
  ndash: '–', mdash: '—', hellip: '…', bull: '•', middot: '·', deg: '°', times: '×',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶',
};

/** Strips tags (dropping `<script>`/`<style>` bodies and comments), decodes entities once, collapses whitespace. */
export function cleanText(html: string): string {
  const withoutTags = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>/g, (_tag, name: string) =>
      INLINE_TAGS.has(name.toLowerCase()) ? '' : ' ',
    );
  return decodeEntities(withoutTags)
    .replace(/[\u00ad\u200b\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Decodes `&amp;`-style named entities from a small common set, and every numeric one. */
export function decodeEntities(text: string): string {
  const reference = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;
  return text.replace(reference, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
    return codePoint > 0 && codePoint <= 0x10ffff && !isSurrogate ? String.fromCodePoint(codePoint) : '\ufffd';
  });
}

/** Cuts `text` to at most `maxChars`, at a word boundary when one is near, ending in `…`. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = text.slice(0, maxChars - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace >= maxChars * 0.6 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
