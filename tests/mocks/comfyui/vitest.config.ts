import { defineConfig } from 'vitest/config';

// Runs this folder alone (vitest run --config comfyui/vitest.config.ts) until the package's
// vitest.config.ts includes comfyui/**/*.test.ts.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
  },
});
