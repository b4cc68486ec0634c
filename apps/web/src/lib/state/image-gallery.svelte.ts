/**
 * The gallery: every generated image, newest first, paged with `nextCursor` as the grid scrolls. Opened
 * afresh each time the page is shown, so images made meanwhile are at the top.
 */
import type { GeneratedImage, ImageListResponse } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { listImages, type ListImagesOptions } from '../api/images.ts';

export interface ImageGalleryStateOptions {
  /** @default listImages (`GET /api/images`) */
  list?: (options: ListImagesOptions) => Promise<ImageListResponse>;
  /** @default 60 */
  pageSize?: number;
}

export class ImageGalleryState {
  #images = $state.raw<GeneratedImage[]>([]);
  #nextCursor = $state<string | null>(null);
  #loading = $state(false);
  #loaded = $state(false);
  #error = $state<string | null>(null);
  /** The image open in the viewer, by its index in `images`. */
  #openIndex = $state<number | null>(null);
  #seq = 0;
  readonly #list: (options: ListImagesOptions) => Promise<ImageListResponse>;
  readonly #pageSize: number;

  constructor(options: ImageGalleryStateOptions = {}) {
    this.#list = options.list ?? listImages;
    this.#pageSize = options.pageSize ?? 60;
  }

  get images(): GeneratedImage[] { return this.#images; }
  get hasMore(): boolean { return this.#nextCursor !== null; }
  get isLoading(): boolean { return this.#loading; }
  /** The first page has come (the grid may still be empty). */
  get isLoaded(): boolean { return this.#loaded; }
  get error(): string | null { return this.#error; }
  get openImage(): GeneratedImage | null { return this.#openIndex === null ? null : (this.#images[this.#openIndex] ?? null); }
  get openIndex(): number | null { return this.#openIndex; }

  /** The first page again. */
  async refresh() {
    const seq = ++this.#seq;
    this.#openIndex = null;
    await this.#loadPage(seq, undefined);
  }

  /** The next page (infinite scroll); ignored while a page loads or after the last. */
  async loadMore() {
    if (this.#loading || this.#nextCursor === null) return;
    await this.#loadPage(this.#seq, this.#nextCursor);
  }

  open(index: number) {
    if (index >= 0 && index < this.#images.length) this.#openIndex = index;
  }

  /** The next (1) or previous (-1) image in the viewer; the next page is fetched at the end. */
  step(delta: 1 | -1) {
    if (this.#openIndex === null) return;
    const index = this.#openIndex + delta;
    if (index >= this.#images.length - 1 && delta === 1) void this.loadMore();
    this.open(index);
  }

  close() {
    this.#openIndex = null;
  }

  async #loadPage(seq: number, cursor: string | undefined) {
    this.#loading = true;
    this.#error = null;
    try {
      const page = await this.#list({ cursor, limit: this.#pageSize });
      if (seq !== this.#seq) return;
      const known = new Set(cursor === undefined ? [] : this.#images.map((image) => image.id));
      const fresh = page.images.filter((image) => !known.has(image.id));
      this.#images = cursor === undefined ? page.images : [...this.#images, ...fresh];
      this.#nextCursor = page.nextCursor;
      this.#loaded = true;
    } catch (error) {
      if (seq === this.#seq) this.#error = errorMessage(error);
    } finally {
      if (seq === this.#seq) this.#loading = false;
    }
  }
}
