/** The sentence under an answer whose prompt had to be fitted to the model's context window. */
import type { ContextReport } from '@tauceti/contracts';

const count = new Intl.NumberFormat('en-US');

/** What was left out or cut, in words; null when the whole history and every result fit. */
export function describeContext(report: ContextReport | null): string | null {
  if (!report) return null;
  const sentences: string[] = [];
  const { droppedMessages: dropped, truncatedResults: truncated } = report;
  if (dropped > 0) {
    const what = dropped === 1 ? 'The earliest message was not sent' : `The ${count.format(dropped)} earliest messages were not sent`;
    sentences.push(`${what}: the model's context window is ${count.format(report.window)} tokens.`);
  }
  if (truncated > 0) sentences.push(truncated === 1 ? '1 tool result was cut to fit.' : `${count.format(truncated)} tool results were cut to fit.`);
  if (report.overflowed) sentences.push('The prompt filled the whole context window; Ollama may have cut its start.');
  return sentences.length > 0 ? sentences.join(' ') : null;
}
