/** The check after writing: a copy that does not hold what the source held is never renamed into the backups folder. Costs < 1 s. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentsOf, copyLive, finishBackup, listBackups, tempPath } from '../../main/backup/backups';
import { DomainError } from '../../contract/result';
import { seededDb } from '../support/app';

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
