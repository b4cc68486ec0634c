import { describe, expect, it } from 'vitest';
import { parseRoute } from './route.ts';

describe('parseRoute', () => {
  it('maps the three screens', () => {
    expect(parseRoute('/')).toEqual({ name: 'new' });
    expect(parseRoute('/status')).toEqual({ name: 'status' });
    expect(parseRoute('/c/3f0c8a2e-1b2c-4d5e-8f90-123456789abc')).toEqual({ name: 'conversation', id: '3f0c8a2e-1b2c-4d5e-8f90-123456789abc' });
  });

  it('treats a malformed conversation id as not found', () => {
    expect(parseRoute('/c/<script>').name).toBe('not-found');
    expect(parseRoute('/c/short').name).toBe('not-found');
    expect(parseRoute('/elsewhere').name).toBe('not-found');
  });
});
