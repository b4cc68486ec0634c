import type { ContextReport } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { citationOutcome, contextOutcome } from './turn-report.ts';

const fitted: ContextReport = { window: 4096, windowSource: 'setting', droppedMessages: 0, truncatedResults: 0, promptTokens: null, overflowed: false };

describe('contextOutcome', () => {
  it('says nothing when nothing was cut and the prompt fitted', () => {
    expect(contextOutcome({ fitted, resultsCut: 0, lastPromptTokens: 1200 })).toBeNull();
  });

  it('counts results cut during the loop and flags a prompt that filled the window', () => {
    expect(contextOutcome({ fitted, resultsCut: 2, lastPromptTokens: 4000 })).toMatchObject({ truncatedResults: 2, promptTokens: 4000, overflowed: true });
  });
});

describe('citationOutcome', () => {
  it('checks citations only for answers that had sources or cited something', () => {
    expect(citationOutcome('No citations here.', [])).toBeNull();
    expect(citationOutcome('Made up [3].', [])).toEqual({ cited: [], dangling: [3] });
  });
});
