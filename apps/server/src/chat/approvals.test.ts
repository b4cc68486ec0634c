import { describe, expect, it } from 'vitest';
import { createApprovals } from './approvals.ts';

describe('createApprovals', () => {
  it('resolves a held call with the person’s answer, once', async () => {
    const approvals = createApprovals();
    const asked = approvals.ask('conv-1', 'call-1', new AbortController().signal);
    expect(approvals.answer('conv-1', 'call-2', true)).toBe(false);
    expect(approvals.answer('conv-1', 'call-1', true)).toBe(true);
    expect(await asked).toBe(true);
    expect(approvals.answer('conv-1', 'call-1', false)).toBe(false);
  });

  it('counts a call as declined when the turn is stopped or nobody answers in time', async () => {
    const approvals = createApprovals({ timeoutMs: 10 });
    const stop = new AbortController();
    const stopped = approvals.ask('conv-1', 'call-1', stop.signal);
    stop.abort();
    expect(await stopped).toBe(false);
    expect(await approvals.ask('conv-1', 'call-2', new AbortController().signal)).toBe(false);
    expect(approvals.size).toBe(0);
  });
});
