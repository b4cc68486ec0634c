import { describe, expect, it } from 'vitest';
import { describeContext } from './context-note.ts';

const report = { window: 4096, windowSource: 'ollama-ps' as const, droppedMessages: 0, truncatedResults: 0, promptTokens: null, overflowed: false };

describe('describeContext', () => {
  it('names how many earliest messages were left out, and the window', () => {
    expect(describeContext({ ...report, droppedMessages: 6 })).toBe("The 6 earliest messages were not sent: the model's context window is 4,096 tokens.");
    expect(describeContext({ ...report, droppedMessages: 1 })).toBe("The earliest message was not sent: the model's context window is 4,096 tokens.");
  });

  it('says how many tool results were cut, and when the prompt overflowed', () => {
    expect(describeContext({ ...report, truncatedResults: 1 })).toBe('1 tool result was cut to fit.');
    expect(describeContext({ ...report, truncatedResults: 2, overflowed: true })).toBe(
      '2 tool results were cut to fit. The prompt filled the whole context window; Ollama may have cut its start.',
    );
  });

  it('says nothing when everything fit', () => {
    expect(describeContext(report)).toBeNull();
    expect(describeContext(null)).toBeNull();
  });
});
