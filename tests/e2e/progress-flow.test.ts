/**
 * The reporting cycle end to end, in Chromium through the real handlers and
 * database: a body fills its three entries and submits; the coordinator
 * comments and returns the report; the body sees the reason, fixes and
 * resubmits; the coordinator accepts; the matrix and the dashboard show it.
 *
 * One database plays both installations: between the roles the test resets
 * the identity as main's File → Change installation… does (reports travel
 * between ministries by Excel workbook, a later feature).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetInstallation } from '../../db/installation';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
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

/** As main's menu does: forget the identity, then the window reloads. */
async function switchIdentity(): Promise<void> {
  resetInstallation(app.core.db);
  await app.page.reload();
  await progress.open();
}

const MOE_ACTIONS = ['4.1.1', '11.1.1', '11.2.2'];

function entryRow(code: string, body = 'MOE', year = 2022) {
  return app.core.db
    .prepare(
      `SELECT e.* FROM progress_entry e JOIN action_plan ap ON ap.id = e.action_plan_id JOIN implementing_body b ON b.id = e.body_id
       JOIN reporting_period rp ON rp.id = e.period_id WHERE ap.code = ? AND b.code = ? AND rp.year = ?`,
    )
    .get(code, body, year) as { achievements: string | null; completion: string | null; revision: number } | undefined;
}

describe('the reporting cycle', () => {
  it('a body fills its three entries, saving as it types, and submits', async () => {
    await progress.open();
    await progress.setUpAsBody('MOE', '최교육');
    await progress.choosePeriod(2022);
    for (const code of MOE_ACTIONS) await app.page.getByTestId(`my-item-${code}`).waitFor();
    expect(await app.page.locator('[data-testid^="my-item-"]').count()).toBe(3);

    await progress.openMyItem('4.1.1');
    await progress.fillEntry({
      completion: 'substantial',
      delayed: 'no',
      achievements: '초·중등 교육과정에 여성·평화·안보 단원을 반영하고 교원 연수 2회를 운영함.',
      nextSteps: '2023년 교원 연수 확대',
    });
    // What the form showed as saved is in the database.
    expect(entryRow('4.1.1')).toMatchObject({
      completion: 'substantial',
      achievements: '초·중등 교육과정에 여성·평화·안보 단원을 반영하고 교원 연수 2회를 운영함.',
    });
    // The top of the form: the level with its help, and the reference beside it.
    await app.page.getByTestId('field-completion').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await saveScreenshot(app.page, 'entry-form-ko');
    await progress.closeEntry();

    for (const code of ['11.1.1', '11.2.2']) {
      await progress.openMyItem(code);
      await progress.fillEntry({ completion: 'completed', delayed: 'no', achievements: `${code} 실적`, nextSteps: '계속 추진' });
      await progress.closeEntry();
    }
    await expect.poll(() => app.page.getByTestId('completeness-11.2.2').innerText()).toMatch(/4\s*\/\s*4/);
    // The confirmation says what submitting does before anything is sent.
    await app.page.getByTestId('submit-report').click();
    expect(await app.page.getByTestId('confirm-dialog').innerText()).toContain('여성가족부가 검토할 때까지 수정할 수 없습니다');
    expect(await progress.status()).toBe('draft');
    await progress.answerConfirm();
    await expect.poll(() => progress.status()).toBe('submitted');

    // Submitted: read-only for the body until MOGEF returns it.
    await progress.openMyItem('4.1.1');
    await app.page.getByTestId('readonly-notice').waitFor();
    expect(await app.page.getByTestId('field-achievements').isDisabled()).toBe(true);
    await progress.closeEntry();
  });

  it('the coordinator comments on an entry and returns the report with a reason', async () => {
    await switchIdentity();
    await progress.setUpAsCoordinator('박조정');
    await progress.choosePeriod(2022);
    await app.page.getByTestId('tab-review').click();
    await expect.poll(() => app.page.getByTestId('review-body-MOE').getAttribute('data-status')).toBe('submitted');
    await app.page.getByTestId('review-body-MOE').click();
    await app.page.getByTestId('review-report').waitFor();

    await app.page.getByTestId('review-item-4.1.1').click();
    await app.page.getByTestId('entry-form').waitFor();
    await app.page.getByTestId('comment-text').fill('교원 연수 참여 인원을 적어 주세요.');
    await app.page.getByTestId('comment-add').click();
    await expect.poll(() => app.page.getByTestId('entry-comment').count()).toBe(1);
    await progress.closeEntry();

    await progress.decide('return', '4.1.1 연수 참여 인원 보완 바랍니다.');
    await expect.poll(() => app.page.getByTestId('review-body-MOE').getAttribute('data-status')).toBe('returned');
  });

  it('the body sees the reason, fixes the entry and resubmits', async () => {
    await switchIdentity();
    await progress.setUpAsBody('MOE', '최교육');
    // Without choosing: the returned year is the one shown, and the selector says it was returned.
    await expect.poll(() => progress.shownPeriod()).toEqual({ year: 2022, text: '2022년 (보완 요청)' });
    await expect.poll(() => progress.status()).toBe('returned');
    expect(await app.page.getByTestId('returned-reason').innerText()).toContain('연수 참여 인원 보완');

    await progress.openMyItem('4.1.1');
    expect(await app.page.getByTestId('entry-comment').first().innerText()).toContain('참여 인원');
    await app.page.getByTestId('field-achievements').click();
    await app.page.keyboard.press('End');
    await app.page.keyboard.type(' (참여 교원 320명)');
    await progress.saved();
    expect(entryRow('4.1.1')?.achievements).toContain('(참여 교원 320명)');
    await progress.closeEntry();
    await progress.submit();
    await expect.poll(() => progress.status()).toBe('submitted');
  });

  it('the coordinator accepts; the matrix and the dashboard show it', async () => {
    await switchIdentity();
    await progress.setUpAsCoordinator('박조정');
    await progress.choosePeriod(2022);
    await app.page.getByTestId('tab-review').click();
    await app.page.getByTestId('review-body-MOE').click();
    await progress.decide('accept');
    await expect.poll(() => app.page.getByTestId('review-body-MOE').getAttribute('data-status')).toBe('accepted');

    await app.page.getByTestId('tab-matrix').click();
    await app.page.locator('[data-testid="matrix-view"][data-state="ready"]').waitFor();
    // The matrix shows a window of its rows; the body filter brings MOE's three into it.
    await app.page.getByTestId('filter-body').selectOption('MOE');
    await expect.poll(() => app.page.getByTestId('matrix-view').getAttribute('data-rows')).toBe('3');
    expect(await app.page.getByTestId('matrix-cell-4.1.1-MOE').getAttribute('data-level')).toBe('substantial');
    expect(await app.page.getByTestId('matrix-cell-11.1.1-MOE').getAttribute('data-level')).toBe('completed');
    // 4.1.1 is carried by MOE alone: its consolidated level is MOE's.
    expect(await app.page.getByTestId('matrix-consolidated-4.1.1').getAttribute('data-level')).toBe('substantial');

    await app.page.getByTestId('tab-dashboard').click();
    await app.page.locator('[data-testid="dashboard-view"][data-state="ready"]').waitFor();
    expect(await app.page.getByTestId('submission-MOE').getAttribute('data-status')).toBe('accepted');

    // Every change the body made is in the entry's history, and nothing was deleted.
    const history = app.core.db
      .prepare(
        `SELECT count(*) FROM change_log c JOIN progress_entry e ON e.id = c.entity_id AND c.entity = 'entry'
         JOIN action_plan ap ON ap.id = e.action_plan_id WHERE ap.code = '4.1.1'`,
      )
      .pluck()
      .get() as number;
    expect(history).toBeGreaterThanOrEqual(5);
    expect(app.pageErrors).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
  });
});
