import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, retryDelayMs, waitFor } from './retry-delay.ts';

describe('retryDelayMs', () => {
  it('reads Retry-After seconds and caps them at 5 s', () => {
    expect(retryDelayMs('2', 1000)).toBe(2000);
    expect(retryDelayMs(' 0.5 ', 1000)).toBe(500);
    expect(retryDelayMs('3600', 1000)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('falls back when the header is absent, negative or an HTTP date', () => {
    expect(retryDelayMs(null, 1000)).toBe(1000);
    expect(retryDelayMs('-1', 1000)).toBe(1000);
    expect(retryDelayMs('Wed, 21 Oct 2015 07:28:00 GMT', 250)).toBe(250);
  });
});

describe('waitFor', () => {
  it("rejects with the signal's reason when it aborts during the wait", async () => {
    const controller = new AbortController();
    const pending = waitFor(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('resolves after the wait when nothing aborts', async () => {
    await expect(waitFor(0, new AbortController().signal)).resolves.toBeUndefined();
  });
});
