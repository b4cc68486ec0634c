/** A conversation title cut from what a person wrote: the first line, at most 60 characters. */
export function provisionalTitle(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  if (!line) return 'New chat';
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
}

/**
 * Tidies what a model wrote when asked for a title: drops reasoning tags, a `Title:` prefix,
 * Markdown, quotes and trailing punctuation. Null when nothing usable is left.
 */
export function cleanTitle(raw: string): string | null {
  const withoutThinking = raw.replace(/<think>[\s\S]*?<\/think>/gi, '');
  const line = withoutThinking
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part.length > 0);
  if (!line) return null;
  const title = line
    .replace(/^(title|titre)\s*:\s*/i, '')
    .replace(/[*_`#>]/g, '')
    .replace(/^["'“”‘’«»\s]+|["'“”‘’«»\s]+$/g, '')
    .replace(/[.!?,;:]+$/, '')
    .trim();
  if (!title) return null;
  return title.length > 80 ? `${title.slice(0, 79).trimEnd()}…` : title;
}
