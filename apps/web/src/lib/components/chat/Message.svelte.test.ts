import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { markdownLoader } from '../../utils/markdown/markdown-loader.svelte.ts';
import type { ViewPart } from '../../utils/message-content.ts';
import type { ViewMessage } from '../../utils/view-messages.ts';
import Message from './Message.svelte';

function message(overrides: Partial<ViewMessage> = {}): ViewMessage {
  const text = overrides.text ?? 'Hello **there**';
  const reasoning = overrides.reasoning ?? '';
  // The parts a plain answer has: its reasoning, then its text.
  const content: ViewPart[] = [
    ...(reasoning ? [{ kind: 'reasoning' as const, key: 'reasoning-0', text: reasoning }] : []),
    ...(text ? [{ kind: 'text' as const, key: `text-${reasoning ? 1 : 0}`, text }] : []),
  ];
  return {
    id: 'answer-0002', role: 'assistant', text, reasoning, attachments: [], status: 'done',
    error: null, model: 'm:1', version: { index: 1, count: 3, siblingIds: ['a', 'answer-0002', 'c'] },
    loadingModel: null, gpuNotice: null, isPlaceholder: false, content, sources: [], citations: null, context: null, notices: [], imageJobs: [],
    ...overrides,
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

  it('says the answer waits for the GPU while an image job has it', () => {
    setup(message({ status: 'streaming', text: '', gpuNotice: 'Waiting for the GPU: image, step 12 of 30' }));
    expect(screen.getByTestId('waiting-gpu')).toHaveTextContent('Waiting for the GPU: image, step 12 of 30');
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

  it('shows tool steps between the texts they came between, in order', async () => {
    await markdownLoader.load();
    const step = {
      id: 'call-1', tool: 'web_search', input: { query: 'tides' }, state: 'done' as const, startedAt: 1, durationMs: 300,
      summary: '3 results', output: 'results', error: null, sources: [1], approval: null,
    };
    setup(message({
      text: 'Looking. Found it.',
      content: [
        { kind: 'text', key: 'text-0', text: 'Looking.' },
        { kind: 'tool', key: 'tool-call-1', step, state: 'done', answer: null },
        { kind: 'text', key: 'text-2', text: 'Found it.' },
      ],
    }));
    const order = [...screen.getByTestId('message').querySelectorAll('[data-testid="message-text"], [data-testid="tool-step"]')];
    expect(order.map((element) => element.getAttribute('data-testid'))).toEqual(['message-text', 'tool-step', 'message-text']);
    expect(screen.getByTestId('tool-step')).toHaveTextContent('3 results');
  });

  it('links citations to the message sources, lists the sources and flags the dangling ones', async () => {
    await markdownLoader.load();
    const sources = [
      { n: 1, kind: 'web' as const, status: 'read' as const, url: 'https://tides.example/', title: 'Tide tables', domain: 'tides.example', snippet: null, toolCallId: 'c' },
      { n: 2, kind: 'web' as const, status: 'snippet' as const, url: 'javascript:alert(1)', title: '<b>x</b>', domain: 'evil.example', snippet: 'x', toolCallId: 'c' },
    ];
    setup(message({ text: 'High tide at 6 [1], low at noon [2], moon [5].', sources, citations: { cited: [1, 2], dangling: [5] } }));
    const chips = screen.getAllByTestId('citation');
    expect(chips.map((chip) => chip.getAttribute('data-status'))).toEqual(['read', 'snippet', 'dangling']);
    expect(screen.getByRole('link', { name: 'Source 1: Tide tables, tides.example' })).toHaveAttribute('href', 'https://tides.example/');
    const items = screen.getAllByTestId('source-item');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Tide tables');
    expect(items[0]?.querySelector('a')).toHaveAttribute('target', '_blank');
    expect(items[1]).toHaveTextContent('<b>x</b>');
    expect(items[1]).toHaveTextContent('snippet');
    // Not a web address: named, never linked.
    expect(items[1]?.querySelector('a')).toBeNull();
    expect(screen.getByTestId('sources-list').querySelector('b')).toBeNull();
    expect(screen.getByTestId('dangling-citations')).toHaveTextContent('1 citation points at no source: [5]');
  });

  it('says once what was cut to fit the context window, and the turn notices', () => {
    setup(message({
      context: { window: 4096, windowSource: 'ollama-ps', droppedMessages: 6, truncatedResults: 2, promptTokens: 4090, overflowed: true },
      notices: [{ code: 'tools-unsupported', message: 'tiny:1b cannot call tools, so its tools are off.' }],
    }));
    expect(screen.getByTestId('context-note')).toHaveTextContent(
      "The 6 earliest messages were not sent: the model's context window is 4,096 tokens. 2 tool results were cut to fit. The prompt filled the whole context window; Ollama may have cut its start.",
    );
    expect(screen.getAllByTestId('turn-notice')).toHaveLength(1);
    expect(screen.getByTestId('turn-notice')).toHaveTextContent('tiny:1b cannot call tools');
  });

  it('disables regenerate while another answer streams', () => {
    setup(message(), true);
    expect(screen.getByTestId('regenerate-button')).toBeDisabled();
  });
});
