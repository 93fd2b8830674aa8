/**
 * Settings → Backups in Chromium through the real handlers and files: make a
 * backup, restore it (confirmed in the dialog; the entry typed after it goes
 * away and the views reload), undo the restore (the entry is back); a damaged
 * file opened from elsewhere is refused in words. Screenshot in docs/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initializeInstallation } from '../../db/installation';
import { saveEntry } from '../../db/entries';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
import type { ProgressEntry } from '../../contract/progress';

let app: RunningApp;
const actor = { role: 'body', bodyCode: 'MOFA', userName: '김외교' } as const;

beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1366, height: 1280 } });
  initializeInstallation(app.core.db, actor);
  await app.page.reload();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

function key() {
  const db = app.core.db;
  return {
    actionPlanId: db.prepare("SELECT id FROM action_plan WHERE code = '1.1.1'").pluck().get() as number,
    bodyCode: 'MOFA',
    periodId: db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number,
  };
}

const achievements = () =>
  (app.core.db.prepare('SELECT achievements FROM progress_entry WHERE action_plan_id = ? AND period_id = ?').pluck().get(key().actionPlanId, key().periodId) as
    | string
    | null
    | undefined) ?? null;

describe('the Backups screen', () => {
  it('makes a backup, restores it, and undoes the restore', async () => {
    const { page } = app;
    const first: ProgressEntry = saveEntry(app.core.db, key(), 0, { achievements: '백업 전에 쓴 내용' }, actor, '김외교');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('backups').waitFor();
    expect(await page.getByTestId('backup-row').count()).toBe(0);

    // While the job runs the screen says so and the button waits; main's answers about the job are slowed to see it.
    app.setReplyDelay((channel) => (channel === 'backup:job' ? 400 : 0));
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-status').innerText()).toContain('백업하는 중');
    expect(await page.getByTestId('backup-now').isDisabled()).toBe(true);
    app.setReplyDelay(null);
    await expect.poll(() => page.getByTestId('backup-row').count()).toBe(1);
    expect(await page.getByTestId('backup-now').isDisabled()).toBe(false);
    expect(await page.getByTestId('backup-notice').innerText()).toContain('백업을 만들었습니다');
    const row = page.getByTestId('backup-row').first();
    expect(await row.innerText()).toContain('KOR-NAP-3');
    expect(await row.innerText()).toContain('항목 1개');
    expect(await row.getAttribute('data-reason')).toBe('manual');
    // Which installation it holds (what a move to a new laptop confirms).
    expect(await row.getByTestId('backup-who').innerText()).toBe('MOFA · 김외교');

    // Typed after the backup.
    saveEntry(app.core.db, key(), first.revision, { achievements: '백업 뒤에 쓴 내용' }, actor, '김외교');
    expect(achievements()).toBe('백업 뒤에 쓴 내용');

    await row.getByTestId('backup-restore').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).toBe('alertdialog');
    expect(await dialog.innerText()).toContain('지금 상태는 먼저 백업되므로');
    expect(await dialog.getByTestId('backup-confirm-who').innerText()).toContain('이 백업은 MOFA · 김외교의 설치입니다');
    // The safe choice has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-cancel');
    await saveScreenshot(page, 'backups-restore-confirm-ko');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('backup-undo').waitFor();
    expect(await page.getByTestId('backup-notice').innerText()).toContain('복원했습니다');
    expect(achievements()).toBe('백업 전에 쓴 내용');
    // The state before the restore is in the list, to undo it.
    await expect.poll(() => page.locator('[data-testid="backup-row"][data-reason="before-restore"]').count()).toBe(1);
    await saveScreenshot(page, 'backups-ko');

    await page.getByTestId('backup-undo').click();
    await expect.poll(() => page.getByTestId('backup-notice').innerText()).toContain('복원을 취소');
    expect(achievements()).toBe('백업 뒤에 쓴 내용');
    expect(await page.getByTestId('backup-undo').count()).toBe(0);
    await expect.poll(() => page.getByTestId('backup-row').count()).toBe(3);
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses a damaged backup file opened from elsewhere, saying what and where', async () => {
    const { page } = app;
    const outside = fs.mkdtempSync(path.join(app.dataDir, 'usb-'));
    const damaged = path.join(outside, 'nap-monitor-copy.sqlite');
    const good = app.core.backups.dir;
    const some = fs.readdirSync(good).find((n) => n.endsWith('.sqlite'))!;
    const bytes = fs.readFileSync(path.join(good, some));
    bytes.fill(0x5a, 4096 * 2, 4096 * 3);
    fs.writeFileSync(damaged, bytes);
    const rows = await page.getByTestId('backup-row').count();

    await page.getByTestId('backup-open').click();
    await page.getByTestId('path-input').fill(damaged);
    await page.getByTestId('path-ok').click();
    const notice = page.getByTestId('backup-notice');
    await expect.poll(() => notice.innerText()).toContain('손상되어');
    expect(await notice.innerText()).toContain(damaged);
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('backup-row').count()).toBe(rows);

    // Saved to a folder and opened from there: it joins the list.
    await page.getByTestId('backup-row').first().getByTestId('backup-save').click();
    await page.getByTestId('path-input').fill(outside);
    await page.getByTestId('path-ok').click();
    await expect.poll(() => notice.innerText()).toContain('사본을 저장했습니다');
    const copy = fs.readdirSync(outside).find((n) => n.startsWith('nap-monitor-2'))!;
    await page.getByTestId('backup-open').click();
    await page.getByTestId('path-input').fill(path.join(outside, copy));
    await page.getByTestId('path-ok').click();
    await expect.poll(() => notice.innerText()).toContain('목록에 추가했습니다');
    await expect.poll(() => page.locator('[data-testid="backup-row"][data-reason="opened"]').count()).toBe(1);

    // In English.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('#backups-heading').innerText()).toBe('Backups');
    expect(await page.locator('[data-testid="backup-row"][data-reason="opened"]').innerText()).toContain('Opened from elsewhere');
    expect(await page.getByTestId('data-location').innerText()).toContain('Where the data lives');
    await saveScreenshot(page, 'backups-en');
    await page.getByTestId('lang-ko').click();
  });
});
