import type { ToolStep } from '@tauceti/contracts';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApprovalAnswer, ShownStepState, ViewPart } from '../../utils/message-content.ts';
import ToolPart from './ToolPart.svelte';

const step = (overrides: Partial<ToolStep> = {}): ToolStep => ({
  id: 'call-1', tool: 'fetch_page', input: { url: 'https://example.org/a' }, state: 'done', startedAt: 1, durationMs: 1250,
  summary: 'Read example.org (1,204 words)', output: '<script>window.__xss=1</script> **not bold**', error: null, sources: [1],
  approval: null, ...overrides,
});

function setup(options: { step?: Partial<ToolStep>; state?: ShownStepState; answer?: ApprovalAnswer | null } = {}) {
  const data = step(options.step);
  const part: Extract<ViewPart, { kind: 'tool' }> = {
    kind: 'tool', key: `tool-${data.id}`, step: data, state: options.state ?? data.state, answer: options.answer ?? null,
  };
  const onAnswer = vi.fn();
  render(ToolPart, { part, label: 'Read page', onAnswer });
  return { onAnswer, row: screen.getByTestId('tool-step') };
}

describe('ToolPart', () => {
  it('shows a finished step as one compact row: label, summary and duration', () => {
    const { row } = setup();
    expect(row).toHaveAttribute('data-state', 'done');
    expect(row).toHaveAttribute('data-tool', 'fetch_page');
    const summary = row.querySelector('summary');
    expect(summary).toHaveTextContent('Read page');
    expect(summary).toHaveTextContent('Read example.org (1,204 words)');
    expect(summary).toHaveTextContent('1.3 s');
    expect(screen.getByTestId('tool-step-details')).not.toHaveAttribute('open');
  });

  it('expands to the input and the full output as plain text, never as HTML or Markdown', async () => {
    const { row } = setup();
    await userEvent.click(row.querySelector('summary') as HTMLElement);
    const details = screen.getByTestId('tool-step-details');
    expect(details).toHaveAttribute('open');
    expect(details).toHaveTextContent('"url": "https://example.org/a"');
    expect(details).toHaveTextContent('<script>window.__xss=1</script> **not bold**');
    expect(details.querySelector('script, strong')).toBeNull();
  });

  it.each([
    ['running', 'Running'],
    ['failed', 'Failed'],
    ['declined', 'Not allowed'],
    ['unfinished', 'Did not finish'],
  ] as const)('marks a %s step', (state, words) => {
    const { row } = setup({ state, step: { state: state === 'unfinished' ? 'running' : state, error: state === 'failed' ? 'Timed out' : null } });
    expect(row).toHaveAttribute('data-state', state);
    expect(row).toHaveTextContent(words);
    if (state === 'running') expect(row.querySelector('.spinner')).not.toBeNull();
    if (state === 'failed') expect(row).toHaveTextContent('Timed out');
  });

  it('asks before opening a held page, with its full URL and host, and answers through the callback', async () => {
    const approval = { url: 'https://unknown.test/path?q=1', host: 'unknown.test' };
    const { row, onAnswer } = setup({ step: { state: 'awaiting-approval', approval, output: null, durationMs: null } });
    expect(row).toHaveAttribute('data-state', 'awaiting-approval');
    expect(screen.getByTestId('approval-url')).toHaveTextContent('https://unknown.test/path?q=1');
    expect(row).toHaveTextContent('unknown.test');
    // The URL is text, not a link: following it is what is asked.
    expect(row.querySelector('a')).toBeNull();
    await userEvent.click(screen.getByTestId('approve-button'));
    expect(onAnswer).toHaveBeenCalledWith('call-1', true);
    await userEvent.click(screen.getByTestId('decline-button'));
    expect(onAnswer).toHaveBeenCalledWith('call-1', false);
  });

  it('drops the buttons once answered', () => {
    const approval = { url: 'https://unknown.test/', host: 'unknown.test' };
    setup({ step: { state: 'awaiting-approval', approval }, answer: { approve: false, status: 'sent', error: null } });
    expect(screen.queryByTestId('approve-button')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Not allowed');
  });

  it('shows why an answer failed and lets the person try again', () => {
    const approval = { url: 'https://unknown.test/', host: 'unknown.test' };
    setup({ step: { state: 'awaiting-approval', approval }, answer: { approve: true, status: 'failed', error: 'Nothing waits' } });
    expect(screen.getByTestId('approve-button')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing waits');
  });
});
