import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.ts';

describe('loadEnv', () => {
  it('uses the documented defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ HOST: '127.0.0.1', PORT: 8080, OLLAMA_URL: 'http://127.0.0.1:11434' });
    expect(env.DATA_DIR).toMatch(/\/data$/);
    expect(env.DEFAULT_MODEL).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadEnv({ PORT: '', DEFAULT_MODEL: '' })).toMatchObject({ PORT: 8080, DEFAULT_MODEL: undefined });
  });

  it('refuses a bad port, naming the variable and the value', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(EnvError);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT: expected a port number from 0 to 65535 \(got "eighty"\)/);
    expect(() => loadEnv({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('refuses an Ollama URL that is not http(s)', () => {
    expect(() => loadEnv({ OLLAMA_URL: 'ftp://nas/ollama' })).toThrow(/OLLAMA_URL: expected an http:\/\/ or https:\/\/ URL/);
    expect(() => loadEnv({ OLLAMA_URL: 'not a url' })).toThrow(/OLLAMA_URL/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadEnv({ PORT: '-1', DEFAULT_MODEL: '../../etc', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DEFAULT_MODEL/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('drops a trailing slash from OLLAMA_URL', () => {
    expect(loadEnv({ OLLAMA_URL: 'http://gpu-box:11434/' }).OLLAMA_URL).toBe('http://gpu-box:11434');
  });
});
