/**
 * The matrices and the dashboard on a plan with every body's entries for
 * 2022, in Chromium through the real handlers: filters, a click that opens
 * the entry, an override shown with its reason, and the screenshots kept in
 * docs/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initializeInstallation, resetInstallation } from '../../db/installation';
import { fill2022 } from './support/filled-year';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
import { ProgressPage } from './pages/progress';

let app: RunningApp;
let progress: ProgressPage;

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

/** An action plan's text as the interface shows it (Korean where the plan has it). */
function actionText(code: string, language: 'ko' | 'en'): string {
  const row = app.core.db.prepare('SELECT text_en, text_ko FROM action_plan WHERE code = ?').get(code) as { text_en: string; text_ko: string | null };
  return language === 'ko' ? (row.text_ko ?? row.text_en) : row.text_en;
}

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

    // A screen reader names a cell by its action plan (code and text), its body and its level.
    const cell = app.page.getByTestId('matrix-cell-3.1.3-MOJ');
    const level = await cell.getAttribute('data-level');
    expect(level).toBe('no_evidence');
    expect(await cell.getAttribute('aria-label')).toBe(`행동계획 3.1.3 ${actionText('3.1.3', 'ko')} — MOJ 법무부: 근거 없음, 보고 승인됨`);
    expect(await app.page.getByTestId('matrix-consolidated-1.1.3').getAttribute('aria-label')).toBe(
      `행동계획 1.1.3 ${actionText('1.1.3', 'ko')} — 종합: 완료. 1개 기관 중 1개 기관 보고`,
    );

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
    const yearCell = app.page.getByTestId('pmatrix-cell-1.1.1-2022');
    const delayed = (await yearCell.getAttribute('data-delayed')) === 'true' ? ', 지연' : '';
    expect(await yearCell.getAttribute('aria-label')).toBe(`행동계획 1.1.1 ${actionText('1.1.1', 'ko')} — 2022년: 제한적${delayed}`);
    // The tooltip names the year once ("2022년", never "2022년년").
    const tip = (await yearCell.getAttribute('title')) ?? '';
    expect(tip).toContain('2022년 기관별 매트릭스');
    expect(tip).not.toContain('년년');
    await saveScreenshot(app.page, 'matrix-years-ko');
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
    // Numbers in the interface's locale; the indicator's two reporting bodies in the plural.
    expect(await app.page.getByTestId('kpi-progress').locator('.dash-kpi__value').innerText()).toBe('44%');
    expect(await app.page.getByTestId('chart-indicators').innerText()).toContain('2개 기관 보고');
    await app.page.getByTestId('lang-en').click();
    await expect.poll(() => app.page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => app.page.getByTestId('chart-indicators').innerText()).toContain('2 bodies reported');
    expect(await app.page.getByTestId('chart-indicators').innerText()).toContain('Baseline 7.4%');
    expect(await app.page.getByTestId('kpi-progress').innerText()).toContain('22 of 50 action plans');
    // Every body's full English name is on the dashboard, none cut short.
    for (const name of ['Ministry of Gender Equality and Family', 'Korea International Cooperation Agency', 'National Unification Advisory Council']) {
      expect(await app.page.getByTestId('chart-by-body').innerText()).toContain(name);
      expect(await app.page.getByTestId('chart-submissions').innerText()).toContain(name);
    }
    await saveScreenshot(app.page, 'dashboard-en');
    await app.page.getByTestId('tab-matrix').click();
    await app.page.locator('[data-testid="matrix-view"][data-state="ready"]').waitFor();
    // English plurals: one body, one action plan.
    const single = (await app.page.getByTestId('matrix-consolidated-1.1.3').getAttribute('aria-label')) ?? '';
    expect(single).toContain(`Action plan 1.1.3 ${actionText('1.1.3', 'en')} — overall: Completed. 1 of 1 body reported`);
    expect(await app.page.getByTestId('matrix-consolidated-1.1.1').getAttribute('aria-label')).toContain('6 of 6 bodies reported');
    await saveScreenshot(app.page, 'matrix-bodies-en');
    expect(app.pageErrors).toEqual([]);
  });
});
