/**
 * Backups under concurrent writes: 50 backups of the filled third plan taken
 * while a loop saves entries between the backup's steps, each verified,
 * restored into a temp folder through the normal open path and compared, table
 * by table and row by row, with the state at the moment its copy finished.
 * Costs about 10–20 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { saveEntry, getEntry } from '../../db/entries';
import { createBackupService } from '../../main/backup/service';
import { verifyBackupFile } from '../../main/backup/backups';
import { seededDb, mofa } from '../support/app';
import { tempDir } from '../support/tmp';
import { dump, dumpFile, fillThirdPlan } from './support';

describe('backups under concurrent writes', () => {
  it('50 backups, each verified, restored and equal to the state it was taken from', async () => {
    const s = seededDb();
    const entries = fillThirdPlan(s.db);
    const dataDir = path.dirname(s.file);
    // The writer edits MOFA's entries while the copies run.
    const keys = (s.db.prepare("SELECT action_plan_id FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = 'MOFA'").pluck().all() as number[]).map(
      (actionPlanId) => ({ actionPlanId, bodyCode: 'MOFA', periodId: s.period[2022] }),
    );
    let snapshot: string | null | undefined;
    const service = createBackupService({
      dataDir,
      databaseFile: s.file,
      appVersion: 'test',
      getDb: () => s.db,
      reopen: () => s.db,
      pagesPerStep: 8,
      onCopied: (db) => {
        snapshot = dump(db);
      },
    });

    // Time per backup of the filled plan, nothing else running.
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await createBackupService({ dataDir, databaseFile: s.file, appVersion: 'test', getDb: () => s.db, reopen: () => s.db }).backupNow('manual');
    const quiet = (performance.now() - t0) / 5;

    let writes = 0;
    let stop = false;
    const writer = new Promise<void>((resolve, reject) => {
      const step = () => {
        if (stop) return resolve();
        try {
          const key = keys[writes % keys.length]!;
          const entry = getEntry(s.db, key, mofa);
          saveEntry(s.db, key, entry.revision, { difficulties: `수정 ${writes}` }, mofa, '김외교');
          writes++;
        } catch (err) {
          return reject(err as Error);
        }
        setImmediate(step);
      };
      setImmediate(step);
    });

    const restoreDir = tempDir();
    let verified = 0;
    let withWritesDuring = 0;
    const t1 = performance.now();
    for (let i = 0; i < 50; i++) {
      const before = writes;
      snapshot = null;
      const info = await service.backupNow('manual');
      if (writes > before) withWritesDuring++;
      expect(snapshot).not.toBeNull();
      // Verified again from the file, and what it holds is the state at the moment of the copy.
      verifyBackupFile(info.path, info.rowCounts);
      expect(dumpFile(info.path)).toBe(snapshot);
      // Restored into another folder through the normal open path.
      const target = path.join(restoreDir, `r${i}`, 'nap-monitor.sqlite');
      fs.mkdirSync(path.dirname(target));
      fs.copyFileSync(info.path, target);
      const restored: Db = openDatabase(target);
      try {
        expect(dump(restored)).toBe(snapshot);
      } finally {
        restored.close();
      }
      verified++;
    }
    const loaded = (performance.now() - t1) / 50;
    stop = true;
    await writer;
    s.db.close();
    console.log(
      `[backup] ${verified} backups verified and restored equal under concurrent writes (${writes} writes, ${withWritesDuring} backups with writes during the copy); ` +
        `filled third plan (${entries} entries, ${(fs.statSync(path.join(dataDir, 'backups', fs.readdirSync(path.join(dataDir, 'backups')).find((n) => n.endsWith('.sqlite'))!)).size / 1024).toFixed(0)} KiB): ` +
        `${quiet.toFixed(1)} ms per backup quiet, ${loaded.toFixed(1)} ms per backup (8-page steps) under writes, verification included`,
    );
    expect(verified).toBe(50);
    expect(withWritesDuring).toBeGreaterThan(40);
  }, 120_000);
});
