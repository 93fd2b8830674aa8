/**
 * A database refused at start: the newest good backup is offered; taking it
 * keeps the refused files aside, byte for byte, under a name that says so,
 * and the application starts on the backup as a new generation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAppCore } from '../../main/app-core';
import { backupDir, readGeneration } from '../../main/backup/backups';
import { newestGoodBackup, recoverFromBackup } from '../../main/backup/recover';
import { databaseFile } from '../../main/paths';
import { DatabaseOpenError } from '../../db/errors';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const start = (dataDir: string) => startAppCore({ dataDir, appVersion: 'test', trustedOrigins: [ORIGIN] });

function achievements(core: ReturnType<typeof start>): string[] {
  return core.db.prepare('SELECT achievements FROM progress_entry WHERE achievements IS NOT NULL ORDER BY id').pluck().all() as string[];
}

describe('a database refused at start', () => {
  it('is kept aside and replaced by the newest good backup only when asked; a damaged newer backup is passed over', async () => {
    const dataDir = tempDir();
    const core = start(dataDir);
    const url = { url: `${ORIGIN}/index.html` };
    expect(core.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, url).ok).toBe(true);
    const periodId = core.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
    const actionPlanId = core.db
      .prepare("SELECT action_plan_id FROM action_plan_body WHERE body_id = (SELECT id FROM implementing_body WHERE code = 'MOFA') LIMIT 1")
      .pluck()
      .get() as number;
    const key = { actionPlanId, bodyCode: 'MOFA', periodId };
    expect(core.dispatcher('progress:save', { key, baseRevision: 0, patch: { achievements: '백업 전의 실적' } }, url).ok).toBe(true);
    const good = await core.backups.backupNow('manual');
    // A newer backup that is itself damaged.
    const later = await core.backups.backupNow('manual');
    fs.writeFileSync(later.path, Buffer.alloc(4096, 7));
    core.close();

    // The database is damaged: cut to a few bytes.
    const file = databaseFile(dataDir);
    fs.truncateSync(file, 100);
    const damagedBytes = fs.readFileSync(file);
    expect(() => start(dataDir)).toThrow(DatabaseOpenError);
    // Nothing was changed by the refusal, and nothing is changed by looking for a backup.
    const offered = newestGoodBackup(dataDir);
    expect(offered?.name).toBe(good.name);
    expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);

    const recovery = recoverFromBackup(dataDir, offered!, new Date('2026-12-01T12:00:00Z'));
    expect(recovery.keptAside).toEqual([`${file}.damaged-2026-12-01T12-00-00-000Z`]);
    expect(fs.readFileSync(recovery.keptAside[0]!).equals(damagedBytes)).toBe(true);
    const back = start(dataDir);
    expect(achievements(back)).toEqual(['백업 전의 실적']);
    expect(readGeneration(back.db)).toBe(good.generation + 1);
    back.close();
    // The backups are where they were.
    expect(fs.existsSync(path.join(backupDir(dataDir), good.name))).toBe(true);
  });

  it('offers nothing when no backup passes', () => {
    const dataDir = tempDir();
    start(dataDir).close();
    expect(newestGoodBackup(dataDir)).toBeNull();
  });
});
