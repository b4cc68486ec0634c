/** Punctuation that ends a sentence rather than a URL: `see https://a.example/x.` */
const TRAILING = /[.,;:!?'")\]}>]+$/;

/** The http(s) URLs written in a text, as a person would read them (closing punctuation left out). */
export function findUrls(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) {
    let url = match[0];
    // A closing bracket belongs to the URL only when the URL opened one: `(see https://x/a_(b))`.
    while (TRAILING.test(url)) {
      const last = url.at(-1);
      if (last === ')' && (url.match(/\(/g)?.length ?? 0) >= (url.match(/\)/g)?.length ?? 0)) break;
      url = url.slice(0, -1);
    }
    if (URL.canParse(url)) found.add(url);
  }
  return [...found];
}
