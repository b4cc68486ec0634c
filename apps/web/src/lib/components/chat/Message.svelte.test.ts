import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { markdownLoader } from '../../utils/markdown/markdown-loader.svelte.ts';
import type { ViewMessage } from '../../utils/view-messages.ts';
import Message from './Message.svelte';

function message(overrides: Partial<ViewMessage> = {}): ViewMessage {
  return {
    id: 'answer-0002', role: 'assistant', text: 'Hello **there**', reasoning: '', attachments: [], status: 'done',
    error: null, model: 'm:1', version: { index: 1, count: 3, siblingIds: ['a', 'answer-0002', 'c'] },
    loadingModel: null, isPlaceholder: false, ...overrides,
  };
}

function setup(view: ViewMessage, isBusy = false) {
  const props = { message: view, isBusy, onEdit: vi.fn(), onRegenerate: vi.fn(), onRetry: vi.fn(), onSwitchVersion: vi.fn() };
  render(Message, props);
  return props;
}

describe('Message', () => {
  it('shows 2/3 for the second of three versions and switches with the arrows', async () => {
    const props = setup(message());
    expect(screen.getByTestId('version-label')).toHaveTextContent('2/3');
    await userEvent.click(screen.getByTestId('version-next'));
    expect(props.onSwitchVersion).toHaveBeenCalledWith('answer-0002', 1);
    await userEvent.click(screen.getByTestId('version-prev'));
    expect(props.onSwitchVersion).toHaveBeenCalledWith('answer-0002', -1);
  });

  it('hides the version switcher when there is only one version', () => {
    setup(message({ version: { index: 0, count: 1, siblingIds: ['answer-0002'] } }));
    expect(screen.queryByTestId('version-label')).toBeNull();
  });

  it('renders the answer as markdown once the renderer is loaded', async () => {
    await markdownLoader.load();
    setup(message());
    expect(screen.getByTestId('message-text').querySelector('strong')).toHaveTextContent('there');
  });

  it('adds a copy button and the language to code blocks', async () => {
    await markdownLoader.load();
    setup(message({ text: '```ts\nconst a = 1;\n```' }));
    expect(await screen.findByTestId('copy-code')).toBeInTheDocument();
    expect(screen.getByText('ts', { selector: '.code-language' })).toBeInTheDocument();
  });

  it('shows the error with the partial text and a Retry that calls back', async () => {
    const props = setup(message({ status: 'error', text: 'Partial', error: "model 'x' not found" }));
    expect(screen.getByTestId('message')).toHaveAttribute('data-status', 'error');
    expect(screen.getByTestId('message-error')).toHaveTextContent("model 'x' not found");
    expect(screen.getByTestId('message-text')).toHaveTextContent('Partial');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(props.onRetry).toHaveBeenCalledWith('answer-0002');
  });

  it('says which model is loading while the answer has no token yet', () => {
    setup(message({ status: 'streaming', text: '', loadingModel: 'qwen3:32b' }));
    expect(screen.getByTestId('loading-model')).toHaveTextContent('Loading qwen3:32b…');
  });

  it('shows reasoning collapsed above the answer', () => {
    setup(message({ reasoning: 'Let me think.' }));
    const reasoning = screen.getByTestId('reasoning');
    expect(reasoning).not.toHaveAttribute('open');
    expect(reasoning).toHaveTextContent('Thought for a moment');
  });

  it('edits a question in place and sends the new text', async () => {
    const props = setup(message({ role: 'user', text: 'Old question' }));
    await userEvent.click(screen.getByTestId('edit-button'));
    const editor = screen.getByRole('textbox', { name: 'Edit message' });
    await userEvent.clear(editor);
    await userEvent.type(editor, 'New question');
    await userEvent.click(screen.getByRole('button', { name: 'Save & send' }));
    expect(props.onEdit).toHaveBeenCalledWith('answer-0002', 'New question');
  });

  it('disables regenerate while another answer streams', () => {
    setup(message(), true);
    expect(screen.getByTestId('regenerate-button')).toBeDisabled();
  });
});
