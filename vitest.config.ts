import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Five layers, run separately (see README "Which test layer to write"). The long reliability
// suites (load, crash, backup) have their own config: vitest.reliability.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The web client's components and pure modules, in jsdom (no server, no browser).
        plugins: [react()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // Set-ups sign people in (scrypt, on purpose slow) and seed databases: on two busy
          // cores that takes more than the default 10 s.
          hookTimeout: 120_000,
        },
      },
      {
        // Attacks and bad input against the real server and databases (issue 7).
        test: {
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Builds the web client once (when its sources changed) before any journey runs.
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
