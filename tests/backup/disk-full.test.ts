/**
 * A backup onto a full disk: the backups folder is a small tmpfs (root only;
 * skipped elsewhere). The backup fails with disk_full, leaves no partial file,
 * the live database is intact and still takes edits; once space is freed the
 * next backup succeeds. Costs about 1 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackupService } from '../../main/backup/service';
import { listBackups } from '../../main/backup/backups';
import { DomainError } from '../../contract/result';
import { getEntry, saveEntry } from '../../db/entries';
import { mofa, seededDb } from '../support/app';
import { fillThirdPlan } from './support';
import { canMount, tmpfs } from '../support/mount';

describe.skipIf(!canMount())('a backup onto a full disk', () => {
  it('fails with disk_full, leaves nothing partial, and works once space is freed', async () => {
    const s = seededDb();
    fillThirdPlan(s.db);
    const dataDir = path.dirname(s.file);
    const dir = path.join(dataDir, 'backups');
    fs.mkdirSync(dir);
    // Room for two copies of the database (its pages, -wal included), and a little more.
    const bytes = (s.db.pragma('page_count', { simple: true }) as number) * (s.db.pragma('page_size', { simple: true }) as number);
    const size = 2 * bytes + 256 * 1024;
    tmpfs(dir, size);
    // Leave less room than the database needs.
    const filler = path.join(dir, 'filler.bin');
    fs.writeFileSync(filler, Buffer.alloc(size - 128 * 1024));
    const service = createBackupService({ dataDir, databaseFile: s.file, appVersion: 't', getDb: () => s.db, reopen: () => s.db });

    let error: unknown;
    try {
      await service.backupNow('manual');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details?.[0]).toMatchObject({ hint: 'disk_full', path: dir });
    expect((error as DomainError).message).toContain('Free some space');
    expect(fs.readdirSync(dir)).toEqual(['filler.bin']);
    expect(() => service.backupNowSync('before-import')).toThrow(/no room left/);
    expect(fs.readdirSync(dir)).toEqual(['filler.bin']);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Work goes on meanwhile.
    const key = { actionPlanId: s.action('1.1.1'), bodyCode: 'MOFA', periodId: s.period[2022] };
    const entry = getEntry(s.db, key, mofa);
    saveEntry(s.db, key, entry.revision, { difficulties: '디스크가 가득 찬 동안 입력' }, mofa, '김외교');

    fs.rmSync(filler);
    const info = await service.backupNow('manual');
    expect(listBackups(dir).map((b) => b.name)).toEqual([info.name]);
    s.db.close();
  });
});
