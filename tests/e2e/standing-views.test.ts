/**
 * The matrices and the dashboard on a plan with every body's entries for
 * 2022, in Chromium through the real handlers: filters, a click that opens
 * the entry, an override shown with its reason, and the screenshots kept in
 * docs/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { saveEntry } from '../../db/entries';
import { defineIndicator, setIndicatorValue } from '../../db/indicators';
import { initializeInstallation, resetInstallation } from '../../db/installation';
import { transitionReport } from '../../db/reports';
import { setOverride } from '../../db/review';
import type { CompletionLevel, Installation } from '../../contract/progress';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
import { ProgressPage } from './pages/progress';

let app: RunningApp;
let progress: ProgressPage;

const LEVELS: CompletionLevel[] = ['completed', 'substantial', 'substantial', 'limited', 'not_started', 'completed', 'no_evidence'];

/** Every body fills 2022 (a deterministic spread of levels), and most submit; MOGEF accepts some. */
function fill2022(db: Db): { periodId: number } {
  const periodId = db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
  const bodies = db.prepare('SELECT code FROM implementing_body ORDER BY id').pluck().all() as string[];
  const mogef: Installation = { role: 'coordinator', userName: '박조정' };
  const indicator = defineIndicator(
    db,
    {
      actionPlanId: db.prepare("SELECT id FROM action_plan WHERE code = '5.1.2'").pluck().get() as number,
      nameEn: 'Share of women among military and police officers',
      nameKo: '군·경찰 여성 간부 비율',
      unit: '%',
      kind: 'percent',
      baseline: 7.4,
      targets: [{ periodId, target: 9 }],
    },
    mogef,
  );
  let n = 0;
  bodies.forEach((code, bi) => {
    const actor: Installation = { role: 'body', bodyCode: code, userName: `${code} 담당자` };
    const actions = db
      .prepare(
        `SELECT ap.id, ap.code FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id
         JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = ? ORDER BY ap.id`,
      )
      .all(code) as { id: number; code: string }[];
    for (const a of actions) {
      const completion = LEVELS[n++ % LEVELS.length]!;
      const delayed = n % 9 === 0;
      saveEntry(
        db,
        { actionPlanId: a.id, bodyCode: code, periodId },
        0,
        { completion, delayed, delayReason: delayed ? '예산 확보 지연' : null, achievements: `${a.code} 추진실적`, nextSteps: '계속 추진' },
        actor,
        actor.userName,
      );
      if (a.code === '5.1.2') setIndicatorValue(db, { actionPlanId: a.id, bodyCode: code, periodId }, indicator, 7.9 + bi / 10, actor);
    }
    if (bi % 4 !== 3) transitionReport(db, 'submit', code, periodId, actor);
    // MOGEF's own report (bodies[0], the lead body) is accepted with the confirmation it needs.
    if (bi % 4 === 0) transitionReport(db, 'accept', code, periodId, mogef, { confirmOwn: true });
  });
  setOverride(db, db.prepare("SELECT id FROM action_plan WHERE code = '1.1.1'").pluck().get() as number, periodId, 'limited', '시민자문단: 교육 대상이 일부 부처에 한정됨', mogef);
  return { periodId };
}

beforeAll(async () => {
  app = await launchApp();
  fill2022(app.core.db);
  resetInstallation(app.core.db);
  initializeInstallation(app.core.db, { role: 'coordinator', userName: '박조정' });
  await app.page.reload();
  progress = new ProgressPage(app.page);
  await progress.open();
  await progress.choosePeriod(2022);
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

const matrix = () => app.page.getByTestId('matrix-view');

describe('where the plan stands', () => {
  it('shows the matrix of action plans × bodies, filters it, and opens an entry with a click', async () => {
    await app.page.getByTestId('tab-matrix').click();
    await app.page.locator('[data-testid="matrix-view"][data-state="ready"]').waitFor();
    expect(await matrix().getAttribute('data-rows')).toBe('50');
    // 1.1.1 is overridden by MOGEF, with its reason.
    expect(await app.page.getByTestId('matrix-consolidated-1.1.1').getAttribute('data-level')).toBe('limited');
    expect(await app.page.getByTestId('matrix-consolidated-1.1.1').getAttribute('data-override')).toBeTruthy();
    await saveScreenshot(app.page, 'matrix-bodies-ko');

    await app.page.getByTestId('filter-body').selectOption('MOJ');
    await expect.poll(() => matrix().getAttribute('data-rows')).toBe('5');
    await app.page.getByTestId('filter-body').selectOption('');
    await app.page.getByTestId('filter-delayed').check();
    const delayed = Number(await matrix().getAttribute('data-rows'));
    expect(delayed).toBeGreaterThan(0);
    expect(delayed).toBeLessThan(50);
    await app.page.getByTestId('filter-delayed').uncheck();

    await app.page.getByTestId('matrix-cell-3.1.3-MOJ').click();
    await app.page.getByTestId('entry-form').waitFor();
    expect(await app.page.getByTestId('field-achievements').inputValue()).toBe('3.1.3 추진실적');
    await progress.closeEntry();
  });

  it('shows the matrix of action plans × years', async () => {
    await app.page.getByTestId('tab-matrix').click();
    await app.page.getByTestId('matrix-mode-periods').click();
    await app.page.locator('[data-testid="matrix-view"][data-state="ready"]').waitFor();
    expect(await app.page.getByTestId('pmatrix-cell-1.1.1-2022').getAttribute('data-level')).toBe('limited');
    expect(await app.page.getByTestId('pmatrix-cell-1.1.1-2021').getAttribute('data-level')).toBe('none');
    await app.page.getByTestId('matrix-mode-bodies').click();
  });

  it('shows the dashboard, in Korean and English', async () => {
    await app.page.getByTestId('tab-dashboard').click();
    await app.page.locator('[data-testid="dashboard-view"][data-state="ready"]').waitFor();
    expect(await app.page.getByTestId('submission-MOGEF').getAttribute('data-status')).toBe('accepted');
    expect(await app.page.getByTestId('submission-MOE').getAttribute('data-status')).toBe('submitted');
    expect(await app.page.getByTestId('submission-MOU').getAttribute('data-status')).toBe('draft');
    expect(await app.page.getByTestId('submission-MOJ').getAttribute('data-status')).toBe('accepted');
    expect(await app.page.locator('[data-testid^="indicator-row-"]').count()).toBe(1);
    await saveScreenshot(app.page, 'dashboard-ko');
    await app.page.getByTestId('lang-en').click();
    await expect.poll(() => app.page.getAttribute('html', 'lang')).toBe('en');
    await saveScreenshot(app.page, 'dashboard-en');
    await app.page.getByTestId('tab-matrix').click();
    await app.page.locator('[data-testid="matrix-view"][data-state="ready"]').waitFor();
    await saveScreenshot(app.page, 'matrix-bodies-en');
    expect(app.pageErrors).toEqual([]);
  });
});
