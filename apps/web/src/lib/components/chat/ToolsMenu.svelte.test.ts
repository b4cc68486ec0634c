import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ToolsMenu from './ToolsMenu.svelte';

const tools = [
  { name: 'web_search', label: 'Web search', description: 'Search the web.', available: true, reason: null },
  { name: 'fetch_page', label: 'Read page', description: 'Read a web page.', available: true, reason: null },
  { name: 'search_notes', label: 'Notes', description: 'Search the vault.', available: false, reason: 'VAULT_PATH is not set.' },
];

async function open(disabled: string[] = []) {
  const onToggle = vi.fn();
  render(ToolsMenu, { tools, disabled, onToggle });
  await userEvent.click(screen.getByTestId('tools-menu').querySelector('summary') as HTMLElement);
  return onToggle;
}

describe('ToolsMenu', () => {
  it('lists a checkbox per tool, switched off ones unchecked', async () => {
    await open(['fetch_page']);
    expect(screen.getByRole('checkbox', { name: /Web search/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Read page/ })).not.toBeChecked();
  });

  it('disables an unavailable tool and says why', async () => {
    await open();
    const notes = screen.getByRole('checkbox', { name: /Notes/ });
    expect(notes).toBeDisabled();
    expect(notes).not.toBeChecked();
    expect(screen.getByTestId('tools-menu')).toHaveTextContent('VAULT_PATH is not set.');
  });

  it('reports a change through the callback', async () => {
    const onToggle = await open(['fetch_page']);
    await userEvent.click(screen.getByRole('checkbox', { name: /Web search/ }));
    expect(onToggle).toHaveBeenCalledWith('web_search', false);
    await userEvent.click(screen.getByRole('checkbox', { name: /Read page/ }));
    expect(onToggle).toHaveBeenCalledWith('fetch_page', true);
  });

  it('closes on Escape', async () => {
    await open();
    await userEvent.keyboard('{Escape}');
    expect(screen.getByTestId('tools-menu')).not.toHaveAttribute('open');
  });
});
