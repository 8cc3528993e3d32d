import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Every temporary file of the run under one folder, removed at the end (tests/helpers/scratch-root.ts).
    globalSetup: ['./tests/helpers/scratch-root.ts'],
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
