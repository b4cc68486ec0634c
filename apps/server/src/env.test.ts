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

  it('reads the web tool settings: lists split on commas, defaults for the loop and the context', () => {
    const env = loadEnv({
      ALLOWED_HOSTS: 'tauceti.tail1234.ts.net, box.lan',
      FETCH_ALLOWLIST: '192.168.1.20,10.1.0.0/16, wiki.lan',
      SEARXNG_URL: 'http://127.0.0.1:8888/',
    });
    expect(env.ALLOWED_HOSTS).toEqual(['tauceti.tail1234.ts.net', 'box.lan']);
    expect(env.FETCH_ALLOWLIST).toEqual(['192.168.1.20', '10.1.0.0/16', 'wiki.lan']);
    expect(env.SEARXNG_URL).toBe('http://127.0.0.1:8888');
    expect(env).toMatchObject({ AGENT_MAX_STEPS: 8, OLLAMA_CONTEXT_LENGTH: 4096 });
    expect(loadEnv({}).FETCH_ALLOWLIST).toEqual([]);
  });

  it('refuses a malformed allowlist entry or step limit, naming the variable', () => {
    expect(() => loadEnv({ FETCH_ALLOWLIST: '10.0.0.0/99' })).toThrow(/FETCH_ALLOWLIST: expected host names.*"10.0.0.0\/99"/);
    expect(() => loadEnv({ ALLOWED_HOSTS: 'http://box' })).toThrow(/ALLOWED_HOSTS/);
    expect(() => loadEnv({ AGENT_MAX_STEPS: '0' })).toThrow(/AGENT_MAX_STEPS/);
    expect(() => loadEnv({ OLLAMA_CONTEXT_LENGTH: 'big' })).toThrow(/OLLAMA_CONTEXT_LENGTH/);
  });

  it('reads the vault settings, naming the vault after its folder by default', () => {
    const env = loadEnv({ VAULT_PATH: '/mnt/nas/Household/', VAULT_POLL: 'true', VAULT_RESCAN_MINUTES: '5' });
    expect(env).toMatchObject({ VAULT_PATH: '/mnt/nas/Household', VAULT_NAME: 'Household', VAULT_POLL: 'true', VAULT_RESCAN_MINUTES: 5, EMBED_MODEL: 'nomic-embed-text' });
    expect(loadEnv({})).toMatchObject({ VAULT_PATH: undefined, VAULT_NAME: undefined, VAULT_POLL: 'auto', VAULT_RESCAN_MINUTES: 15 });
    expect(() => loadEnv({ VAULT_POLL: 'sometimes' })).toThrow(/VAULT_POLL: expected true, false or auto/);
    expect(() => loadEnv({ VAULT_RESCAN_MINUTES: '-1' })).toThrow(/VAULT_RESCAN_MINUTES/);
  });
});
