/**
 * Incremental rendering of a growing answer: the HTML of completed blocks is kept, only the tail is
 * rendered again. The full text is rendered once more when the answer is finished.
 */
import { renderMarkdown } from './markdown.ts';
import { splitBlocks } from './split-blocks.ts';

export interface RenderedBlock {
  /** Stable while the block grows, so the list keeps finished blocks' DOM untouched. */
  key: string;
  html: string;
}

export class IncrementalMarkdown {
  readonly #render: (markdown: string) => string;
  #doneSource = '';
  #done: RenderedBlock[] = [];

  constructor(render: (markdown: string) => string = renderMarkdown) {
    this.#render = render;
  }

  /** Blocks for the text so far; `text` normally extends the previous one (else it starts over). */
  update(text: string): RenderedBlock[] {
    if (!text.startsWith(this.#doneSource)) this.reset();
    const blocks = splitBlocks(text.slice(this.#doneSource.length));
    for (let i = 0; i < blocks.length - 1; i++) {
      const source = blocks[i] ?? '';
      this.#done.push({ key: `b${this.#done.length}`, html: this.#render(source) });
      this.#doneSource += source;
    }
    const tail = blocks.at(-1) ?? '';
    return [...this.#done, { key: `b${this.#done.length}`, html: tail ? this.#render(tail) : '' }];
  }

  reset() {
    this.#doneSource = '';
    this.#done = [];
  }
}
