/**
 * A stand-in for the application's main process under a burst of autosaves:
 * it opens the real core on a data folder and saves edits through the real
 * dispatcher as fast as it can, printing "ack <n>" only after each save was
 * answered (i.e. committed). The crash test kills it with SIGKILL mid-burst.
 */
import fs from 'node:fs';
import { startAppCore } from '../../main/app-core';

const [dataDir, keysJson, run = '0'] = process.argv.slice(2);
if (!dataDir || !keysJson) throw new Error('usage: autosave-child <dataDir> <keys json>');
const keys = JSON.parse(keysJson) as { actionPlanId: number; bodyCode: string; periodId: number }[];
const origin = 'app://nap-monitor';
const core = startAppCore({ dataDir, appVersion: 'crash-test', trustedOrigins: [origin] });
const own = { url: `${origin}/index.html` };
// As the entry form does: load each entry first, then save against its revision.
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
    { key: keys[k], baseRevision: revisions[k], patch: { achievements: `추진실적 편집 ${run}/${n}: 여성·평화·안보 교육`, nextSteps: `step ${n}` } },
    own,
  );
  if (!result.ok) {
    fs.writeSync(2, `save failed: ${result.error.message}\n`);
    process.exit(3);
  }
  revisions[k] = (result.value as { revision: number }).revision;
  // Written synchronously: once this line is out, the edit was acknowledged.
  fs.writeSync(1, `ack ${n} ${k} ${revisions[k]}\n`);
}
