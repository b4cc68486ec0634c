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
