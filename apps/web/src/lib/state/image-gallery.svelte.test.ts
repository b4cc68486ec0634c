import type { ImageListResponse } from '@tauceti/contracts';
import { describe, expect, it, vi } from 'vitest';
import { generatedImage } from '../__fixtures__/image-jobs.ts';
import type { ListImagesOptions } from '../api/images.ts';
import { ImageGalleryState } from './image-gallery.svelte.ts';

const page = (ids: string[], nextCursor: string | null): ImageListResponse => ({ images: ids.map((id) => generatedImage({ id })), nextCursor });

describe('ImageGalleryState', () => {
  it('pages newest first with the cursor and stops at the last page', async () => {
    const list = vi.fn(async (options: ListImagesOptions) =>
      options.cursor === undefined ? page(['image-0003', 'image-0002'], 'c2') : page(['image-0002', 'image-0001'], null),
    );
    const gallery = new ImageGalleryState({ list, pageSize: 2 });
    await gallery.refresh();
    expect(list).toHaveBeenLastCalledWith({ cursor: undefined, limit: 2 });
    expect(gallery.hasMore).toBe(true);
    await gallery.loadMore();
    expect(list).toHaveBeenLastCalledWith({ cursor: 'c2', limit: 2 });
    // An image that moved across the page boundary is listed once.
    expect(gallery.images.map((image) => image.id)).toEqual(['image-0003', 'image-0002', 'image-0001']);
    expect(gallery.hasMore).toBe(false);
    await gallery.loadMore();
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('opens an image and steps through the grid in the viewer', async () => {
    const gallery = new ImageGalleryState({ list: async () => page(['image-0002', 'image-0001'], null) });
    await gallery.refresh();
    gallery.open(0);
    expect(gallery.openImage?.id).toBe('image-0002');
    gallery.step(1);
    expect(gallery.openImage?.id).toBe('image-0001');
    gallery.step(1);
    expect(gallery.openImage?.id).toBe('image-0001');
    gallery.close();
    expect(gallery.openImage).toBeNull();
  });

  it('says why the list could not be loaded', async () => {
    const gallery = new ImageGalleryState({ list: async () => Promise.reject(new Error('The Tau Ceti server is not reachable.')) });
    await gallery.refresh();
    expect(gallery.error).toMatch(/not reachable/);
    expect(gallery.isLoading).toBe(false);
  });
});
