/**
 * The entry form keeps every word: it saves as the user types, never in the
 * middle of a Korean IME composition, keeps invalid input in the field
 * instead of throwing it away, and what it showed as saved is there after a
 * restart.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type RunningApp } from './support/harness';
import { openMofaEntry } from './support/mofa-entry';
import { ProgressPage } from './pages/progress';

let app: RunningApp;
let progress: ProgressPage;

beforeEach(async () => {
  ({ app, progress } = await openMofaEntry());
});
afterEach(async () => {
  await app.close();
});
afterAll(async () => {
  await closeBrowser();
});

function stored(): { achievements: string | null; budget_allocated: number | null; revision: number } | undefined {
  return app.core.db
    .prepare(
      `SELECT e.achievements, e.budget_allocated, e.revision FROM progress_entry e JOIN action_plan ap ON ap.id = e.action_plan_id
       JOIN implementing_body b ON b.id = e.body_id JOIN reporting_period rp ON rp.id = e.period_id
       WHERE ap.code = '3.1.1' AND b.code = 'MOFA' AND rp.year = 2022`,
    )
    .get() as never;
}

describe('entry form', () => {
  it('does not save in the middle of a Korean IME composition, and saves when it ends', async () => {
    const field = app.page.getByTestId('field-achievements');
    await field.click();
    const cdp = await app.context.newCDPSession(app.page);
    for (const text of ['ㅇ', '외', '외ㄱ', '외교']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    // Longer than the autosave delay: still nothing saved while composing.
    await app.page.waitForTimeout(1500);
    expect(stored()?.achievements ?? null).toBeNull();
    expect(await app.page.getByTestId('save-state').getAttribute('data-state')).not.toBe('saving');

    await cdp.send('Input.insertText', { text: '외교' });
    await progress.saved();
    expect(stored()?.achievements).toBe('외교');
    expect(await field.inputValue()).toBe('외교');
  });

  it('keeps invalid input in the field, says where, and saves once it is valid', async () => {
    const budget = app.page.getByTestId('field-budget-allocated');
    await budget.fill('12a');
    await budget.blur();
    await app.page.getByTestId('field-error-budgetAllocated').waitFor();
    expect(await budget.inputValue()).toBe('12a');
    expect(stored()?.budget_allocated ?? null).toBeNull();

    await budget.fill('1,200,000');
    await budget.blur();
    await progress.saved();
    expect(stored()?.budget_allocated).toBe(1_200_000);
    expect(await app.page.getByTestId('field-error-budgetAllocated').count()).toBe(0);
  });

  it('when the window closes, sends what was typed before answering that it may close', async () => {
    await app.page.getByTestId('field-achievements').click();
    await app.page.keyboard.type('닫기 직전에 입력한 내용');
    // At once, before the autosave delay has passed: main asks to close (as Electron's window close does).
    await app.emit('app:closeRequested', {});
    await expect.poll(() => app.readyToCloseCalls.length).toBe(1);
    expect(app.readyToCloseCalls).toEqual([0]);
    expect(stored()?.achievements).toBe('닫기 직전에 입력한 내용');
  });

  it('what it showed as saved is there after a restart', async () => {
    await app.page.getByTestId('field-achievements').click();
    await app.page.keyboard.type('여성·평화·안보 국제회의 개최 (3개국 참여)');
    await progress.saved();
    const dataDir = app.dataDir;
    await app.close({ keepData: true });

    app = await launchApp({ dataDir });
    progress = new ProgressPage(app.page);
    await progress.open();
    await progress.choosePeriod(2022);
    await progress.openMyItem('3.1.1');
    await expect.poll(() => app.page.getByTestId('field-achievements').inputValue()).toBe('여성·평화·안보 국제회의 개최 (3개국 참여)');
    await app.page.getByTestId('history-toggle').click();
    await expect.poll(() => app.page.getByTestId('history-row').count()).toBeGreaterThan(0);
  });
});
