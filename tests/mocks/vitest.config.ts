import { defineConfig } from 'vitest/config';

// Without this file vitest would pick up tests/vitest.config.ts (the cross-process suites).
export default defineConfig({
  test: {
    include: ['ollama/**/*.test.ts', 'searxng/**/*.test.ts', 'web/**/*.test.ts', 'comfyui/**/*.test.ts'],
  },
});
