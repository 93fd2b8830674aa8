/**
 * A data folder on a disk mounted read-only (a write-protected USB stick, a
 * share without write rights; a tmpfs remounted read-only here, root only):
 * opening it is refused with a message naming the file and what to check,
 * never a crash; an import or an export refuses the same way; once the disk
 * is writable again, the data is exactly as it was.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { cli, fillAll, ok, withDb, YEAR } from '../exchange/support-cycle';
import { tempDir } from '../support/tmp';
import { canMount, remount, tmpfs } from '../support/mount';

describe.skipIf(!canMount())('a data folder on a read-only disk', { timeout: 120_000 }, () => {
  it('is refused with the file named and what to check, for every command; the data is intact once writable', async () => {
    const base = tempDir();
    const disk = path.join(base, 'disk');
    tmpfs(disk, 16 * 1024 * 1024);
    const mofa = path.join(disk, 'mofa');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    withDb(mofa, (db) => fillAll(db, 'MOFA', (code) => `${code} 실적`));
    const report = path.join(base, 'report.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report);
    const before = withDb(mofa, (db) => JSON.stringify(dumpDatabase(db)));

    remount(disk, 'ro');
    for (const args of [
      ['dump', '--json'],
      ['import', report, '--apply'],
      ['export', 'report', '--year', String(YEAR), '--out', path.join(base, 'again.xlsx')],
    ]) {
      const r = await cli('--data-dir', mofa, ...args);
      expect(r.status, `${args[0]}: ${r.err}`).toBe(2);
      const [ko, en] = r.err.trim().split('\n');
      expect(ko).toMatch(/nap-monitor\.sqlite.*권한/);
      expect(en).toMatch(/nap-monitor\.sqlite.*permissions/);
    }
    remount(disk, 'rw');
    expect(withDb(mofa, (db) => JSON.stringify(dumpDatabase(db)))).toBe(before);
  });
});
