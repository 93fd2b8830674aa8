/** The start-up dialog's words for each refusal, from the real refusals of real files. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { startupErrorText } from '../../main/startup-error';
import { DatabaseOpenError, type DatabaseOpenCode } from '../../db/errors';
import { databaseFile } from '../../main/paths';
import { tempDir } from '../support/tmp';
import { start } from '../support/db-files';

function refusal(dir: string): unknown {
  try {
    start(dir).close();
  } catch (e) {
    return e;
  }
  throw new Error('not refused');
}

describe('the start-up error dialog', () => {
  it('says in Korean and English what happened, where the file is and what to do', () => {
    const empty = tempDir();
    fs.writeFileSync(databaseFile(empty), '');
    const walOnly = tempDir();
    fs.writeFileSync(`${databaseFile(walOnly)}-wal`, 'x');
    for (const [dir, code] of [
      [empty, 'DB_EMPTY'],
      [walOnly, 'DB_WAL_WITHOUT_DB'],
    ] as [string, DatabaseOpenCode][]) {
      const err = refusal(dir);
      expect((err as DatabaseOpenError).code).toBe(code);
      const t = startupErrorText(err, dir);
      expect(t.message).toMatch(/[가-힣]/);
      expect(t.message).toMatch(/[A-Za-z]{4}/);
      expect(t.detail).toContain((err as DatabaseOpenError).file);
      expect(t.detail).toMatch(/백업에서 복원|되돌리/);
      expect(t.detail).toMatch(/restore a backup|Put the database file back/i);
      expect(t.detail).not.toMatch(/SQLITE_|malformed/);
    }
  });

  it('words every code', () => {
    const codes: DatabaseOpenCode[] = ['DB_DAMAGED', 'DB_FOREIGN', 'DB_NEWER', 'DB_EMPTY', 'DB_WAL_WITHOUT_DB', 'DB_WAL_FOREIGN', 'DB_CHANGED_OUTSIDE', 'DB_UNREADABLE', 'DB_MIGRATION_FAILED'];
    for (const code of codes) {
      const t = startupErrorText(new DatabaseOpenError(code, '/data/nap-monitor.sqlite', 'x'), '/data');
      expect(t.detail, code).toContain('/data/nap-monitor.sqlite');
      expect(t.message, code).toMatch(/[가-힣].*\n.*[A-Za-z]/s);
    }
  });
});

describe('the recovery offer', () => {
  it('is made for a damaged file, never for a newer version\u2019s, and says what restoring does in both languages', async () => {
    const { recoverableByBackup, recoveryOfferText } = await import('../../main/startup-error');
    const empty = tempDir();
    fs.writeFileSync(databaseFile(empty), '');
    const err = refusal(empty);
    expect(recoverableByBackup(err)).toBe(true);
    expect(recoverableByBackup(new DatabaseOpenError('DB_NEWER', databaseFile(empty), 'newer', { database: databaseFile(empty) }))).toBe(false);
    expect(recoverableByBackup(new Error('other'))).toBe(false);
    const offer = recoveryOfferText(err, empty, { createdAt: '2026-11-30T09:15:00.000Z', entries: 42 });
    expect(offer.detail).toContain('2026-11-30 09:15');
    expect(offer.detail).toContain('.damaged-');
    expect(offer.detail).toMatch(/백업.*복원/);
    expect(offer.detail).toContain('is not deleted');
    expect(offer.buttons).toHaveLength(2);
  });
});
