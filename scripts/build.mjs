// Builds the three parts of the application into dist/:
//   dist/main/main.cjs       Electron main (Node, CommonJS; better-sqlite3 stays external)
//   dist/preload/preload.cjs sandboxed preload (one file: a sandboxed preload cannot require our modules)
//   dist/renderer/           React renderer (Vite)
//   dist/e2e/bridge.js       the same preload API over a test bridge, for the end-to-end tests
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { absWorkingDir: root, bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'dist/main/main.cjs',
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'better-sqlite3'],
  }),
  // The exchange workbook reader's worker (main/exchange/read-in-worker.ts starts it beside main.cjs).
  build({
    ...common,
    entryPoints: ['main/exchange/worker.ts'],
    outfile: 'dist/main/exchange-worker.cjs',
    platform: 'node',
    target: 'node22',
    format: 'cjs',
  }),
  build({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/preload.cjs',
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['tests/e2e/support/bridge-entry.ts'],
    outfile: 'dist/e2e/bridge.js',
    platform: 'browser',
    target: 'chrome130',
    format: 'iife',
  }),
]);
await viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
console.log('built dist/main, dist/preload, dist/renderer, dist/e2e');
