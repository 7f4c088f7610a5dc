// @ts-check
// scripts/test-mutation.mjs names one report directory per folder.
const reportDir = process.env.STRYKER_REPORT_DIR ?? 'reports/mutation/all';

/**
 * StrykerJS: how well the tests catch small bugs planted in the code. A measurement, not a CI gate.
 * Run it through `npm run test:mutation` (scripts/test-mutation.mjs), one folder at a time.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'lib/domain/**/*.ts',
    'lib/sequencer/**/*.ts',
    'lib/planner/**/*.ts',
    'lib/server/**/*.ts',
    'lib/spotify/**/*.ts',
    'lib/tempo/**/*.ts',
    'db/queries/**/*.ts',
    '!**/*.test.ts',
    '!**/*.d.ts',
  ],
  ignorePatterns: ['.next', '.data', 'reports', 'test-results', '.stryker-tmp', '*.tsbuildinfo'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  // scripts/test-mutation.mjs gives each folder its own report directory.
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  incrementalFile: `${reportDir}/stryker-incremental.json`,
  concurrency: 1,
  timeoutMS: 30_000,
  // The first, instrumented run of a folder's tests is slow on 2 shared cores.
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
export default config;
