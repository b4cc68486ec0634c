import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ModeToggle from './ModeToggle.svelte';

describe('ModeToggle', () => {
  it('is a pressed/unpressed button that toggles through the callback', async () => {
    const onToggle = vi.fn();
    const { rerender } = render(ModeToggle, { mode: 'web', isOn: false, isAvailable: true, reason: null, onToggle });
    const toggle = screen.getByTestId('web-mode-toggle');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(toggle);
    expect(onToggle).toHaveBeenCalledTimes(1);
    await rerender({ mode: 'web', isOn: true, isAvailable: true, reason: null, onToggle });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
  });

  it('is disabled with its reason when the server cannot run Web mode', () => {
    render(ModeToggle, { mode: 'web', isOn: true, isAvailable: false, reason: 'SEARXNG_URL is not set.', onToggle: vi.fn() });
    const toggle = screen.getByTestId('web-mode-toggle');
    expect(toggle).toBeDisabled();
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(toggle).toHaveAccessibleDescription(/SEARXNG_URL is not set/);
    expect(toggle.parentElement).toHaveAttribute('title', expect.stringContaining('SEARXNG_URL is not set'));
  });

  it('names Notes mode, and says why it cannot run', () => {
    render(ModeToggle, { mode: 'notes', isOn: false, isAvailable: false, reason: 'Notes need a vault: set VAULT_PATH.', onToggle: vi.fn() });
    const toggle = screen.getByTestId('notes-mode-toggle');
    expect(toggle).toHaveTextContent('Notes');
    expect(toggle).toBeDisabled();
    expect(toggle).toHaveAccessibleDescription('Notes mode is unavailable: Notes need a vault: set VAULT_PATH.');
  });
});
