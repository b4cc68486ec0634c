/**
 * Entry of the lazily loaded markdown chunk (markdown-it, highlight.js, DOMPurify: ~65 KB gzip), so
 * the first load stays small. `markdown-loader.svelte.ts` starts loading it at boot.
 */
export { IncrementalMarkdown } from './incremental-markdown.ts';
export type { RenderedBlock } from './incremental-markdown.ts';
export { renderMarkdown, renderMarkdownCached } from './markdown.ts';
export { renderNote } from './obsidian/note-markdown.ts';
