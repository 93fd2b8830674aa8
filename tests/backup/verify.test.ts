/** The check after writing: a copy that does not hold what the source held is never renamed into the backups folder. Costs < 1 s. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentsOf, copyLive, finishBackup, listBackups, makeBackupSync, tempPath } from '../../main/backup/backups';
import { DomainError } from '../../contract/result';
import { seededDb } from '../support/app';
import { dump, dumpFile, fillThirdPlan } from './support';

describe('verification after writing', () => {
  it('refuses a copy whose row counts differ from the source at the moment of the copy, and leaves nothing behind', async () => {
    const s = seededDb();
    const dir = path.join(path.dirname(s.file), 'backups');
    fs.mkdirSync(dir);
    const temp = tempPath(dir);
    const source = await copyLive(s.db, temp, {});
    // As if a row had been written after the copy and counted: the copy no longer matches.
    const counted = { ...source, rowCounts: { ...source.rowCounts, action_plan: source.rowCounts.action_plan! + 1 } };
    let error: unknown;
    try {
      finishBackup(temp, counted, dir, 'manual', { appVersion: 't', now: () => new Date() });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details?.[0]?.hint).toBe('mismatch');
    expect(listBackups(dir)).toEqual([]);
    // The same copy with the true counts is accepted.
    const info = finishBackup(temp, contentsOf(s.db), dir, 'manual', { appVersion: 't', now: () => new Date() });
    expect(listBackups(dir).map((b) => b.name)).toEqual([info.name]);
    expect(fs.existsSync(temp)).toBe(false);
    s.db.close();
  });
});

describe('the synchronous backup (before a migration)', () => {
  it('VACUUM INTO, verified the same way, equal to the source', () => {
    const s = seededDb();
    fillThirdPlan(s.db);
    const dir = path.join(path.dirname(s.file), 'backups');
    const t0 = performance.now();
    const info = makeBackupSync(s.db, dir, 'before-migration', { appVersion: 't', now: () => new Date() });
    const ms = performance.now() - t0;
    expect(info.reason).toBe('before-migration');
    expect(dumpFile(info.path)).toBe(dump(s.db));
    expect(listBackups(dir).map((b) => b.name)).toEqual([info.name]);
    console.log(`[backup] synchronous backup (VACUUM INTO) of the filled third plan: ${ms.toFixed(1)} ms, verification included`);
    s.db.close();
  });
});
