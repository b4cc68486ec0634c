import { describe, expect, it } from 'vitest';
import { ComposerState } from './composer.svelte.ts';

const both = { web: true, notes: true };

describe('ComposerState modes', () => {
  it('keeps Web and Notes mode exclusive: turning one on turns the other off', () => {
    const composer = new ComposerState();
    expect(composer.modeFor(both)).toBe('chat');
    composer.toggleWebMode();
    expect([composer.isWebMode, composer.isNotesMode]).toEqual([true, false]);
    composer.toggleNotesMode();
    expect([composer.isWebMode, composer.isNotesMode]).toEqual([false, true]);
    expect(composer.modeFor(both)).toBe('notes');
    composer.toggleWebMode();
    expect([composer.isWebMode, composer.isNotesMode]).toEqual([true, false]);
    expect(composer.modeFor(both)).toBe('web');
    composer.toggleWebMode();
    expect(composer.modeFor(both)).toBe('chat');
  });

  it('sends a plain turn while the server cannot run the mode asked for', () => {
    const composer = new ComposerState();
    composer.toggleNotesMode();
    expect(composer.modeFor({ web: true, notes: false })).toBe('chat');
    expect(composer.modeFor({ web: false, notes: true })).toBe('notes');
  });

  it('keeps the mode when the message is taken', () => {
    const composer = new ComposerState();
    composer.toggleNotesMode();
    composer.text = 'Where is the stopcock?';
    composer.take();
    expect(composer.isNotesMode).toBe(true);
  });
});

describe('ComposerState image mode', () => {
  it('is one mode among the others, and needs ComfyUI', () => {
    const composer = new ComposerState();
    composer.toggleWebMode();
    composer.toggleImageMode();
    expect([composer.isWebMode, composer.isImageMode]).toEqual([false, true]);
    expect(composer.modeFor({ ...both, image: true })).toBe('image');
    expect(composer.modeFor({ ...both, image: false })).toBe('chat');
    composer.toggleImageMode();
    expect(composer.modeFor({ ...both, image: true })).toBe('chat');
  });

  it('sends the prompt with the size and workflow, and needs words', () => {
    const composer = new ComposerState();
    composer.toggleImageMode();
    expect(composer.canSend).toBe(false);
    composer.text = 'a lighthouse at dusk';
    composer.imageSize = { width: 1216, height: 832 };
    composer.imageWorkflow = 'sdxl';
    expect(composer.take()).toEqual({ text: 'a lighthouse at dusk', attachments: [], image: { width: 1216, height: 832, workflow: 'sdxl' } });
    // The settings stay for the next picture.
    expect(composer.imageSettings).toEqual({ width: 1216, height: 832, workflow: 'sdxl' });
  });

  it('starts from an image chosen with "use as input" for the next message only', () => {
    const composer = new ComposerState();
    composer.useAsInput({ id: 'image-0001', thumbnailUrl: '/api/images/image-0001/thumbnail', prompt: 'a lighthouse' });
    expect(composer.isImageMode).toBe(true);
    composer.text = 'the same lighthouse in winter';
    expect(composer.take().image).toEqual({ inputImageId: 'image-0001' });
    expect(composer.inputImage).toBeNull();
  });

  it('holds the prompt to the image limit', () => {
    const composer = new ComposerState();
    composer.text = 'x'.repeat(3000);
    expect(composer.isTooLong).toBe(false);
    composer.toggleImageMode();
    expect(composer.isTooLong).toBe(true);
  });
});
