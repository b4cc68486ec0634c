/**
 * Markdown as plain text for snippets: what a person reads, without the marks. Not a renderer:
 * line by line, good enough for ~200 characters of a chunk (the viewer renders the real note).
 */
export function plainText(markdown: string): string {
  const lines: string[] = [];
  for (const raw of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) continue; // fence lines; the code inside stays readable
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(raw)) continue; // table rule
    let line = raw
      .replace(/^\s*(>\s*)+/, '') // quotes and callouts
      .replace(/^\[!\w+\][+-]?\s*/, '') // the callout's type marker
      .replace(/^\s*#{1,6}\s+/, '') // heading marks
      .replace(/^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/, '') // list items and tasks
      .replace(/!\[\[[^\]]*\]\]/g, '') // embeds
      .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2') // [[target|shown]]
      .replace(/\[\[([^\]]*)\]\]/g, (_, target: string) => target.replace(/#\^?/g, ' › ').replace(/^ › /, ''))
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links
      .replace(/<[^>]+>/g, '') // html tags
      .replace(/(\*\*|__|==|~~)(.+?)\1/g, '$2')
      .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/\s\^[A-Za-z0-9-]+\s*$/, '') // block ids
      .replace(/\\\|/g, '|');
    if (/^\s*\|.*\|\s*$/.test(line)) {
      line = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim())
        .filter(Boolean)
        .join(' · ');
    }
    line = line.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
  }
  return lines.join('\n');
}
