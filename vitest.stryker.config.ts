/**
 * The unit tests, without projects, for mutation testing (stryker.config.mjs).
 * Left out, because they are too slow to run once per mutant on two cores:
 * the end-to-end tests (a Chromium per test), the crash and kill-loop
 * tests (child processes killed mid-write; what a child runs is not seen
 * by Stryker's coverage anyway), the damaged-file, backup and command-line
 * tests (hundreds of file copies), the generated permission matrix (~1,500
 * requests on ~500 database copies: 40 s) and the fuzz of every channel.
 * The matrix's power is shown by hand instead: docs/mutation-testing.md
 * lists the checks removed one at a time and the matrix turning red.
 *
 * STRYKER_TESTS narrows the tests to comma-separated globs, so that one file
 * is mutated against the tests about it (the dry run and every mutant are
 * then seconds, not minutes), e.g.
 *   STRYKER_TESTS="tests/contract/rules.test.ts,tests/db/consolidate.test.ts" \
 *     npx stryker run --mutate contract/rules.ts --incrementalFile reports/stryker-rules.json
 * Unset or empty: all the unit tests above (what `npm run mutate` runs).
 * The exclusions still apply to a glob that would match them.
 */
import { defineConfig } from 'vitest/config';

const narrowed = (process.env.STRYKER_TESTS ?? '')
  .split(',')
  .map((glob) => glob.trim())
  .filter((glob) => glob !== '');

export default defineConfig({
  test: {
    include: narrowed.length > 0 ? narrowed : ['tests/**/*.test.ts'],
    exclude: [
      'tests/e2e/**',
      'tests/db/crash.test.ts',
      'tests/db/kill-loop.test.ts',
      'tests/db/damaged-files.test.ts',
      'tests/backup/**',
      'tests/cli/**',
      'tests/main/permission-matrix.test.ts',
      'tests/main/fuzz.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
  },
});
