import { defineConfig } from 'vitest/config';

// The long suites of issue 7 — load on loopback, kill -9 during issuance, backup and restore —
// run by `npm run test:reliability` (which .ci/run calls after `npm test`), one file at a time
// so that the load test has the machine to itself.
export default defineConfig({
  test: {
    name: 'reliability',
    include: ['tests/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
