import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ComposerState } from '../../state/composer.svelte.ts';
import ModeToggles from './ModeToggles.svelte';

const available = { available: true, reason: null };

describe('ModeToggles', () => {
  it('turns Web mode off when Notes mode is turned on, and the other way round', async () => {
    const composer = new ComposerState();
    render(ModeToggles, { composer, webMode: available, notesMode: available });
    const web = screen.getByTestId('web-mode-toggle');
    const notes = screen.getByTestId('notes-mode-toggle');
    await userEvent.click(web);
    expect([web.getAttribute('aria-pressed'), notes.getAttribute('aria-pressed')]).toEqual(['true', 'false']);
    await userEvent.click(notes);
    expect([web.getAttribute('aria-pressed'), notes.getAttribute('aria-pressed')]).toEqual(['false', 'true']);
    expect(composer.modeFor({ web: true, notes: true })).toBe('notes');
    await userEvent.click(web);
    expect([web.getAttribute('aria-pressed'), notes.getAttribute('aria-pressed')]).toEqual(['true', 'false']);
    await userEvent.click(web);
    expect(composer.modeFor({ web: true, notes: true })).toBe('chat');
  });

  it('disables Notes mode with its reason while the server has no vault', () => {
    render(ModeToggles, { composer: new ComposerState(), webMode: available, notesMode: { available: false, reason: 'Set VAULT_PATH.' } });
    expect(screen.getByTestId('notes-mode-toggle')).toBeDisabled();
    expect(screen.getByTestId('web-mode-toggle')).toBeEnabled();
  });

  it('offers the image button with its reason while ComfyUI is not set up, and keeps it exclusive too', async () => {
    const composer = new ComposerState();
    const { unmount } = render(ModeToggles, { composer, webMode: available, notesMode: available, imageMode: { available: false, reason: 'Set COMFYUI_URL.' } });
    expect(screen.getByTestId('image-mode-toggle')).toBeDisabled();
    expect(screen.getByText(/Image mode is unavailable: Set COMFYUI_URL/)).toBeInTheDocument();
    unmount();
    render(ModeToggles, { composer, webMode: available, notesMode: available, imageMode: available });
    await userEvent.click(screen.getByTestId('web-mode-toggle'));
    await userEvent.click(screen.getByTestId('image-mode-toggle'));
    expect(screen.getByTestId('image-mode-toggle')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('web-mode-toggle')).toHaveAttribute('aria-pressed', 'false');
    expect(composer.modeFor({ web: true, notes: true, image: true })).toBe('image');
  });
});
