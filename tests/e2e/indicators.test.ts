/**
 * MOGEF defines an indicator of an action plan beside the entry form (names
 * in Korean and English, unit, kind, baseline, a target per reporting
 * period), with inline validation that keeps what was typed and main's
 * refusals shown on the field they point at; the body that carries the
 * action plan then sees the indicator in its entry form and reports its
 * value. In Chromium through the real handlers and database.
 *
 * One database plays both installations: between the roles the test resets
 * the identity as main's File → Change installation… does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetInstallation } from '../../db/installation';
import { closeBrowser, launchApp, type RunningApp } from './support/harness';
import { ProgressPage } from './pages/progress';

let app: RunningApp;
let progress: ProgressPage;

beforeAll(async () => {
  app = await launchApp();
  progress = new ProgressPage(app.page);
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

interface IndicatorRow {
  id: number;
  action_plan_id: number;
  name_ko: string;
  name_en: string;
  unit: string;
  kind: string;
  baseline: number | null;
  created_by: string;
}

const indicators = () => app.core.db.prepare('SELECT * FROM indicator').all() as IndicatorRow[];

function targets(indicatorId: number): { year: number; target: number }[] {
  return app.core.db
    .prepare(
      `SELECT rp.year, t.target FROM indicator_target t JOIN reporting_period rp ON rp.id = t.period_id
       WHERE t.indicator_id = ? ORDER BY rp.year`,
    )
    .all(indicatorId) as never;
}

function reportedValue(indicatorId: number, bodyCode: string, year: number): number | null | undefined {
  return app.core.db
    .prepare(
      `SELECT v.value FROM indicator_value v JOIN implementing_body b ON b.id = v.body_id JOIN reporting_period rp ON rp.id = v.period_id
       WHERE v.indicator_id = ? AND b.code = ? AND rp.year = ?`,
    )
    .pluck()
    .get(indicatorId, bodyCode, year) as number | null | undefined;
}

const panel = () => app.page.getByTestId('indicator-panel');
const listed = () => panel().locator('li[data-testid^="indicator-def-"]');
const byTestId = (id: string) => app.page.getByTestId(id);

let indicatorId = 0;

describe('indicators of an action plan', () => {
  it('MOGEF defines one beside the entry: invalid input stays and nothing is written, then it is added', async () => {
    const r = app.core.dispatcher('setup:initialize', { role: 'coordinator', userName: '박조정' }, { url: app.page.url() });
    expect(r.ok).toBe(true);
    await app.page.reload();
    await progress.open();
    await progress.choosePeriod(2022);
    await byTestId('tab-matrix').click();
    await app.page.locator('[data-testid="matrix-view"][data-state="ready"]').waitFor();
    await byTestId('filter-body').selectOption('MND');
    await byTestId('matrix-cell-5.1.2-MND').click();
    await byTestId('entry-form').waitFor();
    await panel().waitFor();
    expect(await listed().count()).toBe(0);
    // One target input per reporting period of the plan (2021–2023).
    for (const year of [2021, 2022, 2023]) await byTestId(`indicator-target-${year}`).waitFor();

    // Nothing typed: both names are required, nothing goes to main.
    await byTestId('indicator-add').click();
    await byTestId('field-error-indicator-nameKo').waitFor();
    await byTestId('field-error-indicator-nameEn').waitFor();
    expect(indicators()).toHaveLength(0);

    await byTestId('indicator-name-ko').fill('여군 간부 비율');
    await byTestId('indicator-name-en').fill('Share of women among military officers');
    await byTestId('indicator-unit').fill('%');
    await byTestId('indicator-kind').selectOption('percent');
    await byTestId('indicator-baseline').fill('7.4');
    expect(await byTestId('field-error-indicator-nameKo').count()).toBe(0);

    // A percentage over 100: said at once, under the field; adding writes nothing and keeps every value typed.
    await byTestId('indicator-target-2022').fill('140');
    await byTestId('field-error-indicator-target-2022').waitFor();
    expect(await byTestId('field-error-indicator-target-2022').innerText()).toContain('0에서 100');
    expect(await byTestId('indicator-target-2022').getAttribute('aria-invalid')).toBe('true');
    await byTestId('indicator-add').click();
    await byTestId('indicator-form-problems').waitFor();
    expect(indicators()).toHaveLength(0);
    expect(await listed().count()).toBe(0);
    expect(await byTestId('indicator-target-2022').inputValue()).toBe('140');
    expect(await byTestId('indicator-name-ko').inputValue()).toBe('여군 간부 비율');
    expect(await byTestId('indicator-baseline').inputValue()).toBe('7.4');

    // Main's own check: the request is altered on its way so that main refuses the target;
    // its error (path "targets.0.target") shows, translated, on the 2022 target.
    await app.page.evaluate(() => {
      const w = window as unknown as { __napInvoke(c: string, p: unknown): Promise<unknown>; __origInvoke?: unknown };
      const original = w.__napInvoke.bind(w);
      w.__origInvoke = original;
      w.__napInvoke = (channel, payload) => {
        if (channel !== 'indicator:define') return original(channel, payload);
        const p = payload as { targets: { periodId: number; target: number }[] };
        return original(channel, { ...p, targets: p.targets.map((t) => ({ ...t, target: 140 })) });
      };
    });
    await byTestId('indicator-target-2022').fill('8.8');
    expect(await byTestId('field-error-indicator-target-2022').count()).toBe(0);
    await byTestId('indicator-add').click();
    await byTestId('field-error-indicator-target-2022').waitFor();
    expect(await byTestId('field-error-indicator-target-2022').innerText()).toContain('0에서 100');
    expect(indicators()).toHaveLength(0);
    expect(await byTestId('indicator-target-2022').inputValue()).toBe('8.8');
    await app.page.evaluate(() => {
      const w = window as unknown as { __napInvoke: unknown; __origInvoke?: unknown };
      w.__napInvoke = w.__origInvoke;
    });

    // Changing the field clears main's refusal.
    await byTestId('indicator-target-2022').fill('8.80');
    expect(await byTestId('field-error-indicator-target-2022').count()).toBe(0);
    await byTestId('indicator-add').click();
    await expect.poll(() => listed().count()).toBe(1);

    const rows = indicators();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    indicatorId = row.id;
    expect(row).toMatchObject({
      name_ko: '여군 간부 비율',
      name_en: 'Share of women among military officers',
      unit: '%',
      kind: 'percent',
      baseline: 7.4,
      created_by: '박조정 (MOGEF)',
    });
    expect(row.action_plan_id).toBe(app.core.db.prepare("SELECT id FROM action_plan WHERE code = '5.1.2'").pluck().get());
    expect(targets(row.id)).toEqual([{ year: 2022, target: 8.8 }]);

    const item = byTestId(`indicator-def-${row.id}`);
    const text = await item.innerText();
    expect(text).toContain('여군 간부 비율');
    expect(text).toContain('비율(%)');
    expect(await item.locator('[data-fact="baseline"]').innerText()).toBe('7.4%');
    expect(await item.locator('[data-fact="target"]').innerText()).toBe('8.8%');
    await byTestId('indicator-added').waitFor();
    // The form is empty again for the next one.
    expect(await byTestId('indicator-name-ko').inputValue()).toBe('');
    expect(await byTestId('indicator-target-2022').inputValue()).toBe('');
    // The reloaded entry shows it in the form too (read-only for MOGEF).
    await byTestId(`indicator-${row.id}`).waitFor();
    expect(await byTestId(`indicator-${row.id}`).isDisabled()).toBe(true);

    // In English, the name and kind follow the language.
    await byTestId('lang-en').click();
    await expect.poll(() => item.innerText()).toContain('Share of women among military officers');
    expect(await item.innerText()).toContain('Percentage');
    await byTestId('lang-ko').click();
    await expect.poll(() => item.innerText()).toContain('비율(%)');
  });

  it('the body carrying the action plan sees it in its entry form and reports its value', async () => {
    expect(indicatorId).toBeGreaterThan(0);
    resetInstallation(app.core.db);
    await app.page.reload();
    await progress.open();
    await progress.setUpAsBody('MND', '이국방');
    await progress.choosePeriod(2022);
    await progress.openMyItem('5.1.2');

    const input = byTestId(`indicator-${indicatorId}`);
    await input.waitFor();
    expect(await input.isDisabled()).toBe(false);
    expect(await byTestId('entry-form').innerText()).toContain('여군 간부 비율');
    // The panel that defines indicators is MOGEF's only.
    expect(await panel().count()).toBe(0);

    await input.click();
    await app.page.keyboard.type('8.1');
    await progress.saved();
    await expect.poll(() => reportedValue(indicatorId, 'MND', 2022)).toBe(8.1);
    expect(await input.inputValue()).toBe('8.1');
  });
});
