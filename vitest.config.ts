import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // two test files at a time, also on a two-core machine (whose default would be one): the
    // browser and command-line suites spend most of their time waiting on Chromium and on the
    // processes they start
    maxWorkers: 2,
  },
});
