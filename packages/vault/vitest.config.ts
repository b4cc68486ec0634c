import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // LanceDB's Rust core prints deprecation WARN lines on stderr otherwise.
    env: { LANCEDB_LOG: 'error' },
    // LanceDB and file watching on two busy cores: generous, since tests wait on states, not sleeps.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
