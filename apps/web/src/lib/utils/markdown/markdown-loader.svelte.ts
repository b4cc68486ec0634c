/**
 * Loads the markdown pipeline chunk once. Until it is there (a few milliseconds after boot), messages
 * show their plain text.
 */
import type * as Pipeline from './pipeline.ts';

export type MarkdownPipeline = typeof Pipeline;

class MarkdownLoader {
  #pipeline = $state.raw<MarkdownPipeline | null>(null);
  #loading: Promise<MarkdownPipeline> | null = null;

  get pipeline(): MarkdownPipeline | null {
    return this.#pipeline;
  }

  load(): Promise<MarkdownPipeline> {
    this.#loading ??= import('./pipeline.ts').then((pipeline) => (this.#pipeline = pipeline));
    return this.#loading;
  }
}

export const markdownLoader = new MarkdownLoader();
