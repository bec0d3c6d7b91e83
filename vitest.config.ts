import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // a worker process runs file after file with the modules it has already loaded (each file
    // starts its own servers and databases): loading them again for every file took about a
    // third of the unit suites' time
    isolate: false,
    // the command line's bundle brought up to date first (bin/cli-bundle.mjs)
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        // two files at a time, also on a two-core machine (whose default would be one): the
        // command-line and database suites spend much of their time waiting on the processes
        // and the databases they talk to
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // then the browser suites, one at a time: two Chromiums on two cores starve each other
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
