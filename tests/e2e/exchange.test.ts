/**
 * The Exchange view in Chromium, two installations through the real handlers
 * and real workbooks on disk: MOGEF's coordinator writes request workbooks
 * for all ten bodies into a folder; MOFA's installation (its own data folder)
 * imports its request by a typed path, confirms the other year, applies,
 * fills in and submits its report and writes its report workbook from the
 * report view; the coordinator imports it (fields before → after), applies,
 * sees it in the history and undoes it (a confirmation that takes the focus,
 * Escape cancels). A conflict: the coordinator imports a copy of MOFA's
 * request filled in by hand in Excel (edited here with ExcelJS) whose
 * achievements differ from the report taken before: shown side by side,
 * settled per field. A file that is no workbook is refused in words.
 * Screenshots in docs/screenshots/exchange-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveEntry } from '../../db/entries';
import type { Installation } from '../../contract/progress';
import { SHEETS } from '../../contract/exchange';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
import { axeViolations } from './support/axe';
import { findTextProblems } from './support/text-fit';
import { ProgressPage } from './pages/progress';
import { ExchangePage } from './pages/exchange';

const YEAR = 2022;
const MOFA: Installation = { role: 'body', bodyCode: 'MOFA', userName: '김외교' };
const MOGEF: Installation = { role: 'coordinator', userName: '박총괄' };
const TYPED_ACHIEVEMENTS = '유엔 안보리 결의 1325호 이행 국제회의 2회 개최, 여성 평화 중재자 12명 양성';
const HAND_ACHIEVEMENTS = '엑셀로 작성: 국제회의 1회 개최 (담당자가 직접 적어 보냄)';

let coord: RunningApp;
let mofa: RunningApp;
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-exchange-out-'));
const mofaOutbox = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-exchange-mofa-'));
const earlyOutbox = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-exchange-early-'));
let mofaRequest = '';
let earlyReport = '';
/** The action plan whose achievements are long (clipped in the preview, whole behind a disclosure). */
let longCode = '';
const LONG_ACHIEVEMENTS = Array.from({ length: 12 }, (_, i) => `${i + 1}차 여성·평화·안보 역량 강화 교육을 재외공관 직원 대상으로 실시함.`).join(' ');
let mofaReport = '';

async function setUp(app: RunningApp, installation: Installation): Promise<void> {
  const r = app.core.dispatcher('setup:initialize', installation, { url: app.page.url() });
  expect(r.ok).toBe(true);
  await app.page.reload();
}

function entryOf(app: RunningApp, code: string): { achievements: string | null; completion: string | null } | undefined {
  return app.core.db
    .prepare(
      `SELECT pe.achievements, pe.completion FROM progress_entry pe JOIN action_plan ap ON ap.id = pe.action_plan_id
       JOIN implementing_body b ON b.id = pe.body_id JOIN reporting_period rp ON rp.id = pe.period_id
       WHERE ap.code = ? AND b.code = 'MOFA' AND rp.year = ?`,
    )
    .get(code, YEAR) as { achievements: string | null; completion: string | null } | undefined;
}

/** How far the window itself is scrolled (0: only the view scrolls, the shell stays in place). */
function windowScrolled(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement?.scrollTop ?? 0);
}

async function noHorizontalClipping(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const view = document.querySelector('[data-testid="exchange-view"]')!;
    return { scroll: view.scrollWidth, client: view.clientWidth };
  });
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  // The view scrolls inside the shell; the window itself never does (the header and navigation stay).
  expect(await windowScrolled(page)).toBe(0);
  expect(await page.evaluate(findTextProblems, '[data-testid="exchange-view"]')).toEqual([]);
}

beforeAll(async () => {
  coord = await launchApp({ viewport: { width: 1366, height: 768 } });
  await setUp(coord, MOGEF);
  mofa = await launchApp({ viewport: { width: 1366, height: 768 } });
  await setUp(mofa, MOFA);
});

afterAll(async () => {
  await coord?.close();
  await mofa?.close();
  await closeBrowser();
  fs.rmSync(outbox, { recursive: true, force: true });
  fs.rmSync(mofaOutbox, { recursive: true, force: true });
  fs.rmSync(earlyOutbox, { recursive: true, force: true });
});

describe('the Exchange view', () => {
  it('MOGEF writes a request workbook for each of the ten bodies into a folder', async () => {
    const x = new ExchangePage(coord.page);
    await x.open();
    const requests = coord.page.getByTestId('exchange-requests');
    await requests.waitFor();
    // Every body of the plan, all checked.
    const boxes = requests.locator('[data-testid^="requests-body-"]');
    expect(await boxes.count()).toBe(10);
    for (let i = 0; i < 10; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    await requests.getByTestId('requests-year').selectOption({ label: `${YEAR}년` });
    // No folder yet: the button waits and says why.
    expect(await requests.getByTestId('requests-write').isDisabled()).toBe(true);
    expect(await requests.locator('#xv-requests-why').innerText()).toContain('폴더');

    // A folder that does not exist: said with the folder, nothing written.
    const nowhere = path.join(outbox, 'no-such-folder');
    await x.typePath('requests-folder', nowhere);
    // No system dialog here: the typed path showed and took the focus.
    expect(await coord.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('requests-folder-input');
    await requests.getByTestId('requests-write').click();
    await expect.poll(() => requests.getByTestId('error-banner').innerText()).toContain(`${nowhere} 폴더가 없습니다`);
    expect(fs.readdirSync(outbox)).toEqual([]);

    await requests.getByTestId('requests-folder-input').fill(outbox);
    await requests.getByTestId('requests-write').click();
    const written = coord.page.getByTestId('requests-written');
    await written.waitFor();
    expect(await written.innerText()).toContain('요청 파일 10개를 썼습니다');
    expect(await x.focused()).toBe('requests-written');
    const files = written.getByTestId('requests-file');
    expect(await files.count()).toBe(10);
    mofaRequest = path.join(outbox, (await written.locator('[data-testid="requests-file"][data-body="MOFA"] .path').innerText()).trim());
    expect(fs.existsSync(mofaRequest)).toBe(true);
    expect(await written.innerText()).toContain(outbox);
    expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.xlsx'))).toHaveLength(10);
    await noHorizontalClipping(coord.page);
    expect(coord.pageErrors).toEqual([]);
  });

  it('MOFA imports its request by a typed path, confirms the other year and applies it', async () => {
    const x = new ExchangePage(mofa.page);
    await x.open();
    // A body writes no requests: only its report.
    expect(await mofa.page.getByTestId('exchange-requests').count()).toBe(0);
    await mofa.page.getByTestId('exchange-report').waitFor();

    // A workbook dropped on the card: the test bridge, like a browser, cannot tell its path, so the path is asked for.
    await mofa.page.getByTestId('exchange-import').evaluate((card, name) => {
      const data = new DataTransfer();
      data.items.add(new File(['PK'], name));
      card.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      card.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, path.basename(mofaRequest));
    expect(await mofa.page.getByTestId('import-drop-no-path').innerText()).toContain(path.basename(mofaRequest));
    expect(await mofa.page.getByTestId('import-file-input').isVisible()).toBe(true);

    // While the file is read, a progress bar with the job's step (main's answers about the job slowed to see it).
    mofa.setReplyDelay((channel) => (channel === 'exchange:job' ? 400 : 0));
    await x.readFile(mofaRequest);
    const bar = mofa.page.getByRole('progressbar');
    await bar.waitFor();
    expect(await mofa.page.getByTestId('import-step').innerText()).toMatch(/읽는 중|비교하는 중/);
    expect(await mofa.page.getByTestId('import-cancel').isVisible()).toBe(true);
    mofa.setReplyDelay(null);

    await x.previewShown();
    // The heading takes the focus when the preview appears; it sits under the import's heading, the rows under it.
    expect(await x.focused()).toBe('xv-preview-heading');
    expect(await mofa.page.getByRole('heading', { level: 3, name: '파일 가져오기' }).count()).toBe(1);
    expect(await mofa.page.getByRole('heading', { level: 4, name: /^가져오기 미리 보기/ }).count()).toBe(1);
    expect(await mofa.page.getByTestId('preview-kind').innerText()).toBe('요청 파일');
    expect(await mofa.page.getByTestId('preview-body').innerText()).toBe('외교부 (MOFA)');
    expect(await mofa.page.getByTestId('preview-writer').innerText()).toMatch(/^박총괄.* · 여성가족부 총괄$/);
    // 2022 is not the year open now (2023): Apply waits for the confirmation and says so.
    const apply = mofa.page.getByTestId('import-apply');
    await mofa.page.getByTestId('confirm-other_period').waitFor();
    expect(await apply.isDisabled()).toBe(true);
    expect(await mofa.page.getByTestId('apply-why').innerText()).toContain('확인 항목');
    await mofa.page.getByTestId('confirm-other_period').check();
    expect(await apply.isDisabled()).toBe(false);

    const notice = await x.apply();
    expect(notice).toContain('가져왔습니다');
    // The result takes the focus (the preview and its button are gone).
    expect(await x.focused()).toBe('import-notice');
    await expect.poll(() => mofa.page.getByTestId('history-row').count()).toBe(1);
    const row = mofa.page.getByTestId('history-row').first();
    expect(await row.innerText()).toContain('요청 파일');
    expect(await row.innerText()).toContain('김외교');

    // A first report workbook, written before anything is filled in (sent early, it arrives late).
    const report = mofa.page.getByTestId('exchange-report');
    await report.getByTestId('report-year').selectOption({ label: `${YEAR}년` });
    await x.typePath('report-folder', earlyOutbox);
    await report.getByTestId('report-write').click();
    await mofa.page.getByTestId('report-written').waitFor();
    earlyReport = (await mofa.page.getByTestId('report-written').getAttribute('data-path')) ?? '';
    expect(fs.existsSync(earlyReport)).toBe(true);
    expect(mofa.pageErrors).toEqual([]);
  });

  it('MOFA fills in and submits its report, then writes its report workbook from the report view', async () => {
    const db = mofa.core.db;
    const periodId = db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(YEAR) as number;
    const actions = db
      .prepare(
        `SELECT ap.id, ap.code FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id
         JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = 'MOFA' ORDER BY ap.id`,
      )
      .all() as { id: number; code: string }[];
    // The other action plans as the form would save them; 3.1.1 through the form itself.
    for (const [i, a] of actions.filter((a) => a.code !== '3.1.1').entries()) {
      const achievements = i === 0 ? LONG_ACHIEVEMENTS : `${a.code} 추진 실적`;
      saveEntry(db, { actionPlanId: a.id, bodyCode: 'MOFA', periodId }, 0, { completion: 'limited', delayed: false, achievements, nextSteps: '계속 추진' }, MOFA, MOFA.userName);
    }
    longCode = actions.find((a) => a.code !== '3.1.1')!.code;
    const progress = new ProgressPage(mofa.page);
    await progress.open();
    await progress.choosePeriod(YEAR);
    await progress.openMyItem('3.1.1');
    await progress.fillEntry({ completion: 'substantial', delayed: 'no', achievements: TYPED_ACHIEVEMENTS, nextSteps: '2023년 중재자 과정 확대' });
    await progress.closeEntry();
    await progress.submit();
    await expect.poll(() => progress.status()).toBe('submitted');

    await mofa.page.getByTestId('write-report-workbook').click();
    const report = mofa.page.getByTestId('exchange-report');
    await report.waitFor();
    expect(await new ExchangePage(mofa.page).focused()).toBe('xv-report-heading');
    expect(await report.getByTestId('report-year').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)).toBe(`${YEAR}년`);
    await new ExchangePage(mofa.page).typePath('report-folder', mofaOutbox);
    await report.getByTestId('report-write').click();
    const written = mofa.page.getByTestId('report-written');
    await written.waitFor();
    mofaReport = (await written.getAttribute('data-path')) ?? '';
    expect(path.dirname(mofaReport)).toBe(mofaOutbox);
    expect(fs.existsSync(mofaReport)).toBe(true);
    expect(await written.innerText()).toContain('보고 파일을 썼습니다');
    expect(mofa.pageErrors).toEqual([]);
  });

  it('MOGEF imports the report: the preview shows each field before → after; applies; the history lists it; undo works', async () => {
    const x = new ExchangePage(coord.page);
    await x.open();
    await x.readFile(mofaReport);
    await x.previewShown();
    expect(await coord.page.getByTestId('preview-kind').innerText()).toBe('보고 파일');
    expect(await coord.page.getByTestId('preview-writer').innerText()).toMatch(/^김외교.* · 기관$/);
    // The submit the file carries: said once, not again among the warnings.
    expect(await coord.page.getByTestId('preview-state').innerText()).toBe('보고서 상태: 작성 중 → 제출됨');
    expect(await coord.page.getByTestId('import-preview').innerText()).not.toMatch(/보고서 상태[^]*보고서 상태/);
    const field = x.field('3.1.1', 'achievements');
    await field.waitFor();
    expect(await field.getAttribute('data-outcome')).toBe('taken');
    expect(await field.getByTestId('field-mine').innerText()).toBe('(비어 있음)');
    expect(await field.getByTestId('field-file').innerText()).toBe(TYPED_ACHIEVEMENTS);
    expect(await x.field('3.1.1', 'completion').getByTestId('field-file').innerText()).toBe('상당 부분');
    // A long text is clipped, whole behind a disclosure.
    const long = x.field(longCode, 'achievements').getByTestId('field-file').locator('details');
    expect(await long.locator('summary').innerText()).toContain(`전체 보기 (${LONG_ACHIEVEMENTS.length}자)`);
    expect(await long.getAttribute('open')).toBeNull();
    await long.locator('summary').click();
    expect(await long.getAttribute('open')).not.toBeNull();
    expect(await long.locator('.xv-text').innerText()).toBe(LONG_ACHIEVEMENTS);
    await long.locator('summary').click();
    if ((await coord.page.getByTestId('confirm-other_period').count()) > 0) await coord.page.getByTestId('confirm-other_period').check();
    await noHorizontalClipping(coord.page);
    await coord.page.getByTestId('preview-counts').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await windowScrolled(coord.page)).toBe(0);

    expect(await x.apply()).toContain('가져왔습니다');
    expect(entryOf(coord, '3.1.1')?.achievements).toBe(TYPED_ACHIEVEMENTS);
    await expect.poll(() => coord.page.getByTestId('history-row').count()).toBe(1);
    const row = coord.page.getByTestId('history-row').first();
    expect(await row.innerText()).toContain(path.basename(mofaReport));
    expect(await row.innerText()).toContain('보고 파일');
    expect(await row.innerText()).toContain('김외교');
    expect(await row.innerText()).toContain('박총괄');

    // Undo: a confirmation that takes the focus; Escape cancels it and nothing changes.
    await row.getByTestId('history-undo').click();
    const dialog = coord.page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('되돌립니다');
    expect(await x.focused()).toBe('confirm-cancel');
    await coord.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(entryOf(coord, '3.1.1')?.achievements).toBe(TYPED_ACHIEVEMENTS);
    expect(await x.focused()).toBe('history-undo');

    await row.getByTestId('history-undo').click();
    await dialog.getByTestId('confirm-ok').click();
    const result = coord.page.getByTestId('undo-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('되돌렸습니다');
    expect(entryOf(coord, '3.1.1')?.achievements ?? null).toBeNull();
    await expect.poll(() => coord.page.getByTestId('history-undone').count()).toBe(1);
    expect(await coord.page.getByTestId('history-undone').innerText()).toContain('박총괄');

    // Imported again, to go on.
    await x.readFile(mofaReport);
    await x.previewShown();
    expect(await coord.page.getByTestId('preview-already').count()).toBe(0);
    if ((await coord.page.getByTestId('confirm-other_period').count()) > 0) await coord.page.getByTestId('confirm-other_period').check();
    await x.apply();
    expect(entryOf(coord, '3.1.1')?.achievements).toBe(TYPED_ACHIEVEMENTS);
    await expect.poll(() => coord.page.getByTestId('history-row').count()).toBe(2);
    expect(coord.pageErrors).toEqual([]);
  });

  it('a conflict (MOFA’s request filled in by hand in Excel, after its report was taken) is shown side by side and settled per field', async () => {
    // MOGEF returns the report, so the body's fields may change here again.
    const periodId = coord.core.db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(YEAR) as number;
    expect(coord.core.dispatcher('report:return', { bodyCode: 'MOFA', periodId, reason: '3.1.1의 실적을 다시 확인해 주세요.' }, { url: coord.page.url() }).ok).toBe(true);

    // The focal point also filled in the request workbook in Excel and sent it back.
    const byHand = path.join(outbox, 'MOFA-filled-by-hand.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(mofaRequest);
    const sheet = book.getWorksheet(SHEETS.rows)!;
    let header = 0;
    let column = 0;
    let budgetColumn = 0;
    sheet.eachRow((row, n) => {
      row.eachCell((cell, c) => {
        const text = String(cell.value ?? '');
        if (header === 0 && text.startsWith('추진 실적')) {
          header = n;
          column = c;
        }
        if (budgetColumn === 0 && text.startsWith('예산 편성액')) budgetColumn = c;
      });
    });
    expect(column).toBeGreaterThan(0);
    expect(budgetColumn).toBeGreaterThan(0);
    let edited = false;
    let budgetCell = '';
    sheet.eachRow((row, n) => {
      if (n > header && String(row.getCell(1).value ?? '').trim() === '3.1.1') {
        row.getCell(column).value = HAND_ACHIEVEMENTS;
        // An amount written in words, which the reader never guesses.
        row.getCell(budgetColumn).value = '1억 2천만원';
        budgetCell = row.getCell(budgetColumn).address;
        edited = true;
      }
    });
    expect(edited).toBe(true);
    await book.xlsx.writeFile(byHand);

    const x = new ExchangePage(coord.page);
    await x.readFile(byHand);
    await x.previewShown();
    const conflict = x.field('3.1.1', 'achievements');
    await conflict.waitFor();
    expect(await conflict.getAttribute('data-outcome')).toBe('conflict');
    expect(await coord.page.locator('[data-testid="preview-row"][data-code="3.1.1"]').getAttribute('data-outcome')).toBe('conflict');
    // Side by side: this computer's value and the file's.
    expect(await conflict.getByTestId('field-mine').innerText()).toContain(TYPED_ACHIEVEMENTS);
    expect(await conflict.getByTestId('field-file').innerText()).toContain(HAND_ACHIEVEMENTS);
    // The amount in words is not read: the reason and the cell.
    const budget = x.field('3.1.1', 'budgetAllocated');
    expect(await budget.getAttribute('data-outcome')).toBe('rejected');
    expect(await budget.getByTestId('field-reason').innerText()).toContain('숫자로만');
    const reason = await budget.getByTestId('field-reason').innerText();
    expect(reason).toContain(budgetCell);
    // The cell is said once.
    expect(reason.split(budgetCell)).toHaveLength(2);
    if ((await coord.page.getByTestId('confirm-other_period').count()) > 0) await coord.page.getByTestId('confirm-other_period').check();
    const apply = coord.page.getByTestId('import-apply');
    expect(await apply.isDisabled()).toBe(true);
    expect(await coord.page.getByTestId('apply-why').innerText()).toMatch(/충돌 \d+칸의 값을 먼저 고르세요/);
    expect(await coord.page.getByTestId('bulk-file').isVisible()).toBe(true);
    expect(await coord.page.getByTestId('bulk-mine').isVisible()).toBe(true);

    // Keep all mine first, then take this one field from the file.
    await coord.page.getByTestId('bulk-mine').click();
    expect(await conflict.getAttribute('data-picked')).toBe('mine');
    await conflict.getByTestId('field-file').getByTestId('pick-file').check();
    expect(await conflict.getAttribute('data-picked')).toBe('file');
    expect(await apply.isDisabled()).toBe(false);
    await noHorizontalClipping(coord.page);
    await conflict.evaluate((el) => el.closest('[data-testid="preview-row"]')!.scrollIntoView({ block: 'center' }));
    await saveScreenshot(coord.page, 'exchange-conflict');
    expect(await windowScrolled(coord.page)).toBe(0);
    // WCAG 2.2 AA on the preview with a conflict shown side by side (KWCAG 2.2).
    expect(await axeViolations(coord.page, 'exchange conflict, ko')).toEqual([]);

    // Leaving the view and coming back keeps the preview and the picks; the focus stays where the navigation left it.
    await coord.page.getByTestId('nav-plan').click();
    await coord.page.getByTestId('exchange-view').waitFor({ state: 'detached' });
    await x.open();
    await conflict.waitFor();
    expect(await conflict.getAttribute('data-picked')).toBe('file');
    expect(await x.focused()).toBe('nav-exchange');

    // In English too.
    await coord.page.getByTestId('lang-en').click();
    await expect.poll(() => coord.page.locator('#xv-preview-heading').innerText()).toContain('Preview of the import');
    expect(await conflict.getByTestId('field-mine').innerText()).toContain('Use this computer’s');
    await noHorizontalClipping(coord.page);
    expect(await axeViolations(coord.page, 'exchange conflict, en')).toEqual([]);
    await coord.page.getByTestId('lang-ko').click();

    await x.apply();
    expect(entryOf(coord, '3.1.1')?.achievements).toBe(HAND_ACHIEVEMENTS);
    await expect.poll(() => coord.page.getByTestId('history-row').count()).toBe(3);
    await coord.page.getByTestId('exchange-history').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await saveScreenshot(coord.page, 'exchange-history');
    expect(await windowScrolled(coord.page)).toBe(0);
    expect(coord.pageErrors).toEqual([]);
  });

  it('MOGEF returns the report through a request workbook: MOFA sees the return and each changed field before → after', async () => {
    // MOGEF writes MOFA's request alone, holding the return and the values it now has.
    const c = new ExchangePage(coord.page);
    const requests = coord.page.getByTestId('exchange-requests');
    await requests.getByTestId('requests-year').selectOption({ label: `${YEAR}년` });
    await requests.getByRole('button', { name: '모두 해제' }).click();
    await requests.getByTestId('requests-body-MOFA').check();
    const again = fs.mkdtempSync(path.join(outbox, 'again-'));
    await c.typePath('requests-folder', again);
    await requests.getByTestId('requests-write').click();
    await expect.poll(() => coord.page.getByTestId('requests-file').count()).toBe(1);
    const request = path.join(again, fs.readdirSync(again).find((f) => f.endsWith('.xlsx'))!);

    const x = new ExchangePage(mofa.page);
    await x.open();
    await x.readFile(request);
    await x.previewShown();
    expect(await mofa.page.getByTestId('preview-state').innerText()).toBe('보고서 상태: 제출됨 → 보완 요청');
    const row = mofa.page.locator('[data-testid="preview-row"][data-code="3.1.1"]');
    expect(await row.getAttribute('data-outcome')).toBe('changed');
    const field = x.field('3.1.1', 'achievements');
    expect(await field.getAttribute('data-outcome')).toBe('taken');
    expect(await field.getByTestId('field-mine').innerText()).toBe(TYPED_ACHIEVEMENTS);
    expect(await field.getByTestId('field-file').innerText()).toBe(HAND_ACHIEVEMENTS);
    // Unchanged rows are hidden at first; the filter buttons show and hide rows by outcome.
    const rows = mofa.page.getByTestId('preview-row');
    expect(await rows.count()).toBe(1);
    const unchanged = mofa.page.getByTestId('filter-unchanged');
    expect(await unchanged.getAttribute('aria-pressed')).toBe('false');
    await unchanged.click();
    expect(await rows.count()).toBe(1 + Number(await mofa.page.getByTestId('count-unchanged').locator('.xv-count__n').innerText()));
    await unchanged.click();
    await mofa.page.getByTestId('filter-changed').click();
    expect(await rows.count()).toBe(0);
    expect(await mofa.page.getByTestId('import-preview').innerText()).toContain('고른 결과에 해당하는 행이 없습니다');
    await mofa.page.getByTestId('filter-changed').click();
    expect(await rows.count()).toBe(1);
    if ((await mofa.page.getByTestId('confirm-other_period').count()) > 0) await mofa.page.getByTestId('confirm-other_period').check();
    await noHorizontalClipping(mofa.page);
    await mofa.page.getByTestId('import-preview').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await saveScreenshot(mofa.page, 'exchange-preview');
    expect(await windowScrolled(mofa.page)).toBe(0);

    await x.apply();
    expect(entryOf(mofa, '3.1.1')?.achievements).toBe(HAND_ACHIEVEMENTS);
    const progress = new ProgressPage(mofa.page);
    await progress.open();
    await progress.choosePeriod(YEAR);
    await expect.poll(() => progress.status()).toBe('returned');
    expect(mofa.pageErrors).toEqual([]);
  });

  it('says when a file was imported already, and discards its preview', async () => {
    const x = new ExchangePage(coord.page);
    const before = await coord.page.getByTestId('history-row').count();
    await x.readFile(mofaReport);
    await x.previewShown();
    expect(await coord.page.getByTestId('preview-already').innerText()).toBe('이미 가져온 파일입니다 — 적용해도 바뀌는 것이 없습니다.');
    await coord.page.getByTestId('import-discard').click();
    await coord.page.locator('[data-testid="import-notice"][data-kind="discarded"]').waitFor();
    expect(await coord.page.getByTestId('import-preview').count()).toBe(0);
    expect(await coord.page.getByTestId('history-row').count()).toBe(before);
    expect(entryOf(coord, '3.1.1')?.achievements).toBe(HAND_ACHIEVEMENTS);
  });

  it('asks to confirm a report older than one imported already, and applies nothing unconfirmed', async () => {
    const x = new ExchangePage(coord.page);
    await x.readFile(earlyReport);
    await x.previewShown();
    const older = coord.page.getByTestId('confirm-older_than_imported');
    await older.waitFor();
    expect(await coord.page.getByTestId('preview-confirm').innerText()).toContain('먼저 쓰인 것입니다');
    if ((await coord.page.getByTestId('confirm-other_period').count()) > 0) await coord.page.getByTestId('confirm-other_period').check();
    expect(await coord.page.getByTestId('import-apply').isDisabled()).toBe(true);
    expect(await coord.page.getByTestId('apply-why').innerText()).toContain('확인 항목');
    await older.check();
    expect(await coord.page.getByTestId('import-apply').isDisabled()).toBe(false);
    await coord.page.getByTestId('import-discard').click();
    await coord.page.locator('[data-testid="import-notice"][data-kind="discarded"]').waitFor();
    expect(entryOf(coord, '3.1.1')?.achievements).toBe(HAND_ACHIEVEMENTS);
  });

  const x = () => new ExchangePage(coord.page);

  it('does not undo an import while a later import of the same report stands, and says which to undo first', async () => {
    // Newest first: the hand-filled request, the report imported again, the report undone.
    const rows = coord.page.getByTestId('history-row');
    expect(await rows.count()).toBe(3);
    await rows.nth(1).getByTestId('history-undo').click();
    await coord.page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    const result = coord.page.getByTestId('undo-result');
    await expect.poll(() => result.innerText()).toContain('나중의 가져오기를 먼저 되돌리세요');
    expect(await result.getAttribute('role')).toBe('alert');
    expect(await x().focused()).toBe('undo-result');
    expect(entryOf(coord, '3.1.1')?.achievements).toBe(HAND_ACHIEVEMENTS);
    expect(await rows.nth(1).getAttribute('data-undone')).toBe('false');
  });

  it('refuses a file that is no workbook, in words, and changes nothing', async () => {
    const x = new ExchangePage(coord.page);
    const bogus = path.join(outbox, 'not-a-workbook.xlsx');
    fs.writeFileSync(bogus, '이것은 엑셀 파일이 아닙니다\n');
    const before = await coord.page.getByTestId('history-row').count();
    await x.readFile(bogus);
    const notice = coord.page.locator('[data-testid="import-notice"][data-kind="failed"]');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.innerText()).toContain('아무것도 바뀌지 않았습니다');
    expect((await notice.getByTestId('import-error-text').innerText()).length).toBeGreaterThan(10);
    expect(await coord.page.getByTestId('import-preview').count()).toBe(0);
    expect(await coord.page.getByTestId('history-row').count()).toBe(before);

    // A path with no file at all: said with the path.
    const missing = path.join(outbox, 'missing.xlsx');
    await coord.page.getByTestId('import-file-input').fill(missing);
    await coord.page.getByTestId('import-read').click();
    await expect.poll(() => notice.innerText()).toContain(missing);
    expect(coord.pageErrors).toEqual([]);
  });

  it('drops an open preview when the installation changes (File → Change installation…)', async () => {
    const x = new ExchangePage(mofa.page);
    await x.open();
    await x.readFile(earlyReport);
    await x.previewShown();
    await mofa.emit('data:changed', mofa.core.resetInstallation());
    await mofa.page.getByTestId('setup-prompt').waitFor();
    // Set up again without reloading the page (the store would be new): as main tells it after a set-up.
    expect(mofa.core.dispatcher('setup:initialize', MOFA, { url: mofa.page.url() }).ok).toBe(true);
    await mofa.emit('data:changed', { entities: ['installation'] });
    await mofa.page.getByTestId('setup-prompt').waitFor({ state: 'detached' });
    await x.open();
    await mofa.page.getByTestId('exchange-import').waitFor();
    expect(await mofa.page.getByTestId('import-preview').count()).toBe(0);
  });
});
