/**
 * A keyboard-only walk (issue 10; WCAG 2.1.1, 2.4.3): a body's whole cycle
 * and the coordinator's review, driven by nothing but key presses (Tab,
 * Shift+Tab, Enter, Space, the arrows; text typed into the fields), in
 * Chromium through the real handlers and database. At each step the focus
 * is where a person expects it, checked on document.activeElement:
 *
 * - MOE (two of its three entries filled beforehand): reaches Progress from
 *   the navigation, picks 2022 in the year select, moves in its list with the
 *   arrows, opens the empty entry (focus on its heading), chooses the level
 *   and the delay, types the achievements and next steps, adds a piece of
 *   evidence with Enter, closes the entry (focus back on its item) and
 *   submits through the confirmation (focus on cancel first, then on what
 *   the report's state says).
 * - MOGEF (MOE's and MOJ's reports submitted): opens MOE's report from the
 *   review list, returns it with a reason through the confirmation (focus on
 *   the result), then MOJ's and accepts it (focus on the result).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { saveEntry } from '../../db/entries';
import { getBodyReport, transitionReport } from '../../db/reports';
import { initializeInstallation } from '../../db/installation';
import type { EntryPatch, Installation } from '../../contract/progress';
import { closeBrowser, launchApp, type RunningApp } from './support/harness';

const mogef: Installation = { role: 'coordinator', userName: '박조정' };
const moe: Installation = { role: 'body', bodyCode: 'MOE', userName: '최교육' };
const moj: Installation = { role: 'body', bodyCode: 'MOJ', userName: '정법무' };
const full: EntryPatch = { completion: 'substantial', delayed: false, achievements: '연수 2회 운영', nextSteps: '계속 추진' };
/** The entry MOE fills by keyboard. */
const LEFT = '4.1.1';

let body: RunningApp;
let coordinator: RunningApp;

function periodOf(db: Db, year: number): number {
  return db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(year) as number;
}

function fillReport(db: Db, bodyCode: string, as: Installation, leave: readonly string[] = []): void {
  const periodId = periodOf(db, 2022);
  for (const item of getBodyReport(db, bodyCode, periodId).items) {
    if (leave.includes(item.code)) continue;
    saveEntry(db, { actionPlanId: item.actionPlanId, bodyCode, periodId }, 0, full, as, as.userName);
  }
}

beforeAll(async () => {
  body = await launchApp();
  initializeInstallation(body.core.db, moe);
  fillReport(body.core.db, 'MOE', moe, [LEFT]);
  await body.page.reload();
  coordinator = await launchApp();
  const db = coordinator.core.db;
  for (const [code, as] of [['MOE', moe], ['MOJ', moj]] as const) {
    fillReport(db, code, as);
    transitionReport(db, 'submit', code, periodOf(db, 2022), as);
  }
  initializeInstallation(db, mogef);
  await coordinator.page.reload();
});

afterAll(async () => {
  await body?.close();
  await coordinator?.close();
  await closeBrowser();
});

interface Focused {
  tag: string | null;
  testId: string | null;
  text: string;
  value: string | null;
}

function focused(app: RunningApp): Promise<Focused> {
  return app.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? null,
      testId: el?.getAttribute('data-testid') ?? null,
      text: el?.innerText ?? '',
      value: el && 'value' in el ? String((el as HTMLInputElement).value) : null,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focus is on the element with this
 * test id; fails if it is not reached within `max` presses (not in the tab
 * order, or behind a trap). Returns how many presses it took.
 */
async function tabTo(app: RunningApp, testId: string, { back = false, max = 60 } = {}): Promise<number> {
  for (let n = 0; n <= max; n += 1) {
    if ((await focused(app)).testId === testId) return n;
    await app.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${testId} was not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses; the focus is on ${JSON.stringify(await focused(app))}`);
}

/** With a select focused, presses an arrow until the chosen option's text (or value) matches. */
async function chooseByArrows(app: RunningApp, matches: (option: { text: string; value: string }) => boolean, max = 12): Promise<void> {
  for (let n = 0; n <= max; n += 1) {
    const chosen = await app.page.evaluate(() => {
      const select = document.activeElement as HTMLSelectElement;
      return { text: select.selectedOptions[0]?.text.trim() ?? '', value: select.value };
    });
    if (matches(chosen)) return;
    await app.page.keyboard.press('ArrowDown');
  }
  throw new Error('no such option reached with ArrowDown');
}

/** Tabs to the year select and moves with the arrows until it shows the year. */
async function chooseYear(app: RunningApp, year: number): Promise<void> {
  await tabTo(app, 'period-select');
  const where = () =>
    app.page.evaluate((y) => {
      const select = document.activeElement as HTMLSelectElement;
      const target = [...select.options].findIndex((o) => o.text.trim().startsWith(String(y)));
      return { at: select.selectedIndex, target };
    }, year);
  const shown = () => app.page.evaluate(() => Number(/\d{4}/.exec((document.activeElement as HTMLSelectElement).selectedOptions[0]?.text ?? '')?.[0] ?? NaN));
  for (let n = 0; n < 8; n += 1) {
    const { at, target } = await where();
    if (at === target) break;
    await app.page.keyboard.press(target > at ? 'ArrowDown' : 'ArrowUp');
  }
  expect(await shown()).toBe(year);
  await app.page.locator('[data-testid="period-select"]').and(app.page.locator(':focus')).waitFor();
}

async function saved(app: RunningApp): Promise<void> {
  await expect.poll(() => app.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
}

describe('a keyboard-only walk', () => {
  it("a body's whole cycle: open an entry, fill it in, add evidence, close it, submit through the confirmation", async () => {
    const app = body;
    const { keyboard } = app.page;
    // From the start of the page to the navigation, into Progress.
    await app.page.locator('body').focus();
    await tabTo(app, 'nav-progress');
    await keyboard.press('Enter');
    await app.page.getByTestId('progress-view').waitFor();
    expect((await focused(app)).testId).toBe('nav-progress');

    // The year: 2022 chosen with the arrows in the select.
    await chooseYear(app, 2022);

    // The list is one tab stop; the arrows move in it; Enter opens the entry, whose heading takes the focus.
    await app.page.locator('[data-testid="my-list"] [data-roving-item]').first().waitFor();
    const stop = await app.page.locator('[data-testid="my-list"] [data-roving-item][tabindex="0"]').getAttribute('data-testid');
    expect(await app.page.locator('[data-testid="my-list"] [data-roving-item][tabindex="0"]').count()).toBe(1);
    await tabTo(app, stop!);
    for (let n = 0; n < 5 && (await focused(app)).testId !== `my-item-${LEFT}`; n += 1) await keyboard.press('ArrowDown');
    expect((await focused(app)).testId).toBe(`my-item-${LEFT}`);
    await keyboard.press('Enter');
    await app.page.getByTestId('entry-form').waitFor();
    await expect.poll(async () => (await focused(app)).testId).toBe('entry-heading');

    // The level and the delay, chosen with the arrows; the texts typed.
    await tabTo(app, 'field-completion');
    await chooseByArrows(app, (o) => o.value === 'limited');
    await tabTo(app, 'field-delayed');
    await chooseByArrows(app, (o) => o.value === 'no');
    await tabTo(app, 'field-achievements');
    await keyboard.type('교원 연수 1회 운영');
    await tabTo(app, 'field-next-steps');
    await keyboard.type('연수 확대');
    await saved(app);

    // Evidence: the title typed, Enter adds it; the focus stays in the title, ready for the next.
    await tabTo(app, 'evidence-title');
    await keyboard.type('연수 결과 보고서');
    await keyboard.press('Enter');
    await expect.poll(() => app.page.getByTestId('evidence-item').count()).toBe(1);
    expect((await focused(app)).testId).toBe('evidence-title');
    await saved(app);
    await expect.poll(() => app.page.getByTestId('entry-completeness').getAttribute('data-complete')).toBe('true');
    // What the keys made is in the database.
    const stored = app.core.db
      .prepare(
        `SELECT e.completion, e.delayed, e.achievements, e.next_steps AS nextSteps,
                (SELECT COUNT(*) FROM evidence ev WHERE ev.entry_id = e.id AND ev.removed_at IS NULL) AS evidence
         FROM progress_entry e JOIN action_plan ap ON ap.id = e.action_plan_id JOIN implementing_body b ON b.id = e.body_id
         WHERE ap.code = ? AND b.code = 'MOE' AND e.period_id = ?`,
      )
      .get(LEFT, periodOf(app.core.db, 2022));
    expect(stored).toEqual({ completion: 'limited', delayed: 0, achievements: '교원 연수 1회 운영', nextSteps: '연수 확대', evidence: 1 });

    // Back to the list: Shift+Tab up to the close button; the focus returns to the entry's item.
    await tabTo(app, 'entry-close', { back: true, max: 80 });
    await keyboard.press('Enter');
    await app.page.getByTestId('entry-form').waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(app)).testId).toBe(`my-item-${LEFT}`);

    // Submit: the confirmation takes the focus on its safe choice; Tab to confirm, Enter.
    await tabTo(app, 'submit-report');
    await keyboard.press('Enter');
    await app.page.getByTestId('confirm-dialog').waitFor();
    expect((await focused(app)).testId).toBe('confirm-cancel');
    // Tab stays inside the dialog.
    await tabTo(app, 'confirm-ok', { max: 4 });
    await keyboard.press('Enter');
    await app.page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => app.page.getByTestId('report-status').getAttribute('data-status')).toBe('submitted');
    await expect.poll(async () => (await focused(app)).testId).toBe('submit-hint');
    expect(getBodyReport(app.core.db, 'MOE', periodOf(app.core.db, 2022)).status).toBe('submitted');
    expect(app.pageErrors).toEqual([]);
  });

  it("the coordinator's review: return a report with a reason, accept another, through their confirmations", async () => {
    const app = coordinator;
    const { keyboard } = app.page;
    await app.page.locator('body').focus();
    await tabTo(app, 'nav-progress');
    await keyboard.press('Enter');
    await app.page.getByTestId('progress-view').waitFor();
    await chooseYear(app, 2022);
    // The review is the coordinator's first tab.
    expect(await app.page.getByTestId('tab-review').getAttribute('aria-selected')).toBe('true');

    // MOE's report from the list, with Space.
    await tabTo(app, 'review-body-MOE');
    await keyboard.press('Space');
    await app.page.getByTestId('review-report').waitFor();
    expect(await app.page.getByTestId('review-body-MOE').getAttribute('aria-current')).toBe('true');

    // Return, with a reason typed; the confirmation's focus is on cancel, Tab to confirm.
    await tabTo(app, 'return-reason');
    await keyboard.type('참여 인원을 적어 주세요');
    await tabTo(app, 'report-return');
    await keyboard.press('Enter');
    await app.page.getByTestId('confirm-dialog').waitFor();
    expect((await focused(app)).testId).toBe('confirm-cancel');
    await tabTo(app, 'confirm-ok', { max: 4 });
    await keyboard.press('Enter');
    await app.page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => app.page.getByTestId('review-report-status').getAttribute('data-status')).toBe('returned');
    await expect.poll(async () => (await focused(app)).testId).toBe('review-done');
    expect(getBodyReport(app.core.db, 'MOE', periodOf(app.core.db, 2022)).status).toBe('returned');

    // Back up the page to MOJ in the list, and accept its report.
    await tabTo(app, 'review-body-MOJ', { back: true, max: 80 });
    await keyboard.press('Enter');
    await expect.poll(() => app.page.getByTestId('review-body-MOJ').getAttribute('aria-current')).toBe('true');
    await expect.poll(() => app.page.getByTestId('review-report-status').getAttribute('data-status')).toBe('submitted');
    await tabTo(app, 'report-accept');
    await keyboard.press('Enter');
    await app.page.getByTestId('confirm-dialog').waitFor();
    expect((await focused(app)).testId).toBe('confirm-cancel');
    await tabTo(app, 'confirm-ok', { max: 4 });
    await keyboard.press('Enter');
    await app.page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => app.page.getByTestId('review-report-status').getAttribute('data-status')).toBe('accepted');
    await expect.poll(async () => (await focused(app)).testId).toBe('review-done');
    expect(getBodyReport(app.core.db, 'MOJ', periodOf(app.core.db, 2022)).status).toBe('accepted');
    expect(app.pageErrors).toEqual([]);
  });
});
