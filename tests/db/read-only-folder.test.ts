/**
 * A data folder on a disk mounted read-only (a write-protected USB stick, a
 * share without write rights; a tmpfs remounted read-only here, root only):
 * opening it is refused with a message naming the file and what to check,
 * never a crash; an import or an export refuses the same way; once the disk
 * is writable again, the data is exactly as it was.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { cli, fillAll, ok, withDb, YEAR } from '../exchange/support-cycle';
import { tempDir } from '../support/tmp';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', [dir]);
});

function canMount(): boolean {
  if (!isRoot) return false;
  const probe = fs.mkdtempSync('/tmp/nap-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,ro', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmdirSync(probe);
  }
}

describe.skipIf(!canMount())('a data folder on a read-only disk', { timeout: 120_000 }, () => {
  it('is refused with the file named and what to check, for every command; the data is intact once writable', async () => {
    const base = tempDir();
    const disk = path.join(base, 'disk');
    fs.mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk]);
    mounted.push(disk);
    const mofa = path.join(disk, 'mofa');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    withDb(mofa, (db) => fillAll(db, 'MOFA', (code) => `${code} 실적`));
    const report = path.join(base, 'report.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report);
    const before = withDb(mofa, (db) => JSON.stringify(dumpDatabase(db)));

    execFileSync('mount', ['-o', 'remount,ro', disk]);
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
    execFileSync('mount', ['-o', 'remount,rw', disk]);
    expect(withDb(mofa, (db) => JSON.stringify(dumpDatabase(db)))).toBe(before);
  });
});
