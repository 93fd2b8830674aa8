/**
 * The entry form on a full disk, in Chromium (issue 8): the data folder is a
 * small tmpfs (root only; skipped elsewhere), filled but for 16 KiB once the
 * -wal is truncated. A long text typed into the form cannot be saved: the
 * form keeps it, says in Korean that the disk is full and what to do, and
 * the database is as before; once the filler is removed the form saves it by
 * itself, no button pressed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp } from './support/harness';
import { ProgressPage } from './pages/progress';
import { databaseFile } from '../../main/paths';
import { tempDir } from '../support/tmp';
import { canMount, tmpfs } from '../support/mount';

afterAll(async () => {
  await closeBrowser();
});

describe.skipIf(!canMount())('the entry form on a full disk', () => {
  it('keeps the typed text and shows the disk-full message, then saves it by itself once there is room', async () => {
    const dataDir = path.join(tempDir('nap-e2e-disk-full-'), 'data');
    tmpfs(dataDir, 16 * 1024 * 1024);
    const app = await launchApp({ dataDir });
    try {
      const progress = new ProgressPage(app.page);
      const r = app.core.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, { url: app.page.url() });
      expect(r.ok).toBe(true);
      await app.page.reload();
      await progress.open();
      await progress.choosePeriod(2022);
      await progress.openMyItem('3.1.1');
      const stored = () =>
        (app.core.db
          .prepare(
            `SELECT e.achievements FROM progress_entry e JOIN action_plan ap ON ap.id = e.action_plan_id
             JOIN implementing_body b ON b.id = e.body_id JOIN reporting_period rp ON rp.id = e.period_id
             WHERE ap.code = '3.1.1' AND b.code = 'MOFA' AND rp.year = 2022`,
          )
          .pluck()
          .get() as string | null | undefined) ?? null;
      const changes = () => app.core.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number;

      // The disk full: the -wal back to 0 bytes, then all but 16 KiB taken.
      app.core.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(fs.statSync(`${databaseFile(dataDir)}-wal`).size).toBe(0);
      const st = fs.statfsSync(dataDir);
      const filler = path.join(dataDir, 'filler.bin');
      fs.writeFileSync(filler, Buffer.alloc(Math.max(0, st.bavail * st.bsize - 16 * 1024)));
      const before = { text: stored(), changes: changes() };

      // About 45 KB of Korean: more pages than the disk has room for.
      const typed = `디스크가 가득 찬 동안 입력한 추진실적: ${'여성·평화·안보 교육 과정 운영 '.repeat(900)}`.slice(0, 15_000);
      const field = app.page.getByTestId('field-achievements');
      await field.fill(typed);
      await field.blur();
      const banner = app.page.getByTestId('error-banner');
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.getAttribute('data-code')).toBe('UNAVAILABLE');
      await expect.poll(() => banner.innerText()).toMatch(/디스크가 가득 찼습니다.*공간/s);
      expect(await field.inputValue()).toBe(typed);
      expect(await app.page.getByTestId('save-state').getAttribute('data-state')).not.toBe('saved');
      expect({ text: stored(), changes: changes() }).toEqual(before);
      expect(app.core.db.pragma('integrity_check', { simple: true })).toBe('ok');

      // Room again: the form saves by itself.
      fs.rmSync(filler);
      await progress.saved();
      expect(stored()).toBe(typed);
      expect(await field.inputValue()).toBe(typed);
      expect(changes()).toBe(before.changes + 1);
      await expect.poll(() => banner.count()).toBe(0);
    } finally {
      // The folder is the mount point: it goes with the tmpfs after the test.
      await app.close({ keepData: true });
    }
  }, 60_000);
});
