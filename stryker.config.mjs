// Mutation testing of main's rules: `npm run mutate` (never part of `npm test`: it is slow).
// See docs/mutation-testing.md for the scores reached and the survivors that change nothing.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // No TypeScript checker: it is slow on two cores, and a mutant that does not type-check still runs (vitest strips types).
  // The rules of main first (issue 6); `npx stryker run --mutate <file>` runs one file.
  // One file against the tests about it (vitest.stryker.config.ts reads STRYKER_TESTS, comma-separated globs),
  // with an incremental file of its own so that no coverage of another test set is reused:
  //   STRYKER_TESTS="tests/db/history.mutants.test.ts" npx stryker run --mutate db/history.ts --incrementalFile reports/stryker-history.json
  // db/consolidate.ts only re-exports contract/rules.ts (mutated here), so it has no mutants of its own.
  mutate: [
    'db/workflow.ts',
    'db/entries.ts',
    'db/reports.ts',
    'db/review.ts',
    'db/indicators.ts',
    'db/installation.ts',
    'db/history.ts',
    'db/written-text.ts',
    'main/dispatch.ts',
    'main/handlers.ts',
    'contract/matrix-codec.ts',
    'contract/rules.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  cleanTempDir: 'always',
};
