import { describe, expect, it } from 'vitest';
import { createResidencyCache } from './residency-cache.ts';

describe('createResidencyCache', () => {
  it('trusts a loaded model with time left, for a short while only', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const cache = createResidencyCache({ now: () => now, trustMs: 30_000 });
    cache.record([{ name: 'llama3.2:latest', expiresAt: '2026-01-01T00:05:00.123456789Z' }]);
    expect(cache.isSurelyLoaded('llama3.2')).toBe(true);
    expect(cache.isSurelyLoaded('qwen3:4b')).toBe(false);
    now += 31_000;
    expect(cache.isSurelyLoaded('llama3.2')).toBe(false);
  });

  it('does not trust a model about to expire, or one forgotten', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const cache = createResidencyCache({ now: () => now });
    cache.record([
      { name: 'a:latest', expiresAt: '2026-01-01T00:00:03Z' },
      { name: 'b:latest', expiresAt: null },
    ]);
    expect(cache.isSurelyLoaded('a')).toBe(false);
    expect(cache.isSurelyLoaded('b')).toBe(true);
    cache.forget('b');
    expect(cache.isSurelyLoaded('b')).toBe(false);
  });
});
