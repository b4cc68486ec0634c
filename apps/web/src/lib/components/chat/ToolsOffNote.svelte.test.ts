import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ToolsOffNote from './ToolsOffNote.svelte';

describe('ToolsOffNote', () => {
  it('points a model without tools at Web and Notes mode, where the server can run them', () => {
    render(ToolsOffNote, { model: 'llava:7b', isWebModeAvailable: true, isNotesModeAvailable: true });
    expect(screen.getByTestId('tools-off-note')).toHaveTextContent('Turn on Web to answer from the web, or Notes to answer from your notes.');
  });

  it('mentions only the modes that can run', async () => {
    const { rerender } = render(ToolsOffNote, { model: 'llava:7b', isWebModeAvailable: false, isNotesModeAvailable: true });
    expect(screen.getByTestId('tools-off-note')).toHaveTextContent('llava:7b cannot call tools, so its tools are off. Turn on Notes to answer from your notes.');
    await rerender({ model: 'llava:7b', isWebModeAvailable: false, isNotesModeAvailable: false });
    expect(screen.getByTestId('tools-off-note')).not.toHaveTextContent('Turn on');
  });
});
