import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's chromium through playwright-core against a real server on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
