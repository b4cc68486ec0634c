import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { generatedImage } from '../../__fixtures__/image-jobs.ts';
import { ImageGalleryState } from '../../state/image-gallery.svelte.ts';
import ImageGallery from './ImageGallery.svelte';

describe('ImageGallery', () => {
  it('shows the images newest first and opens one with a link to its conversation', async () => {
    const images = [generatedImage({ id: 'image-0002', prompt: 'a fox' }), generatedImage({ id: 'image-0001', conversationId: 'conv-00000007' })];
    const gallery = new ImageGalleryState({ list: async () => ({ images, nextCursor: null }) });
    await gallery.refresh();
    const onLinkClick = vi.fn((event: MouseEvent) => event.preventDefault());
    render(ImageGallery, { gallery, onLinkClick });
    const items = screen.getAllByTestId('gallery-item');
    expect(items.map((item) => item.dataset.imageId)).toEqual(['image-0002', 'image-0001']);
    await userEvent.click(items[1] as HTMLElement);
    const link = screen.getByTestId('image-conversation-link');
    expect(link).toHaveAttribute('href', '/c/conv-00000007');
    await userEvent.click(screen.getByRole('button', { name: 'Previous image' }));
    expect(screen.getByTestId('image-facts')).toHaveTextContent('a fox');
    await userEvent.click(screen.getByTestId('image-conversation-link'));
    expect(onLinkClick).toHaveBeenCalled();
    expect(screen.queryByTestId('image-viewer')).toBeNull();
  });

  it('says when there are no images yet', async () => {
    const gallery = new ImageGalleryState({ list: async () => ({ images: [], nextCursor: null }) });
    await gallery.refresh();
    render(ImageGallery, { gallery, onLinkClick: vi.fn() });
    expect(screen.getByText(/No images yet/)).toBeInTheDocument();
  });
});
