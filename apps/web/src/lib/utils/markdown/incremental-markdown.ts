/**
 * Incremental rendering of a growing answer: the HTML of completed blocks is kept, only the tail is
 * rendered again. The full text is rendered once more when the answer is finished. New sources
 * (which change how citation chips look) render everything again: that happens a few times a turn.
 */
import type { Source } from '@tauceti/contracts';
import { sourcesKey } from './citation-chips.ts';
import { renderMarkdown } from './markdown.ts';
import { splitBlocks } from './split-blocks.ts';

export interface RenderedBlock {
  /** Stable while the block grows, so the list keeps finished blocks' DOM untouched. */
  key: string;
  html: string;
}

export class IncrementalMarkdown {
  readonly #render: (markdown: string, sources: readonly Source[]) => string;
  #doneSource = '';
  #done: RenderedBlock[] = [];
  #sourcesKey = '';

  constructor(render: (markdown: string, sources: readonly Source[]) => string = renderMarkdown) {
    this.#render = render;
  }

  /** Blocks for the text so far; `text` normally extends the previous one (else it starts over). */
  update(text: string, sources: readonly Source[] = []): RenderedBlock[] {
    const key = sourcesKey(sources);
    if (!text.startsWith(this.#doneSource) || key !== this.#sourcesKey) this.reset();
    this.#sourcesKey = key;
    const blocks = splitBlocks(text.slice(this.#doneSource.length));
    for (let i = 0; i < blocks.length - 1; i++) {
      const block = blocks[i] ?? '';
      this.#done.push({ key: `b${this.#done.length}`, html: this.#render(block, sources) });
      this.#doneSource += block;
    }
    const tail = blocks.at(-1) ?? '';
    return [...this.#done, { key: `b${this.#done.length}`, html: tail ? this.#render(tail, sources) : '' }];
  }

  reset() {
    this.#doneSource = '';
    this.#done = [];
  }
}
