/**
 * What a person meets on the Progress screens (issue 6, items 5 and 7–13),
 * in Chromium at 1366×768 through the real handlers and database: the year
 * that needs the user, MOGEF's own action plans, the acceptance note apart
 * from the return reason, confirmations, undo of a removed evidence item,
 * length counters, Korean messages with the technical details behind a
 * disclosure, partial dates, focus and arrow keys, unclipped headers.
 *
 * The state a screen starts from is written through db/ as the handlers
 * would; what the user does goes through the screens.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { saveEntry } from '../../db/entries';
import { getBodyReport, transitionReport } from '../../db/reports';
import { addEvidence } from '../../db/indicators';
import { addEntryComment } from '../../db/review';
import { initializeInstallation, resetInstallation } from '../../db/installation';
import type { EntryPatch, Installation } from '../../contract/progress';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
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

/** Fills every entry of the body's report for the year (as `as`), except the codes in `leave`. */
function fillReport(db: Db, bodyCode: string, year: number, as: Installation, leave: readonly string[] = []): void {
  const periodId = periodOf(db, year);
  for (const item of getBodyReport(db, bodyCode, periodId).items) {
    if (leave.includes(item.code)) continue;
    saveEntry(db, { actionPlanId: item.actionPlanId, bodyCode, periodId }, 0, full, as, as.userName);
  }
}

function submitted(db: Db, bodyCode: string, year: number, as: Installation): void {
  fillReport(db, bodyCode, year, as);
  transitionReport(db, 'submit', bodyCode, periodOf(db, year), as);
}

/** Starts the app on a database prepared by `prepare`, set up as `as`, on the Progress view. */
async function start(as: Installation, prepare: (db: Db) => void = () => undefined): Promise<ProgressPage> {
  app = await launchApp();
  prepare(app.core.db);
  initializeInstallation(app.core.db, as);
  await app.page.reload();
  const progress = new ProgressPage(app.page);
  await progress.open();
  await app.page.getByTestId('installation-badge').waitFor();
  return progress;
}

async function switchTo(progress: ProgressPage, as: Installation): Promise<void> {
  resetInstallation(app!.core.db);
  initializeInstallation(app!.core.db, as);
  await app!.page.reload();
  await progress.open();
  await app!.page.getByTestId('installation-badge').waitFor();
}

const activeTestId = () => app!.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

describe('item 7: the year that needs the user', () => {
  it('opens on a returned report first, then on a draft with work, else on the newest year; the selector marks them in text', async () => {
    const progress = await start(moe, (db) => {
      submitted(db, 'MOE', 2022, moe);
      transitionReport(db, 'return', 'MOE', periodOf(db, 2022), mogef, { reason: '인원 보완' });
      submitted(db, 'MOE', 2021, moe);
      transitionReport(db, 'accept', 'MOE', periodOf(db, 2021), mogef);
      // MOFA: only 2021 has work in it.
      const mofa: Installation = { role: 'body', bodyCode: 'MOFA', userName: '김외교' };
      const item = getBodyReport(db, 'MOFA', periodOf(db, 2021)).items[0]!;
      saveEntry(db, { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId: periodOf(db, 2021) }, 0, { achievements: '초안' }, mofa, '김외교');
    });
    await expect.poll(() => progress.shownPeriod()).toEqual({ year: 2022, text: '2022년 (보완 요청)' });
    await app!.page.getByTestId('returned-reason').waitFor();
    await saveScreenshot(app!.page, 'my-report-returned-ko');
    const options = await app!.page.getByTestId('period-select').locator('option').allInnerTexts();
    expect(options).toEqual(['2021년', '2022년 (보완 요청)', '2023년 (미제출)']);

    await switchTo(progress, { role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    await expect.poll(() => progress.shownPeriod()).toEqual({ year: 2021, text: '2021년 (미제출)' });

    await switchTo(progress, { role: 'body', bodyCode: 'MND', userName: '이국방' });
    await expect.poll(() => progress.shownPeriod()).toEqual({ year: 2023, text: '2023년 (미제출)' });
    expect(app!.pageErrors).toEqual([]);
  });
});

describe('item 5: MOGEF reports its own action plans from the coordinator installation', () => {
  it('fills in and submits MOGEF’s own report from its own tab, and accepts it with a confirmation that says it is its own', async () => {
    let leftOut = '';
    const progress = await start(mogef, (db) => {
      const items = getBodyReport(db, 'MOGEF', periodOf(db, 2023)).items;
      leftOut = items[0]!.code;
      // Written as a MOGEF focal point would (the same rows the coordinator's own entries are).
      fillReport(db, 'MOGEF', 2023, { role: 'body', bodyCode: 'MOGEF', userName: '최여가' }, [leftOut]);
    });
    // The review stays first; MOGEF's own action plans are a tab of their own.
    expect(await app!.page.getByTestId('tab-review').getAttribute('aria-selected')).toBe('true');
    expect(await app!.page.getByTestId('tab-mine').innerText()).toBe('여성가족부 행동계획');
    // The year selector's marks are about MOGEF's own report.
    await expect.poll(() => progress.shownPeriod()).toEqual({ year: 2023, text: '2023년 (자체 보고 미제출)' });
    await app!.page.getByTestId('tab-mine').click();
    await app!.page.getByTestId(`my-item-${leftOut}`).waitFor();
    expect(await app!.page.locator('[data-testid^="my-item-"]').count()).toBe(28);

    await progress.openMyItem(leftOut);
    expect(await app!.page.getByTestId('entry-form').getAttribute('data-editable')).toBe('true');
    await progress.fillEntry({ completion: 'completed', delayed: 'no', achievements: '자체 실적', nextSteps: '계속' });
    await progress.closeEntry();

    const confirmation = await progress.submit();
    expect(confirmation).toContain('여성가족부 자신의 보고서를 검토에 올립니다');
    await expect.poll(() => progress.status()).toBe('submitted');
    // The submit button is disabled now: focus is on what the report's state says, not lost to <body>.
    await expect.poll(() => app!.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName)).toBe('submit-hint');

    await app!.page.getByTestId('tab-review').click();
    await app!.page.getByTestId('review-body-MOGEF').click();
    await app!.page.getByTestId('own-report-note').waitFor();
    await app!.page.getByTestId('report-accept').click();
    const dialog = app!.page.getByTestId('confirm-dialog');
    expect(await dialog.innerText()).toContain('여성가족부 자신의 보고서를 승인할까요?');
    expect(await dialog.getByTestId('confirm-ok').innerText()).toBe('자체 보고서 승인');
    await progress.answerConfirm();
    await expect.poll(() => app!.page.getByTestId('review-report-status').getAttribute('data-status')).toBe('accepted');
    expect(getBodyReport(app!.core.db, 'MOGEF', periodOf(app!.core.db, 2023)).status).toBe('accepted');
    expect(app!.pageErrors).toEqual([]);
  });
});

describe('item 8: the acceptance note apart from the return reason', () => {
  it('keeps the note and shows it to the body; text typed in the box a step does not use is named before it is cleared', async () => {
    const progress = await start(mogef, (db) => submitted(db, 'MOE', 2022, moe));
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    await app!.page.getByTestId('accept-note').fill('연수 결과 잘 정리되었습니다.');
    await app!.page.getByTestId('return-reason').fill('참여 인원을 적어 주세요');

    // Accept with a reason typed: the confirmation says the reason will not be used; cancelling keeps both texts.
    await app!.page.getByTestId('report-accept').click();
    expect(await app!.page.getByTestId('confirm-dropped').innerText()).toContain('보완 요청 사유');
    await saveScreenshot(app!.page, 'review-accept-confirm-ko');
    await progress.answerConfirm(false);
    expect(await app!.page.getByTestId('return-reason').inputValue()).toBe('참여 인원을 적어 주세요');
    expect(await app!.page.getByTestId('accept-note').inputValue()).toBe('연수 결과 잘 정리되었습니다.');
    expect(getBodyReport(app!.core.db, 'MOE', periodOf(app!.core.db, 2022)).status).toBe('submitted');

    // Choosing another body keeps both texts: the list says so, and coming back shows them.
    await app!.page.getByTestId('review-body-MOFA').click();
    await app!.page.getByTestId('review-draft-MOE').waitFor();
    await app!.page.getByTestId('review-body-MOE').click();
    expect(await app!.page.getByTestId('return-reason').inputValue()).toBe('참여 인원을 적어 주세요');
    expect(await app!.page.getByTestId('accept-note').inputValue()).toBe('연수 결과 잘 정리되었습니다.');

    await app!.page.getByTestId('return-reason').fill('');
    const text = await progress.decide('accept');
    expect(text).not.toContain('보완 요청 사유 칸');
    expect(text).toContain('승인 메모가 함께 저장되어');
    await expect.poll(() => app!.page.getByTestId('review-accepted-note').innerText()).toContain('연수 결과 잘 정리되었습니다.');
    expect(getBodyReport(app!.core.db, 'MOE', periodOf(app!.core.db, 2022)).acceptedNote).toBe('연수 결과 잘 정리되었습니다.');

    await switchTo(progress, moe);
    await progress.choosePeriod(2022);
    await expect.poll(() => app!.page.getByTestId('accepted-note').innerText()).toContain('연수 결과 잘 정리되었습니다.');
  });
});

describe('item 9: confirmations and undo', () => {
  it('a return is confirmed in an alert dialog that keeps focus and gives it back; Esc cancels', async () => {
    const progress = await start(mogef, (db) => submitted(db, 'MOE', 2022, moe));
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    await app!.page.getByTestId('return-reason').fill('보완 바랍니다');
    await app!.page.getByTestId('report-return').focus();
    await app!.page.keyboard.press('Enter');
    const dialog = app!.page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).toBe('alertdialog');
    expect(await dialog.innerText()).toContain('교육부');
    expect(await activeTestId()).toBe('confirm-cancel');
    // Tab goes round inside the dialog.
    await app!.page.keyboard.press('Tab');
    expect(await activeTestId()).toBe('confirm-ok');
    await app!.page.keyboard.press('Tab');
    expect(await activeTestId()).toBe('confirm-cancel');
    await app!.page.keyboard.press('Shift+Tab');
    expect(await activeTestId()).toBe('confirm-ok');
    await app!.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await activeTestId()).toBe('report-return');
    expect(getBodyReport(app!.core.db, 'MOE', periodOf(app!.core.db, 2022)).status).toBe('submitted');

    await progress.decide('return');
    await expect.poll(() => app!.page.getByTestId('review-report-status').getAttribute('data-status')).toBe('returned');
  });

  it('removing evidence is confirmed, then Undo adds it again', async () => {
    let code = '';
    const progress = await start(moe, (db) => {
      const periodId = periodOf(db, 2023);
      const item = getBodyReport(db, 'MOE', periodId).items[0]!;
      code = item.code;
      addEvidence(db, { actionPlanId: item.actionPlanId, bodyCode: 'MOE', periodId }, { title: '교원 연수 결과 보고', docDate: '2023-03-05', reference: '교육부-1234' }, moe);
    });
    const evidence = () =>
      app!.core.db.prepare("SELECT title, doc_date AS docDate, reference FROM evidence WHERE title = '교원 연수 결과 보고' AND removed_at IS NULL").all();
    await progress.openMyItem(code);
    await app!.page.getByTestId('evidence-remove').click();
    const text = await app!.page.getByTestId('confirm-dialog').innerText();
    expect(text).toContain('교원 연수 결과 보고');
    expect(text).toContain('되돌리기');
    await progress.answerConfirm(false);
    expect(await app!.page.getByTestId('evidence-item').count()).toBe(1);

    await app!.page.getByTestId('evidence-remove').click();
    await progress.answerConfirm();
    await progress.saved();
    await expect.poll(() => app!.page.getByTestId('evidence-item').count()).toBe(0);
    expect(evidence()).toEqual([]);
    await app!.page.getByTestId('evidence-undo').click();
    await progress.saved();
    await expect.poll(() => app!.page.getByTestId('evidence-item').count()).toBe(1);
    expect(evidence()).toEqual([{ title: '교원 연수 결과 보고', docDate: '2023-03-05', reference: '교육부-1234' }]);
  });
});

describe('item 10: limits shown while typing, messages in the interface language', () => {
  it('counts a comment against its limit and refuses it in Korean before sending; technical details only behind a disclosure', async () => {
    let code = '';
    const progress = await start(mogef, (db) => {
      submitted(db, 'MOE', 2022, moe);
      code = getBodyReport(db, 'MOE', periodOf(db, 2022)).items[0]!.code;
    });
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    // The return reason and the note count too.
    await app!.page.getByTestId('return-reason').fill('보완');
    expect(await app!.page.getByTestId('return-reason-count').innerText()).toBe('2 / 4,000자');
    expect(await app!.page.getByTestId('accept-note-count').innerText()).toBe('0 / 4,000자');

    await app!.page.getByTestId(`review-item-${code}`).click();
    await app!.page.getByTestId('entry-form').waitFor();
    await app!.page.getByTestId('comment-text').fill('가'.repeat(4001));
    expect(await app!.page.getByTestId('comment-text-count').innerText()).toBe('4,001 / 4,000자');
    expect(await app!.page.getByTestId('comment-text-count').getAttribute('data-over')).toBe('true');
    expect(await app!.page.getByTestId('field-error-comment').innerText()).toBe('4,000자 이내로 줄여 주세요. 줄일 때까지 보낼 수 없습니다.');
    await app!.page.getByTestId('comment-add').click();
    expect(app!.core.db.prepare('SELECT count(*) FROM entry_comment').pluck().get()).toBe(0);
    expect(await app!.page.locator('body').innerText()).not.toMatch(/Too big|expected string/);
    // Closing the entry does not drop what was typed: it is there when the entry opens again.
    await progress.closeEntry();
    await app!.page.getByTestId(`review-item-${code}`).click();
    await app!.page.getByTestId('entry-form').waitFor();
    expect((await app!.page.getByTestId('comment-text').inputValue()).length).toBe(4001);
    await progress.closeEntry();

    // A refusal of main (the period was locked meanwhile): the Korean message shows, the English details only when asked.
    app!.core.db.prepare("UPDATE reporting_period SET locked_at = '2024-01-01T00:00:00Z', locked_by = '다른 총괄' WHERE year = 2022").run();
    await progress.decide('return', '보완 바랍니다');
    const banner = app!.page.locator('.review-decision [data-testid="error-banner"]');
    await banner.waitFor();
    expect(await banner.getByTestId('error-detail').isVisible()).toBe(false);
    await banner.locator('summary').click();
    expect(await banner.getByTestId('error-detail').isVisible()).toBe(true);
  });

  it('counts the name typed at set-up', async () => {
    app = await launchApp();
    await new ProgressPage(app.page).open();
    await app.page.getByTestId('setup-name').fill('김외교');
    expect(await app.page.getByTestId('setup-name-count').innerText()).toBe('3 / 80자');
  });

  it('counts the evidence title and reference', async () => {
    const progress = await start(moe);
    const code = (await app!.page.locator('[data-testid^="my-item-"]').first().getAttribute('data-testid'))!.replace('my-item-', '');
    await progress.openMyItem(code);
    await app!.page.getByTestId('evidence-title').fill('결과 보고');
    expect(await app!.page.getByTestId('evidence-title-count').innerText()).toBe('5 / 500자');
    await app!.page.getByTestId('evidence-reference').fill('가'.repeat(501));
    expect(await app!.page.getByTestId('evidence-reference-count').getAttribute('data-over')).toBe('true');
    expect(await app!.page.getByTestId('field-error-evidence').innerText()).toContain('500자 이내');
  });
});

describe('item 11: partial dates, plurals, indicators on sent reports', () => {
  it('a date typed in part is kept and named, and the item is not added without it', async () => {
    const progress = await start(moe);
    const code = (await app!.page.locator('[data-testid^="my-item-"]').first().getAttribute('data-testid'))!.replace('my-item-', '');
    await progress.openMyItem(code);
    await app!.page.getByTestId('evidence-title').fill('연수 결과 보고');
    await app!.page.getByTestId('evidence-date').click();
    await app!.page.keyboard.type('2022');
    await app!.page.getByTestId('evidence-add').click();
    await app!.page.getByTestId('field-error-evidence-date').waitFor();
    expect(await app!.page.getByTestId('field-error-evidence-date').innerText()).toContain('작성일이 완성되지 않았습니다');
    expect(await app!.page.getByTestId('evidence-item').count()).toBe(0);
    expect(await app!.page.getByTestId('evidence-title').inputValue()).toBe('연수 결과 보고');
    expect(await app!.page.getByTestId('evidence-date').evaluate((el) => (el as HTMLInputElement).validity.badInput)).toBe(true);
    expect(app!.core.db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(0);
  });

  it('English plurals: "1 comment", not "1 comments"', async () => {
    let code = '';
    const progress = await start(moe, (db) => {
      const periodId = periodOf(db, 2023);
      const item = getBodyReport(db, 'MOE', periodId).items[0]!;
      code = item.code;
      saveEntry(db, { actionPlanId: item.actionPlanId, bodyCode: 'MOE', periodId }, 0, { achievements: '초안' }, moe, '최교육');
    });
    const periodId = periodOf(app!.core.db, 2023);
    const item = getBodyReport(app!.core.db, 'MOE', periodId).items.find((i) => i.code === code)!;
    addEntryComment(app!.core.db, { actionPlanId: item.actionPlanId, bodyCode: 'MOE', periodId }, '인원을 적어 주세요', mogef);
    await app!.page.reload();
    await progress.open();
    await app!.page.getByTestId('lang-en').click();
    await expect.poll(() => app!.page.getByTestId(`my-item-${code}`).innerText()).toContain('1 comment');
    expect(await app!.page.getByTestId(`my-item-${code}`).innerText()).not.toContain('1 comments');
  });

  it('adding an indicator to an action plan whose reports are submitted warns first', async () => {
    let actionPlanId = 0;
    let code = '';
    const progress = await start(mogef, (db) => {
      submitted(db, 'MOE', 2022, moe);
      const item = getBodyReport(db, 'MOE', periodOf(db, 2022)).items[0]!;
      actionPlanId = item.actionPlanId;
      code = item.code;
    });
    const indicators = () => app!.core.db.prepare('SELECT count(*) FROM indicator WHERE action_plan_id = ? AND removed_at IS NULL').pluck().get(actionPlanId);
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    await app!.page.getByTestId(`review-item-${code}`).click();
    await app!.page.getByTestId('indicator-form').waitFor();
    await app!.page.getByTestId('indicator-name-ko').fill('연수 참여 교원 수');
    await app!.page.getByTestId('indicator-name-en').fill('Teachers trained');
    expect(await app!.page.getByTestId('indicator-name-en-count').innerText()).toBe('16 / 300자');
    await app!.page.getByTestId('indicator-add').click();
    const dialog = app!.page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('indicator-sent-reports').innerText()).toContain('2022년 · MOE · 제출됨');
    await progress.answerConfirm(false);
    expect(indicators()).toBe(0);
    expect(await app!.page.getByTestId('indicator-name-ko').inputValue()).toBe('연수 참여 교원 수');
    await app!.page.getByTestId('indicator-add').click();
    await progress.answerConfirm();
    await app!.page.getByTestId('indicator-added').waitFor();
    expect(indicators()).toBe(1);
  });
});

describe('item 12: focus and arrow keys in My action plans', () => {
  it('arrows move in the list; an entry opens on its heading and closes back to its item', async () => {
    await start(moe);
    const items = app!.page.locator('[data-testid^="my-item-"]');
    await items.first().waitFor();
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids.length).toBe(3);
    // One tab stop for the list.
    expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).tabIndex))).toEqual([0, -1, -1]);
    await items.first().focus();
    await app!.page.keyboard.press('ArrowDown');
    expect(await activeTestId()).toBe(ids[1]);
    await app!.page.keyboard.press('End');
    expect(await activeTestId()).toBe(ids[2]);
    await app!.page.keyboard.press('ArrowUp');
    expect(await activeTestId()).toBe(ids[1]);
    await app!.page.keyboard.press('Home');
    expect(await activeTestId()).toBe(ids[0]);
    await app!.page.keyboard.press('ArrowDown');

    await app!.page.keyboard.press('Enter');
    await app!.page.getByTestId('entry-form').waitFor();
    expect(await activeTestId()).toBe('entry-heading');
    await app!.page.getByTestId('entry-close').focus();
    await app!.page.keyboard.press('Enter');
    await app!.page.getByTestId('my-list').waitFor();
    await expect.poll(() => activeTestId()).toBe(ids[1]);
    expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).tabIndex))).toEqual([-1, 0, -1]);
  });
});

describe('item 12 in the review: the same list behaviour for the action plans of a report', () => {
  it('closing an entry opened from the review focuses its item again; arrows move there too', async () => {
    const progress = await start(mogef, (db) => submitted(db, 'MOE', 2022, moe));
    await progress.choosePeriod(2022);
    await app!.page.getByTestId('review-body-MOE').click();
    const items = app!.page.locator('[data-testid^="review-item-"]');
    await items.first().waitFor();
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    await items.first().focus();
    await app!.page.keyboard.press('End');
    expect(await activeTestId()).toBe(ids[ids.length - 1]);
    await app!.page.keyboard.press('Enter');
    await app!.page.getByTestId('entry-form').waitFor();
    expect(await activeTestId()).toBe('entry-heading');
    await progress.closeEntry();
    await expect.poll(() => activeTestId()).toBe(ids[ids.length - 1]);
  });
});

describe('item 13: nothing clipped at 1366×768; "No evidence available" explained', () => {
  // Clipped: wider than its box, past the window's edge, or read as cut off (a text that ends in "…").
  const clipped = () =>
    app!.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.progress-header__hint, .progress-header__identity, .installation-badge')]
        .filter(
          (el) =>
            el.scrollWidth > el.clientWidth ||
            el.getBoundingClientRect().right > document.documentElement.clientWidth ||
            /…\s*$/.test(el.innerText),
        )
        .map((el) => `${el.className}: ${el.scrollWidth} > ${el.clientWidth} "${el.innerText}"`),
    );

  it('the change-installation hint is whole on every Progress screen, for a body and for the coordinator, in both languages', async () => {
    const progress = await start(mogef);
    for (const language of ['ko', 'en']) {
      await app!.page.getByTestId(`lang-${language}`).click();
      for (const tab of ['review', 'mine', 'matrix', 'dashboard']) {
        await app!.page.getByTestId(`tab-${tab}`).click();
        expect(await clipped(), `${language} ${tab}`).toEqual([]);
      }
    }
    await switchTo(progress, { role: 'body', bodyCode: 'KOICA', userName: '정코이카' });
    for (const language of ['ko', 'en']) {
      await app!.page.getByTestId(`lang-${language}`).click();
      for (const tab of ['mine', 'matrix', 'dashboard']) {
        await app!.page.getByTestId(`tab-${tab}`).click();
        expect(await clipped(), `${language} ${tab}`).toEqual([]);
      }
    }
  });

  it('the level select explains "No evidence available" and is described by it', async () => {
    const progress = await start(moe);
    const code = (await app!.page.locator('[data-testid^="my-item-"]').first().getAttribute('data-testid'))!.replace('my-item-', '');
    await progress.openMyItem(code);
    const help = app!.page.getByTestId('completion-help');
    expect(await help.innerText()).toContain('근거 없음');
    const helpId = await help.getAttribute('id');
    const describedBy = (await app!.page.getByTestId('field-completion').getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(helpId);
  });
});
