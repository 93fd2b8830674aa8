/**
 * Migrating an older database: a verified backup of it first, every pending
 * step in one transaction, and a failure at any step leaves the version and
 * the data exactly as they were.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/connection';
import { LATEST_VERSION, migrations } from '../../db/migrations';
import { loadPlanDocument } from '../../db/seed';
import { startAppCore } from '../../main/app-core';
import { backupDir, listBackups, verifyBackupFile } from '../../main/backup/backups';
import { databaseFile } from '../../main/paths';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { dump as dumpTables, dumpFile } from '../backup/support';
import { tempDir } from '../support/tmp';

/** A data folder whose database stopped at schema 20 (the release before the guards), with the plan and an entry. */
function olderFolder(): { dataDir: string; file: string } {
  const dataDir = tempDir();
  const file = databaseFile(dataDir);
  const db = openDatabase(file, { migrateTo: 20 });
  loadPlanDocument(db, nap3 as PlanDocumentInput);
  db.prepare(
    `INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, achievements)
     SELECT apb.action_plan_id, apb.body_id, (SELECT min(id) FROM reporting_period), 'limited', '교육 3회' FROM action_plan_body apb LIMIT 1`,
  ).run();
  db.close();
  return { dataDir, file };
}

describe('migrating an older database', () => {
  it('takes a verified backup of it as it was, then migrates', () => {
    const { dataDir, file } = olderFolder();
    const before = (() => {
      const db = openDatabase(file, { migrateTo: 20 });
      try {
        return dumpTables(db);
      } finally {
        db.close();
      }
    })();
    const app = startAppCore({ dataDir, appVersion: 'test', trustedOrigins: ['app://nap-monitor'] });
    expect(schemaVersion(app.db)).toBe(LATEST_VERSION);
    app.close();
    const backups = listBackups(backupDir(dataDir)).filter((b) => b.reason === 'before-migration');
    expect(backups).toHaveLength(1);
    const backup = backups[0]!;
    verifyBackupFile(backup.path);
    // The backup is the database as it was before the migration.
    expect(dumpFile(backup.path)).toEqual(before);
    // A second start has nothing to migrate: no second backup.
    startAppCore({ dataDir, appVersion: 'test', trustedOrigins: ['app://nap-monitor'] }).close();
    expect(listBackups(backupDir(dataDir)).filter((b) => b.reason === 'before-migration')).toHaveLength(1);
  });

  it('a failure at any pending step leaves the version and every row as they were', () => {
    const pending = migrations.filter((m) => m.version > 20);
    expect(pending.length).toBeGreaterThan(1);
    for (let at = 0; at < pending.length; at++) {
      const { file } = olderFolder();
      const db = openDatabase(file, { migrateTo: 20 });
      const before = dumpTables(db);
      db.close();
      const bytes = fs.readFileSync(file);
      // Step `at` fails half way: its first statement runs, its second does not.
      const broken = migrations.map((m) => (m.version === pending[at]!.version ? { ...m, sql: `${m.sql}\nCREATE TABLE half (x); SELECT * FROM no_such_table;` } : m));
      expect(() => openDatabase(file, { registry: broken })).toThrow(/unchanged at schema 20/);
      const after = openDatabase(file, { migrateTo: 20 });
      expect(schemaVersion(after), `failing at ${pending[at]!.version}`).toBe(20);
      expect(after.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
      expect(dumpTables(after)).toEqual(before);
      after.close();
      expect(bytes.length).toBeGreaterThan(0);
    }
  });
});
