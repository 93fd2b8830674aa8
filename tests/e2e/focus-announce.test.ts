/**
 * Focus and announcements (issue 10, items 1, 2 and the set-up half of 6),
 * in Chromium through the real handlers and database: after Accept, Return,
 * Reopen and Submit focus is on the result, not <body>, and the result is
 * said in the mounted status region; the set-up form's errors are tied to
 * their fields, said in the mounted alert region and take the focus; the
 * role choices have a name and a description; no alert inside another.
 * Field errors of the entry form (a budget that is no number, evidence
 * without a title) are shown beside their field, tied to it by
 * aria-describedby and aria-invalid, and said once through the mounted alert
 * region: no role=alert of their own, so nothing is read twice. Removing a
 * piece of evidence puts the focus on its undo, and the undo on the
 * evidence's heading, each said in the status region. In Settings →
 * Backups, the result of Make a backup, Restore and Undo takes the focus
 * (the buttons wait while the job runs) and is said in the status region.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { saveEntry } from '../../db/entries';
import { getBodyReport, transitionReport } from '../../db/reports';
import { initializeInstallation } from '../../db/installation';
import type { EntryPatch, Installation } from '../../contract/progress';
import { closeBrowser, launchApp, type RunningApp } from './support/harness';
import { ProgressPage } from './pages/progress';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  await closeBrowser();
});

const mogef: Installation = { role: 'coordinator', userName: '박조정' };
const moe: Installation = { role: 'body', bodyCode: 'MOE', userName: '최교육' };
const full: EntryPatch = { completion: 'substantial', delayed: false, achievements: '연수 2회 운영', nextSteps: '계속 추진' };

function periodOf(db: Db, year: number): number {
  return db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(year) as number;
}

function fillReport(db: Db, bodyCode: string, year: number, as: Installation, leave: readonly string[] = []): void {
  const periodId = periodOf(db, year);
  for (const item of getBodyReport(db, bodyCode, periodId).items) {
    if (leave.includes(item.code)) continue;
    saveEntry(db, { actionPlanId: item.actionPlanId, bodyCode, periodId }, 0, full, as, as.userName);
  }
}

async function start(as: Installation | null, prepare: (db: Db) => void = () => undefined): Promise<ProgressPage> {
  app = await launchApp();
  prepare(app.core.db);
  if (as) initializeInstallation(app.core.db, as);
  await app.page.reload();
  const progress = new ProgressPage(app.page);
  await progress.open();
  if (as) await app.page.getByTestId('installation-badge').waitFor();
  return progress;
}

const active = () =>
  app!.page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? null, testId: el?.getAttribute('data-testid') ?? null, text: (el as HTMLElement | null)?.innerText ?? '' };
  });
const liveText = (which: 'status' | 'alert') => app!.page.getByTestId(`live-${which}`).innerText();
const nestedAlerts = () => app!.page.locator('[role="alert"] [role="alert"]').count();

describe('the live regions', () => {
  it('are mounted once in the shell, empty, before anything happens', async () => {
    await start(mogef);
    expect(await app!.page.locator('[data-testid="live-status"][role="status"][aria-live="polite"]').count()).toBe(1);
    expect(await app!.page.locator('[data-testid="live-alert"][role="alert"]').count()).toBe(1);
    expect(await liveText('status')).toBe('');
  });
});

describe('the coordinator decides', () => {
  it('after Accept focus is on the result, which the status region says; the same after Reopen', async () => {
    const progress = await start(mogef, (db) => {
      fillReport(db, 'MOE', 2022, moe);
      transitionReport(db, 'submit', 'MOE', periodOf(db, 2022), moe);
    });
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    await progress.decide('accept');
    await expect.poll(() => app!.page.getByTestId('review-report-status').getAttribute('data-status')).toBe('accepted');
    await expect.poll(() => active()).toMatchObject({ tag: 'P', testId: 'review-done' });
    expect((await active()).text).toContain('처리했습니다: 승인됨');
    await expect.poll(() => liveText('status')).toBe('처리했습니다: 승인됨');
    // Not a second status region inserted with its text.
    expect(await app!.page.getByTestId('review-done').getAttribute('role')).toBeNull();

    await progress.decide('reopen', '다시 검토합니다');
    await expect.poll(() => app!.page.getByTestId('review-report-status').getAttribute('data-status')).not.toBe('accepted');
    await expect.poll(() => active()).toMatchObject({ tag: 'P', testId: 'review-done' });
    await expect.poll(() => liveText('status')).toMatch(/^처리했습니다: /);
    expect(app!.pageErrors).toEqual([]);
  });

  it('after Return focus is on the result, which the status region says', async () => {
    const progress = await start(mogef, (db) => {
      fillReport(db, 'MOE', 2022, moe);
      transitionReport(db, 'submit', 'MOE', periodOf(db, 2022), moe);
    });
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    await progress.decide('return', '참여 인원을 적어 주세요');
    await expect.poll(() => app!.page.getByTestId('review-report-status').getAttribute('data-status')).toBe('returned');
    await expect.poll(() => active()).toMatchObject({ tag: 'P', testId: 'review-done' });
    const said = await liveText('status');
    expect(said).toMatch(/^처리했습니다: /);
    expect((await active()).text).toBe(said);
  });
});

describe('the body submits', () => {
  it('an incomplete report: the error is one alert (not one inside another), said in the alert region', async () => {
    const progress = await start(moe, (db) => fillReport(db, 'MOE', 2022, moe, ['4.1.1']));
    await progress.choosePeriod(2022);
    await progress.submit();
    await app!.page.getByTestId('submit-error').waitFor();
    expect(await nestedAlerts()).toBe(0);
    await expect.poll(() => liveText('alert')).toContain('1');
    expect(await liveText('alert')).toBe((await app!.page.locator('.error-banner__title').innerText()).trim());
  });

  it('a complete report: focus goes to what its state says, and the status region says it was submitted', async () => {
    const progress = await start(moe, (db) => fillReport(db, 'MOE', 2022, moe));
    await progress.choosePeriod(2022);
    await progress.submit();
    await expect.poll(() => progress.status()).toBe('submitted');
    await expect.poll(() => active()).toMatchObject({ testId: 'submit-hint' });
    await expect.poll(() => liveText('status')).toContain('제출했습니다');
  });
});

describe('the set-up form', () => {
  it('submitted with an empty name: focus on the name, marked invalid and described by its error, said in the alert region', async () => {
    await start(null);
    const form = app!.page.getByTestId('setup-form');
    await form.waitFor();
    await form.getByTestId('setup-role-coordinator').check();
    await form.getByTestId('setup-submit').click();
    await expect.poll(() => active()).toMatchObject({ tag: 'INPUT', testId: 'setup-name' });
    const name = form.getByTestId('setup-name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const described = await name.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain('이름을 입력하세요.');
    await expect.poll(() => liveText('alert')).toBe('이름을 입력하세요.');
    expect(await nestedAlerts()).toBe(0);
  });

  it('as a body with nothing chosen: focus on the body select first, both errors said', async () => {
    await start(null);
    const form = app!.page.getByTestId('setup-form');
    await form.waitFor();
    await form.getByTestId('setup-role-body').check();
    await form.getByTestId('setup-submit').click();
    await expect.poll(() => active()).toMatchObject({ tag: 'SELECT', testId: 'setup-body' });
    expect(await form.getByTestId('setup-body').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => liveText('alert')).toBe('기관을 선택하세요. 이름을 입력하세요.');
  });

  it('each role choice is named by its title and described by its hint', async () => {
    await start(null);
    await app!.page.getByTestId('setup-form').waitFor();
    const choices = await app!.page.getByTestId('setup-form').evaluate((form) =>
      [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => ({
        testId: r.dataset.testid,
        name: (r.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
        description: (r.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      })),
    );
    expect(choices).toHaveLength(2);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.description.length).toBeGreaterThan(0);
      // The name is the title alone, not title and hint run together.
      expect(c.name).not.toContain(c.description);
      const radio = app!.page.getByRole('radio', { name: c.name, exact: true });
      expect(await radio.count()).toBe(1);
      expect(await radio.getAttribute('data-testid')).toBe(c.testId);
    }
  });
});

/** The text of the elements an element's aria-describedby names. */
const description = (testId: string) =>
  app!.page.getByTestId(testId).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
/** Every element of the page with an alert role, by test id. */
const alertRoles = () => app!.page.evaluate(() => [...document.querySelectorAll('[role="alert"]')].map((el) => el.getAttribute('data-testid')));

describe('field errors of the entry form', () => {
  it('a budget that is no number: shown beside the field, tied to it, said once in the alert region, taken back when corrected', async () => {
    const progress = await start(moe);
    await progress.choosePeriod(2022);
    await progress.openMyItem('4.1.1');
    const budget = app!.page.getByTestId('field-budget-allocated');
    await budget.fill('12a');
    await budget.blur();
    const error = app!.page.getByTestId('field-error-budgetAllocated');
    await error.waitFor();
    const text = (await error.innerText()).trim();
    expect(text.length).toBeGreaterThan(0);
    expect(await error.getAttribute('role')).toBeNull();
    expect(await budget.getAttribute('aria-invalid')).toBe('true');
    expect(await description('field-budget-allocated')).toContain(text);
    await expect.poll(() => liveText('alert')).toBe(text);
    // The only alert on the page is the mounted region: the error is not read a second time.
    expect(await alertRoles()).toEqual(['live-alert']);

    // Typing on in the field (the error stays the same) does not say it again; correcting it takes it back.
    await budget.fill('1,200,000');
    await budget.blur();
    await error.waitFor({ state: 'detached' });
    expect(await budget.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => liveText('alert')).toBe('');
  });

  it('evidence added without a title: the error is tied to the title and said in the alert region', async () => {
    const progress = await start(moe);
    await progress.choosePeriod(2022);
    await progress.openMyItem('4.1.1');
    await app!.page.getByTestId('evidence-add').click();
    const error = app!.page.getByTestId('field-error-evidence');
    await error.waitFor();
    const text = (await error.innerText()).trim();
    expect(await error.getAttribute('role')).toBeNull();
    expect(await app!.page.getByTestId('evidence-title').getAttribute('aria-invalid')).toBe('true');
    expect(await description('evidence-title')).toContain(text);
    await expect.poll(() => liveText('alert')).toBe(text);
    expect(await alertRoles()).toEqual(['live-alert']);
    await app!.page.getByTestId('evidence-title').fill('교육 결과 보고서');
    await error.waitFor({ state: 'detached' });
    expect(await description('evidence-title')).toBe('');
  });

  it('evidence removed: focus on the undo offered in its place, said in the status region; undone: focus on the evidence heading, said too', async () => {
    const progress = await start(moe);
    await progress.choosePeriod(2022);
    await progress.openMyItem('4.1.1');
    await app!.page.getByTestId('evidence-title').fill('연수 결과 보고서');
    await app!.page.getByTestId('evidence-add').click();
    await progress.saved();
    await app!.page.getByTestId('evidence-remove').click();
    await progress.answerConfirm();
    await progress.saved();
    await expect.poll(() => active()).toMatchObject({ tag: 'BUTTON', testId: 'evidence-undo' });
    await expect.poll(() => liveText('status')).toBe('‘연수 결과 보고서’을(를) 삭제했습니다.');
    // Saving does not move it on: it stays there.
    await app!.page.waitForTimeout(200);
    expect((await active()).testId).toBe('evidence-undo');

    await app!.page.keyboard.press('Enter');
    await progress.saved();
    await expect.poll(() => app!.page.getByTestId('evidence-item').count()).toBe(1);
    await expect.poll(() => active()).toMatchObject({ tag: 'H4', testId: 'evidence-heading' });
    await expect.poll(() => liveText('status')).toBe('‘연수 결과 보고서’을(를) 되살렸습니다.');
    expect(app!.pageErrors).toEqual([]);
  });

  it("the coordinator's override without a reason: the error is tied to the reason and said in the alert region", async () => {
    const progress = await start(mogef, (db) => {
      fillReport(db, 'MOE', 2022, moe);
      transitionReport(db, 'submit', 'MOE', periodOf(db, 2022), moe);
    });
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    await app!.page.locator('[data-testid^="review-item-"]').first().click();
    await app!.page.getByTestId('entry-form').waitFor();
    await app!.page.getByTestId('override-level').selectOption('limited');
    await app!.page.getByTestId('override-save').click();
    const error = app!.page.getByTestId('field-error-overrideReason');
    await error.waitFor();
    expect(await error.innerText()).toBe('사유를 입력하세요.');
    expect(await error.getAttribute('role')).toBeNull();
    expect(await app!.page.getByTestId('override-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await description('override-reason')).toContain('사유를 입력하세요.');
    await expect.poll(() => liveText('alert')).toBe('사유를 입력하세요.');
    expect(await alertRoles()).toEqual(['live-alert']);
  });
});

describe('Settings → Backups', () => {
  it('after Make a backup, Restore and Undo focus is on the result, which the status region says', async () => {
    await start(moe);
    const page = app!.page;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('backups').waitFor();
    const notice = page.getByTestId('backup-notice');

    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-row').first().waitFor();
    await expect.poll(() => active()).toMatchObject({ testId: 'backup-notice' });
    const made = (await notice.innerText()).trim();
    expect(made).toContain('백업을 만들었습니다');
    await expect.poll(() => liveText('status')).toBe(made);
    expect(await notice.getAttribute('role')).toBeNull();

    await page.getByTestId('backup-row').first().getByTestId('backup-restore').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('backup-undo').waitFor();
    await expect.poll(() => active()).toMatchObject({ testId: 'backup-notice' });
    await expect.poll(() => liveText('status')).toContain('복원했습니다');
    // It stays there once the list is read again after the restore.
    await page.waitForTimeout(300);
    expect((await active()).testId).toBe('backup-notice');

    await page.keyboard.press('Tab');
    expect((await active()).testId).toBe('backup-undo');
    await page.keyboard.press('Enter');
    await page.getByTestId('backup-undo').waitFor({ state: 'detached' });
    await expect.poll(() => liveText('status')).toContain('복원을 취소');
    await expect.poll(() => active()).toMatchObject({ testId: 'backup-notice' });
    expect(app!.pageErrors).toEqual([]);
  });
});
