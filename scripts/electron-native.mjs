// For `npm start` (development): builds better-sqlite3 for Electron's ABI into
// .electron-native/, beside Node's build in node_modules that the tests use.
// Electron's main loads it through better-sqlite3's nativeBinding option when
// the app is not packaged; a packaged app gets electron-builder's own rebuild.
// Needs a connected machine the first time (Electron's headers); skipped when
// the build for this Electron version is already there.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rebuild } from '@electron/rebuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, '.electron-native');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const sqlite = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'));
const marker = path.join(out, 'built-for');
const wanted = `electron ${electronVersion}, better-sqlite3 ${sqlite.version}`;

if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
  console.log(`better-sqlite3 for Electron is up to date (${wanted})`);
} else {
  fs.rmSync(out, { recursive: true, force: true });
  const target = path.join(out, 'node_modules', 'better-sqlite3');
  fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), target, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqlite.version } }));
  console.log(`building better-sqlite3 ${sqlite.version} for Electron ${electronVersion} …`);
  await rebuild({ buildPath: out, electronVersion, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true });
  fs.writeFileSync(marker, wanted);
  console.log(`built ${path.relative(root, path.join(target, 'build/Release/better_sqlite3.node'))}`);
}
