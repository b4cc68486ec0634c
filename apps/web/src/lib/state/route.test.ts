import { describe, expect, it } from 'vitest';
import { parseRoute } from './route.ts';

describe('parseRoute', () => {
  it('maps the screens', () => {
    expect(parseRoute('/')).toEqual({ name: 'new' });
    expect(parseRoute('/status')).toEqual({ name: 'status' });
    expect(parseRoute('/c/3f0c8a2e-1b2c-4d5e-8f90-123456789abc')).toEqual({ name: 'conversation', id: '3f0c8a2e-1b2c-4d5e-8f90-123456789abc' });
    expect(parseRoute('/notes')).toEqual({ name: 'notes' });
    expect(parseRoute('/notes/')).toEqual({ name: 'notes' });
    expect(parseRoute('/notes/a1b2c3d4e5')).toEqual({ name: 'note', id: 'a1b2c3d4e5' });
    expect(parseRoute('/images')).toEqual({ name: 'images' });
    expect(parseRoute('/images/')).toEqual({ name: 'images' });
  });

  it('treats a malformed conversation id as not found', () => {
    expect(parseRoute('/c/<script>').name).toBe('not-found');
    expect(parseRoute('/c/short').name).toBe('not-found');
    expect(parseRoute('/elsewhere').name).toBe('not-found');
  });

  it('treats a note id that is not the index\'s shape as not found', () => {
    expect(parseRoute('/notes/..%2F..%2Fetc%2Fpasswd').name).toBe('not-found');
    expect(parseRoute('/notes/a/b').name).toBe('not-found');
    expect(parseRoute('/notes/%3Cscript%3E').name).toBe('not-found');
  });
});
