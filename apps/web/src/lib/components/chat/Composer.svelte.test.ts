import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ComposerState } from '../../state/composer.svelte.ts';
import Composer from './Composer.svelte';

function setup(options: { isBusy?: boolean; lacksVision?: boolean } = {}) {
  const composer = new ComposerState({
    upload: async (file) => ({ id: 'upload-0001', name: file.name, mediaType: 'image/png', sizeBytes: file.size, url: '/api/uploads/upload-0001' }),
    createPreview: () => 'blob:preview',
    revokePreview: () => {},
  });
  const onSend = vi.fn();
  const onStop = vi.fn();
  render(Composer, { composer, isBusy: options.isBusy ?? false, onSend, onStop, lacksVision: options.lacksVision ?? false });
  return { composer, onSend, onStop, input: screen.getByTestId('composer-input') as HTMLTextAreaElement };
}

describe('Composer', () => {
  it('sends on Enter', async () => {
    const { onSend, input } = setup();
    await userEvent.type(input, 'Hello{Enter}');
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('adds a newline on Shift+Enter instead of sending', async () => {
    const { onSend, input, composer } = setup();
    await userEvent.type(input, 'one{Shift>}{Enter}{/Shift}two');
    expect(onSend).not.toHaveBeenCalled();
    expect(composer.text).toBe('one\ntwo');
  });

  it('does not send an empty message', async () => {
    const { onSend, input } = setup();
    await userEvent.type(input, '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByTestId('send-button')).toBeDisabled();
  });

  it('calls stop on Esc while an answer streams, and shows Stop instead of Send', async () => {
    const { onStop, onSend, input } = setup({ isBusy: true });
    expect(screen.queryByTestId('send-button')).toBeNull();
    await userEvent.type(input, 'next{Enter}{Escape}');
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(onSend).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('stop-button'));
    expect(onStop).toHaveBeenCalledTimes(2);
  });

  it('uploads a pasted image, shows its thumbnail and warns when the model lacks vision', async () => {
    const { input, composer } = setup({ lacksVision: true });
    input.focus();
    await userEvent.paste({ files: [new File(['x'], 'cat.png', { type: 'image/png' })] } as unknown as DataTransfer);
    expect(await screen.findByAltText('cat.png')).toBeInTheDocument();
    await vi.waitFor(() => expect(composer.attachments[0]?.status).toBe('ready'));
    expect(screen.getByText(/no vision capability/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove cat.png' }));
    expect(screen.queryByAltText('cat.png')).toBeNull();
  });

  it('refuses files that are not images', () => {
    const { composer } = setup();
    composer.addFiles([new File(['x'], 'notes.pdf', { type: 'application/pdf' })]);
    expect(composer.attachments).toHaveLength(0);
    expect(composer.notice).toMatch(/not a PNG, JPEG, WebP or GIF/);
  });

  it('asks for a picture in image mode and shows the image it starts from, which can be removed', async () => {
    const composer = new ComposerState();
    composer.useAsInput({ id: 'image-0001', thumbnailUrl: '/api/images/image-0001/thumbnail', prompt: 'a lighthouse at dusk' });
    render(Composer, { composer, isBusy: false, onSend: vi.fn(), onStop: vi.fn(), isImageMode: true });
    expect(screen.getByTestId('composer-input')).toHaveAttribute('placeholder', 'Describe the picture…');
    expect(screen.getByTestId('input-image').querySelector('img')).toHaveAttribute('src', '/api/images/image-0001/thumbnail');
    await userEvent.click(screen.getByRole('button', { name: 'Do not start from this image' }));
    expect(screen.queryByTestId('input-image')).toBeNull();
    expect(composer.inputImage).toBeNull();
  });
});
