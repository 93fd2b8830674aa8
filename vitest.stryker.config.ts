/**
 * The unit tests, without projects, for mutation testing (stryker.config.mjs).
 * The end-to-end tests (a Chromium per test) and the crash test (child
 * processes killed mid-write) are left out: they are too slow to run per
 * mutant, and what they check is covered again by the unit tests.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/db/crash.test.ts'],
    environment: 'node',
    pool: 'forks',
    // tests/main/permission-matrix.test.ts: a sample of the bodies (each runs the same rule), for speed.
    env: { NAP_PERMISSION_MATRIX: 'sample' },
  },
});
