/**
 * The column-mapping step in the Exchange view: a workbook MOFA rebuilt by
 * hand (SheetJS), with its own sheet name, a title row and headers of its
 * own, no information sheet. At MOGEF it is refused without a mapping (the
 * header row was not found); with the body, the year, the header row and
 * the column letters given in the section for files made by hand it is
 * previewed (three new rows with the values) and applied into the database.
 * A letter given twice is said next to both inputs and the file is not read.
 * Screenshot: docs/screenshots/exchange-mapping.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '../../contract/progress';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
import { findTextProblems } from './support/text-fit';
import { axeViolations } from './support/axe';
import { ExchangePage } from './pages/exchange';

const YEAR = 2022;
const MOGEF: Installation = { role: 'coordinator', userName: '박총괄' };
const SHEET = '외교부 실적';

let app: RunningApp;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-exchange-mapping-'));
const file = path.join(folder, 'mofa-by-hand.xlsx');
let codes: string[] = [];
const ACHIEVEMENTS = ['손으로 만든 표의 첫째 실적', '재외공관 교육 2회', '평화 중재자 양성 과정 운영'];
const NEXT = ['계속 추진', '교육 확대', '과정 정례화'];

function entryOf(code: string) {
  return app.core.db
    .prepare(
      `SELECT pe.completion, pe.delayed, pe.achievements, pe.next_steps AS nextSteps FROM progress_entry pe
       JOIN action_plan ap ON ap.id = pe.action_plan_id JOIN implementing_body b ON b.id = pe.body_id
       JOIN reporting_period rp ON rp.id = pe.period_id WHERE ap.code = ? AND b.code = 'MOFA' AND rp.year = ?`,
    )
    .get(code, YEAR) as { completion: string | null; delayed: number | null; achievements: string | null; nextSteps: string | null } | undefined;
}

beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1366, height: 768 } });
  expect(app.core.dispatcher('setup:initialize', MOGEF, { url: app.page.url() }).ok).toBe(true);
  await app.page.reload();
  codes = app.core.db
    .prepare(
      `SELECT ap.code FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id
       JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = 'MOFA' ORDER BY ap.id LIMIT 3`,
    )
    .pluck()
    .all() as string[];
  expect(codes).toHaveLength(3);
  const ws = XLSX.utils.aoa_to_sheet([
    [`외교부 ${YEAR}년 이행 실적 (직접 작성)`],
    ['과제번호', '진척', '지연', '실적내용', '향후계획'],
    ...codes.map((code, i) => [code, '완료', '아니오', ACHIEVEMENTS[i], NEXT[i]]),
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, SHEET);
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
});

afterAll(async () => {
  await app?.close();
  await closeBrowser();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('the column-mapping step of the Exchange view', () => {
  it('refuses a hand-made workbook without a mapping, reads and applies it with one', async () => {
    const page = app.page;
    const x = new ExchangePage(page);
    await x.open();

    // Without a mapping: refused, the header row was not found, in the sheet the file has.
    await x.readFile(file);
    const failed = page.locator('[data-testid="import-notice"][data-kind="failed"]');
    await failed.waitFor();
    const refusal = await failed.getByTestId('import-error-text').innerText();
    expect(refusal).toContain('머리글 행');
    expect(refusal).toContain(SHEET);
    expect(app.requests.filter((r) => r === 'exchange:preview')).toHaveLength(1);

    // The section for files made by hand: body, year, then the columns.
    const section = page.getByTestId('import-identity');
    await section.locator('summary').click();
    await section.getByTestId('import-identity-body').selectOption('MOFA');
    await section.getByTestId('import-identity-year').selectOption(String(YEAR));
    const mapping = page.getByTestId('import-mapping');
    await mapping.getByTestId('mapping-header-row').fill('2');
    await mapping.getByTestId('mapping-column-code').fill('a');
    // Upper-cased as typed.
    expect(await mapping.getByTestId('mapping-column-code').inputValue()).toBe('A');

    // A letter given twice: said next to both, and the file is not read.
    await mapping.getByTestId('mapping-column-completion').fill('A');
    expect(await mapping.getByTestId('mapping-error-completion').innerText()).toBe('이행 수준: A열은 코드에도 적혀 있습니다. 한 열에는 한 항목만 지정하세요.');
    expect(await mapping.getByTestId('mapping-error-code').innerText()).toContain('A열은 이행 수준에도');
    expect(await mapping.getByTestId('mapping-column-completion').getAttribute('aria-invalid')).toBe('true');
    const read = page.getByTestId('import-read');
    expect(await read.isDisabled()).toBe(true);
    expect(await page.getByTestId('import-why').innerText()).toContain('열 지정');
    expect(await read.getAttribute('aria-describedby')).toBe('xv-import-why');

    // A letter that is no column, and the code left out: each said where it is.
    await mapping.getByTestId('mapping-column-completion').fill('B1');
    expect(await mapping.getByTestId('mapping-error-completion').innerText()).toContain('영문자 1~3자');
    await mapping.getByTestId('mapping-column-code').fill('');
    expect(await mapping.getByTestId('mapping-error-code').innerText()).toContain('코드 열을 적으세요');
    expect(await read.isDisabled()).toBe(true);

    await mapping.getByTestId('mapping-column-code').fill('A');
    await mapping.getByTestId('mapping-column-completion').fill('B');
    await mapping.getByTestId('mapping-column-delayed').fill('C');
    await mapping.getByTestId('mapping-column-achievements').fill('D');
    await mapping.getByTestId('mapping-column-nextSteps').fill('E');
    expect(await mapping.locator('.xv-mapping__error').count()).toBe(0);
    expect(await page.getByTestId('import-why').count()).toBe(0);
    expect(await read.isDisabled()).toBe(false);

    // Every control labelled; in English the fields carry their English names.
    for (const input of await mapping.locator('input').all()) {
      expect((await input.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')).trim()).not.toBe('');
    }
    expect(await mapping.locator('label[for$="-code"]').innerText()).toBe('코드 (필수)');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => mapping.locator('label[for$="-code"]').innerText()).toBe('Code (required)');
    expect(await mapping.locator('label[for$="-achievements"]').innerText()).toBe('Achievements');
    await page.getByTestId('lang-ko').click();
    await expect.poll(() => mapping.locator('label[for$="-code"]').innerText()).toBe('코드 (필수)');

    // Fits 1366×768: nothing clipped, the window itself does not scroll.
    const overflow = await page.evaluate(() => {
      const view = document.querySelector('[data-testid="exchange-view"]')!;
      return { scroll: view.scrollWidth, client: view.clientWidth };
    });
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
    expect(await page.evaluate(findTextProblems, '[data-testid="import-mapping"]')).toEqual([]);
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    // WCAG 2.2 AA on the mapping step, in Korean and English (KWCAG 2.2).
    expect(await axeViolations(page, 'exchange mapping step, ko')).toEqual([]);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => mapping.locator('label[for$="-code"]').innerText()).toBe('Code (required)');
    expect(await axeViolations(page, 'exchange mapping step, en')).toEqual([]);
    await page.getByTestId('lang-ko').click();
    await expect.poll(() => mapping.locator('label[for$="-code"]').innerText()).toBe('코드 (필수)');
    await saveScreenshot(page, 'exchange-mapping');
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);

    await read.click();
    await x.previewShown();
    expect(await page.getByTestId('preview-body').innerText()).toBe('외교부 (MOFA)');
    expect(await page.getByTestId('count-new').locator('.xv-count__n').innerText()).toBe('3');
    for (const [i, code] of codes.entries()) {
      expect(await page.locator(`[data-testid="preview-row"][data-code="${code}"]`).getAttribute('data-outcome')).toBe('new');
      expect(await x.field(code, 'completion').getByTestId('field-file').innerText()).toBe('완료');
      expect(await x.field(code, 'achievements').getByTestId('field-file').innerText()).toBe(ACHIEVEMENTS[i]);
      expect(await x.field(code, 'nextSteps').getByTestId('field-file').innerText()).toBe(NEXT[i]);
    }
    for (const box of await page.locator('[data-testid="preview-confirm"] input[type="checkbox"]').all()) await box.check();
    expect(await x.apply()).toContain('가져왔습니다');

    for (const [i, code] of codes.entries()) {
      expect(entryOf(code)).toEqual({ completion: 'completed', delayed: 0, achievements: ACHIEVEMENTS[i], nextSteps: NEXT[i] });
    }
    expect(app.pageErrors).toEqual([]);
  });
});
