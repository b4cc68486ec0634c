/**
 * searx's `html_to_text`: collapse whitespace, drop tags (no space in their place) and the bodies
 * of `<script>`/`<style>`, unescape character references. The common named entities only.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–' };

/** The plain text of an HTML fragment, as searx 1.1 puts it in `title` and `content`. */
export function htmlToText(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/<(script|style)\b[^>]*>.*?<\/\1\s*>/gi, '')
    .replace(/<!--.*?-->/g, '')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));/g, (entity, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return NAMED[name] ?? entity;
      const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '0', 16);
      // html.unescape turns what is not a character into U+FFFD rather than failing.
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
    });
}
