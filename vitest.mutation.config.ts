import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The suite StrykerJS runs against each mutant (`npm run test:mutation`): the unit tests, and for the
 * folders whose tests talk to a database, the integration tests on embedded PGlite only (one mutant
 * at a time would otherwise create a PostgreSQL database per run). MUTATION_SUITE picks which.
 */
const suite = process.env.MUTATION_SUITE ?? 'unit';
/** Which test files may kill a mutant (comma-separated globs; scripts/test-mutation.mjs sets them per folder). */
const unitTests = process.env.MUTATION_UNIT_TESTS?.split(',') ?? ['lib/**/*.test.ts'];
const integrationTests = process.env.MUTATION_INTEGRATION_TESTS?.split(',') ?? ['tests/integration/**/*.test.ts'];

/** lib/sequencer/sequencer.test.ts reads it with inject(); the normal suite provides nothing and sweeps 200 seeds. */
const SEQUENCER_SWEEP_SEEDS = 10;

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    projects: [
      {
        extends: true,
        // Instrumented code on a loaded machine is slow: a generous timeout, so only a mutant fails a test.
        test: {
          name: 'unit',
          include: unitTests,
          environment: 'node',
          testTimeout: 120_000,
          // The sequencer's two 200-seed sweeps (heuristic vs. exact solver) replayed for each of its ~1,900
          // mutants would take hours; 10 seeds (50 + 30 pools) per mutant here, all 200 in the normal suite.
          provide: { sequencerSweepSeeds: SEQUENCER_SWEEP_SEEDS },
        },
      },
      ...(suite === 'unit'
        ? []
        : [
            {
              extends: true as const,
              test: {
                name: 'integration',
                include: integrationTests,
                exclude: ['tests/integration/postgres-*.test.ts'],
                environment: 'node' as const,
                // A copy of a migrated database per test file (scripts/test-mutation.mjs builds it).
                setupFiles: ['tests/integration/setup-db.ts', 'tests/integration/setup-mutation-db.ts'],
                env: { TEST_DB: 'pglite' },
                // The same generous bound: importing 10,000 liked songs (app-spotify.test.ts) took over 30 s
                // instrumented, at a load average of 13 on 2 cores, and failed the dry run.
                testTimeout: 120_000,
                hookTimeout: 180_000,
              },
            },
          ]),
      // The same integration tests on PostgreSQL too, for code that only runs there (the pg-boss job queue):
      // MUTATION_POSTGRES=1 (scripts/test-mutation.mjs sets it for the files it lists in ON_POSTGRES_TOO).
      ...(suite !== 'unit' && process.env.MUTATION_POSTGRES === '1'
        ? [
            {
              extends: true as const,
              test: {
                name: 'integration-pg',
                include: integrationTests,
                exclude: ['tests/integration/spotify-*.test.ts'],
                environment: 'node' as const,
                // setup-db.ts creates a database of the file's own on the PostgreSQL server and drops it afterwards.
                setupFiles: ['tests/integration/setup-db.ts'],
                env: { TEST_DB: 'postgres' },
                testTimeout: 120_000,
                hookTimeout: 180_000,
              },
            },
          ]
        : []),
    ],
  },
});
