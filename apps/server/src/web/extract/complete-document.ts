// linkedom builds the tree only from a complete `<html><head>…</head><body>…` document: given a
// fragment, or a page without <head> or <body> tags (which HTML allows), `document.body` comes back
// empty. Such input is rebuilt into that shape first.
const COMPLETE = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<html[\s>][^]*?<head[\s>][^]*?<\/head\s*>\s*(?:<!--[\s\S]*?-->\s*)*<body[\s>]/i;
const HEAD_BLOCK = /<head(?:\s[^>]*)?>([\s\S]*?)<\/head\s*>/i;
const HTML_OPEN = /<html(\s[^>]*)?>/i;
const TITLE = /<title(?:\s[^>]*)?>[\s\S]*?<\/title\s*>/i;
const META = /<meta\s[^>]*>/gi;
const SHELL_TAGS = /<!doctype[^>]*>|<\/?html(?:\s[^>]*)?>|<\/?body(?:\s[^>]*)?>|<\/?head(?:\s[^>]*)?>/gi;

/** Returns `html` as a complete document that linkedom parses into a populated `document.body`. */
export function completeDocument(html: string): string {
  if (COMPLETE.test(html)) return html;
  const htmlAttributes = HTML_OPEN.exec(html)?.[1] ?? '';
  const headBlock = HEAD_BLOCK.exec(html);
  let head: string;
  let body: string;
  if (headBlock) {
    head = headBlock[1] ?? '';
    body = html.slice(0, headBlock.index) + html.slice(headBlock.index + headBlock[0].length);
  } else {
    const title = TITLE.exec(html)?.[0] ?? '';
    head = title + (html.match(META) ?? []).join('');
    body = html.replace(TITLE, '');
  }
  return `<!doctype html><html${htmlAttributes}><head>${head}</head><body>${body.replace(SHELL_TAGS, '')}</body></html>`;
}
