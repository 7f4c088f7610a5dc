import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // What only a database server does (connections it can drop) is tested on PostgreSQL alone.
          exclude: ['tests/integration/postgres-*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/integration/setup-db.ts'],
          // Builds the migrated embedded folder each test file copies (tests/support/pglite-template.ts).
          globalSetup: ['tests/support/pglite-template-setup.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The same suite on the PostgreSQL server the app grows into.
          name: 'integration-pg',
          include: ['tests/integration/**/*.test.ts'],
          // The embedded engine's own concerns (pglite-*) run once, in the project above.
          exclude: ['tests/integration/spotify-*.test.ts', 'tests/integration/pglite-*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/integration/setup-db.ts'],
          env: { TEST_DB: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Each test fails on any CSP violation a page reported (tests/support/browser.ts).
          setupFiles: ['tests/support/csp-check.ts'],
          globalSetup: ['tests/support/pglite-template-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Each file runs its own servers (free loopback ports, its own data folder or database, its own
          // Redis key prefix), so files can run side by side (E2E_WORKERS=2); one at a time by default, since
          // several journeys time the page against the music and 2 cores also run the integration lane.
          maxWorkers: Number(process.env.E2E_WORKERS ?? 1),
        },
      },
    ],
  },
});
