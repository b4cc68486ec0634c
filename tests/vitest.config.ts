import { defineConfig } from 'vitest/config';

// Cross-process suites: each file boots real server processes, so files run one at a time to keep
// the 2-core CI machine from timing things out.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts', 'browser/**/*.spec.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
