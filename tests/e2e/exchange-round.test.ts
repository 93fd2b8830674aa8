/**
 * The yearly round with all ten bodies, no two installations sharing a data
 * folder: MOGEF's application (Chromium, the real renderer) writes the ten
 * request workbooks; nine body installations (their own data folders, the
 * same core through the command line) import theirs, fill in, submit and
 * write their reports; KOICA never installs the application and fills in
 * its request workbook in a spreadsheet program (ExcelJS here), saying
 * "submit" in the file. MOGEF imports all ten in the Exchange view, each
 * previewed and applied; all ten reports are submitted on MOGEF's side.
 * MOGEF returns MND's; the return reaches MND by a request workbook, MND
 * corrects and sends again, and MOGEF's preview shows the one changed field
 * before → after. That import is undone in the history and done again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '../../contract/progress';
import { ROWS_LAYOUT, SHEETS } from '../../contract/exchange';
import { getBodyReport, submitReport } from '../../db/reports';
import { saveEntry } from '../../db/entries';
import { requireInstallation } from '../../db/installation';
import { closeBrowser, launchApp, type RunningApp } from './support/harness';
import { ExchangePage } from './pages/exchange';
import { actionId, bodyActions, fillAll, ok, period, withDb } from '../exchange/support-cycle';

const YEAR = 2023;
const MOGEF: Installation = { role: 'coordinator', userName: '박총괄' };
const BY_HAND = 'KOICA';

let coord: RunningApp;
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-round-'));

beforeAll(async () => {
  coord = await launchApp({ viewport: { width: 1366, height: 768 } });
  expect(coord.core.dispatcher('setup:initialize', MOGEF, { url: coord.page.url() }).ok).toBe(true);
  await coord.page.reload();
});

afterAll(async () => {
  await coord?.close();
  await closeBrowser();
  fs.rmSync(base, { recursive: true, force: true });
});

function statusAtMogef(body: string): string {
  const db = coord.core.db;
  const periodId = db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(YEAR) as number;
  return getBodyReport(db, body, periodId).status;
}

/** A spreadsheet program fills in the request workbook: every row's required cells, and "submit". */
async function fillByHand(request: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(request);
  const ws = wb.getWorksheet(SHEETS.rows)!;
  const header = ws.getRow(ROWS_LAYOUT.headerRow);
  const col = (label: RegExp) => {
    let found = 0;
    header.eachCell((c, n) => {
      if (label.test(String(c.value))) found = n;
    });
    if (found === 0) throw new Error(`no column ${label}`);
    return found;
  };
  const [level, delayed, achievements, next] = [/^이행 수준/, /^지연 여부/, /^추진 실적/, /^향후 계획/].map(col) as [number, number, number, number];
  for (let r = ROWS_LAYOUT.firstDataRow; ws.getRow(r).getCell(1).value; r++) {
    const row = ws.getRow(r);
    row.getCell(level).value = '상당 부분';
    row.getCell(delayed).value = '아니오';
    row.getCell(achievements).value = `${String(row.getCell(1).value)} 엑셀로 직접 적은 실적`;
    row.getCell(next).value = '내년에도 계속';
  }
  ws.getCell(`B${ROWS_LAYOUT.submitRow}`).value = '예';
  await wb.xlsx.writeFile(out);
}

describe('the yearly round: ten bodies, MOGEF in the Exchange view', () => {
  it('ten requests out, ten reports in (one filled in by hand), a return and a correction, an undo and a redo', { timeout: 240_000 }, async () => {
    const db = coord.core.db;
    const periodId = db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(YEAR) as number;
    const bodies = db.prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id ORDER BY pb.seq').pluck().all() as string[];
    expect(bodies).toHaveLength(10);

    // MOGEF writes the ten requests (the view's export is tested in exchange.test.ts; here the same core call).
    const round = path.join(base, 'round');
    fs.mkdirSync(round);
    const job = coord.core.exchange.exportRequests({ periodId, bodyCodes: bodies, dir: round }, MOGEF);
    const written = await coord.core.exchange.settled(job.id);
    expect(written.files).toHaveLength(10);
    const requestOf = new Map(written.files!.map((f) => [f.bodyCode, f.path]));

    // Nine installations import, fill in, submit and write their reports; KOICA fills the workbook by hand.
    const reports = new Map<string, string>();
    for (const body of bodies) {
      const out = path.join(base, `report-${body}.xlsx`);
      if (body === BY_HAND) {
        await fillByHand(requestOf.get(body)!, out);
      } else {
        const dir = path.join(base, body.toLowerCase());
        await ok('--data-dir', dir, 'setup', '--body', body, '--name', `${body} 담당`);
        await ok('--data-dir', dir, 'import', requestOf.get(body)!, '--apply');
        withDb(dir, (d) => {
          fillAll(d, body, (code) => `${code} ${body} 실적`);
          // Submitted through the core, as the application's Submit does.
          submitReport(d, period(d), requireInstallation(d));
        });
        await ok('--data-dir', dir, 'export', 'report', '--year', String(YEAR), '--out', out);
      }
      reports.set(body, out);
    }

    // MOGEF imports all ten in the view, each previewed, then applied.
    const x = new ExchangePage(coord.page);
    await x.open();
    for (const body of bodies) {
      await x.readFile(reports.get(body)!);
      await x.previewShown();
      const preview = await coord.page.getByTestId('import-preview').innerText();
      expect(preview).toContain(body);
      for (const c of ['unknown_installation', 'older_than_imported', 'other_period']) {
        if ((await coord.page.getByTestId(`confirm-${c}`).count()) > 0) await coord.page.getByTestId(`confirm-${c}`).check();
      }
      expect(await x.apply()).toContain('가져왔습니다');
    }
    expect(bodies.map((b) => [b, statusAtMogef(b)])).toEqual(bodies.map((b) => [b, 'submitted']));
    await expect.poll(() => coord.page.getByTestId('history-row').count()).toBe(10);
    const koica = withDbOf(coord, BY_HAND);
    expect(koica.every((e) => e.achievements?.endsWith('엑셀로 직접 적은 실적'))).toBe(true);

    // MOGEF returns MND's report; the return travels by a request workbook; MND corrects one field and sends again.
    expect(coord.core.dispatcher('report:return', { bodyCode: 'MND', periodId, reason: '예산 집행액을 적어 주세요.' }, { url: coord.page.url() }).ok).toBe(true);
    const back = await coord.core.exchange.settled(coord.core.exchange.exportRequests({ periodId, bodyCodes: ['MND'], dir: round }, MOGEF).id);
    const mnd = path.join(base, 'mnd');
    const preview = JSON.parse(await ok('--data-dir', mnd, 'import', back.files![0]!.path, '--json')) as { state: unknown; warnings: { ko: string }[] };
    expect(preview.state).toEqual({ from: 'submitted', to: 'returned' });
    expect(preview.warnings.map((w) => w.ko).join('\n')).toContain('예산 집행액을 적어 주세요.');
    await ok('--data-dir', mnd, 'import', back.files![0]!.path, '--apply');
    const corrected = withDb(mnd, (d) => {
      const actor = requireInstallation(d);
      const code = bodyActions(d, 'MND')[0]!;
      const key = { actionPlanId: actionId(d, code), bodyCode: 'MND', periodId: period(d) };
      const revision = d.prepare('SELECT revision FROM progress_entry WHERE action_plan_id = ? AND period_id = ?').pluck().get(key.actionPlanId, key.periodId) as number;
      saveEntry(d, key, revision, { budgetExecuted: 7_000_000 }, actor, actor.userName);
      submitReport(d, period(d), actor);
      return code;
    });
    const again = path.join(base, 'report-MND-2.xlsx');
    await ok('--data-dir', mnd, 'export', 'report', '--year', String(YEAR), '--out', again);

    await x.readFile(again);
    await x.previewShown();
    const field = x.field(corrected, 'budgetExecuted');
    expect(await field.innerText()).toContain('7,000,000');
    expect(await coord.page.locator('[data-testid="preview-field"]:not([data-outcome="kept"]):not([data-outcome="unchanged"])').count()).toBe(1);
    await x.apply();
    expect(statusAtMogef('MND')).toBe('submitted');

    // Undone in the history (MND back to returned, the field back), then done again.
    const row = coord.page.getByTestId('history-row').first();
    expect(await row.innerText()).toContain('report-MND-2.xlsx');
    await row.getByTestId('history-undo').click();
    await coord.page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await coord.page.getByTestId('undo-result').waitFor();
    expect(statusAtMogef('MND')).toBe('returned');
    await x.readFile(again);
    await x.previewShown();
    await x.apply();
    expect(statusAtMogef('MND')).toBe('submitted');
    expect(coord.pageErrors).toEqual([]);
    expect(coord.blockedRequests).toEqual([]);
  });
});


function withDbOf(app: RunningApp, body: string): { achievements: string | null }[] {
  return app.core.db
    .prepare(
      `SELECT pe.achievements FROM progress_entry pe JOIN implementing_body b ON b.id = pe.body_id JOIN reporting_period rp ON rp.id = pe.period_id
       WHERE b.code = ? AND rp.year = ?`,
    )
    .all(body, YEAR) as { achievements: string | null }[];
}
