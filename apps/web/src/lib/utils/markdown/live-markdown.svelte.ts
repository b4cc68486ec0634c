import { IncrementalMarkdown, type RenderedBlock } from './incremental-markdown.ts';

/**
 * Markdown of a message being streamed, rendered at most once per animation frame however often the
 * text changes.
 */
export class LiveMarkdown {
  #blocks = $state.raw<RenderedBlock[]>([]);
  #renderer = new IncrementalMarkdown();
  #text = '';
  #frame: number | undefined;

  get blocks(): RenderedBlock[] {
    return this.#blocks;
  }

  push(text: string) {
    this.#text = text;
    if (this.#frame !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#blocks = this.#renderer.update(this.#text);
    });
  }

  dispose() {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }
}
