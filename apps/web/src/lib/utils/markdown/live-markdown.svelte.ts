import type { Source } from '@tauceti/contracts';
import type { MarkdownPipeline } from './markdown-loader.svelte.ts';
import type { IncrementalMarkdown, RenderedBlock } from './incremental-markdown.ts';

/**
 * Markdown of a message being streamed, rendered at most once per animation frame however often the
 * text changes.
 */
export class LiveMarkdown {
  #blocks = $state.raw<RenderedBlock[]>([]);
  #renderer: IncrementalMarkdown | undefined;
  #text = '';
  #sources: readonly Source[] = [];
  #frame: number | undefined;

  get blocks(): RenderedBlock[] {
    return this.#blocks;
  }

  push(text: string, pipeline: MarkdownPipeline, sources: readonly Source[] = []) {
    this.#text = text;
    this.#sources = sources;
    this.#renderer ??= new pipeline.IncrementalMarkdown();
    if (this.#frame !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      if (this.#renderer) this.#blocks = this.#renderer.update(this.#text, this.#sources);
    });
  }

  dispose() {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }
}
