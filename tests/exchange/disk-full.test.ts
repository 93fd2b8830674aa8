/**
 * The exchange on a full disk (a small tmpfs; root only, skipped elsewhere):
 * a workbook written into a full folder fails with "disk full", leaving no
 * partial file; an import into a database whose disk is full is refused
 * before anything is written (its backup cannot be made), the database
 * exactly as it was, and goes through once space is freed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { databaseFile } from '../../main/paths';
import { tempDir } from '../support/tmp';
import { apply, cli, fillAll, ok, withDb, YEAR } from './support-cycle';
import { canMount, tmpfs } from '../support/mount';

describe.skipIf(!canMount())('the exchange on a full disk', { timeout: 120_000 }, () => {
  it('a workbook into a full folder: "disk full", no partial file', async () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    const full = path.join(base, 'usb');
    tmpfs(full, 8 * 1024);
    const r = await cli('--data-dir', mogef, 'export', 'request', '--all', '--year', String(YEAR), '--out-dir', full);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/디스크가 가득 차/);
    expect(r.err).toMatch(/disk is full/);
    expect(fs.readdirSync(full).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an import into a database on a full disk changes nothing, and goes through once there is room', async () => {
    const base = tempDir();
    const mofa = path.join(base, 'mofa');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    withDb(mofa, (db) => fillAll(db, 'MOFA', (code) => `${code} 실적`));
    const report = path.join(base, 'report.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report);

    // MOGEF's data folder on a disk with room for its database and little more.
    const ready = path.join(base, 'ready');
    await ok('--data-dir', ready, 'setup', '--coordinator', '--name', '박조정');
    const size = fs.readdirSync(ready).reduce((n, f) => n + fs.statSync(path.join(ready, f)).size, 0);
    const mogef = path.join(base, 'mogef');
    tmpfs(mogef, 3 * size + 512 * 1024);
    for (const f of fs.readdirSync(ready)) if (fs.statSync(path.join(ready, f)).isFile()) fs.copyFileSync(path.join(ready, f), path.join(mogef, f));
    // Fill the disk but for room to open the database (its journal and shared memory), not for a backup of it.
    const filler = path.join(mogef, 'filler.bin');
    const st = fs.statfsSync(mogef);
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, st.bavail * st.bsize - 160 * 1024)));
    const before = withDb(mogef, (db) => JSON.stringify(dumpDatabase(db)));
    const r = await cli('--data-dir', mogef, 'import', report, '--apply');
    expect(r.status, r.err).toBe(2);
    expect(r.err).toMatch(/디스크가 가득 차/);
    expect(withDb(mogef, (db) => JSON.stringify(dumpDatabase(db)))).toBe(before);
    expect(fs.existsSync(path.join(mogef, 'backups')) ? fs.readdirSync(path.join(mogef, 'backups')).filter((f) => f.endsWith('.sqlite')) : []).toEqual([]);

    fs.rmSync(filler);
    fs.writeFileSync(filler, '');
    await apply(mogef, report);
    expect(withDb(mogef, (db) => dumpDatabase(db).entries.filter((e) => e.body === 'MOFA').length)).toBeGreaterThan(0);
    expect(fs.existsSync(databaseFile(mogef))).toBe(true);
  });
});
