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
});
