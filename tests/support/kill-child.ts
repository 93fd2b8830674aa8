/**
 * The kill loop's child (tests/db/kill-loop.test.ts), bundled by the test into
 * one file that plain `node` starts fast: it starts the real application core
 * on a data folder (the same opening checks as the application) and saves
 * numbered edits through the real dispatcher, printing "ack <n> <k>" only
 * after each save was answered (committed). Each save writes the entry's two
 * fields and their history in one transaction, so a partial transaction shows
 * as fields with different numbers.
 */
import fs from 'node:fs';
import { startAppCore } from '../../main/app-core';

const [dataDir, keysJson, run = '0'] = process.argv.slice(2);
if (!dataDir || !keysJson) throw new Error('usage: kill-child <dataDir> <keys json> <run>');
const keys = JSON.parse(keysJson) as { actionPlanId: number; bodyCode: string; periodId: number }[];
const origin = 'app://nap-monitor';
let core: ReturnType<typeof startAppCore>;
try {
  core = startAppCore({ dataDir, appVersion: 'kill-loop', trustedOrigins: [origin] });
} catch (err) {
  fs.writeSync(2, `refused: ${(err as Error).message}\n`);
  process.exit(4);
}
const own = { url: `${origin}/index.html` };
const revisions = keys.map((key) => {
  const loaded = core.dispatcher('progress:entry', { key }, own);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return (loaded.value as { entry: { revision: number } }).entry.revision;
});
fs.writeSync(1, 'ready\n');
for (let n = 0; ; n++) {
  const k = n % keys.length;
  const result = core.dispatcher(
    'progress:save',
    { key: keys[k], baseRevision: revisions[k], patch: { achievements: `편집 ${run}/${n}: 여성·평화·안보`, nextSteps: `단계 ${run}/${n}` } },
    own,
  );
  if (!result.ok) {
    fs.writeSync(2, `save failed: ${result.error.message}\n`);
    process.exit(3);
  }
  revisions[k] = (result.value as { revision: number }).revision;
  fs.writeSync(1, `ack ${n} ${k}\n`);
}
