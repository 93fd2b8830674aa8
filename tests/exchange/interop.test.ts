/**
 * A report workbook opened and saved again by LibreOffice Calc (as .xlsx,
 * .ods and the old .xls) imports at MOGEF with nothing lost: every entry
 * equal to the body's own, the indicator value, the evidence, the submit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence, defineIndicator, setIndicatorValue } from '../../db/indicators';
import { requireInstallation } from '../../db/installation';
import { getBodyReport, submitReport } from '../../db/reports';
import { dumpDatabase } from '../../db/dump';
import { convert, requireLibreOffice } from './support-libreoffice';
import { actionId, apply, bodyActions, entriesOf, fillAll, ok, period, preview, withDb, YEAR } from './support-cycle';

const LONG = '가나다라마바사 아자차카타파하. '.repeat(1200).slice(0, 20_000);

describe('workbooks re-saved by LibreOffice', { timeout: 300_000 }, () => {
  let base: string;
  let mogef: string;
  let mofa: string;
  let report: string;
  beforeAll(async () => {
    requireLibreOffice();
    // One folder for the whole file (tempDir() is removed after each test).
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-interop-'));
    mogef = path.join(base, 'mogef');
    mofa = path.join(base, 'mofa');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    const first = withDb(mofa, (db) => bodyActions(db, 'MOFA')[0]!);
    withDb(mogef, (db) => {
      defineIndicator(db, { actionPlanId: actionId(db, first), nameEn: 'Share of women', nameKo: '여성 비율', unit: '%', kind: 'percent', targets: [{ periodId: period(db), target: 30 }] }, requireInstallation(db));
    });
    const request = path.join(base, 'request.xlsx');
    await ok('--data-dir', mogef, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', request);
    await apply(mofa, request);
    withDb(mofa, (db) => {
      fillAll(db, 'MOFA', (code) => (code === first ? LONG : `${code} 실적\n둘째 줄 "따옴표" =SUM(A1) +1 -2 @x`));
      const actor = requireInstallation(db);
      const key = { actionPlanId: actionId(db, first), bodyCode: 'MOFA', periodId: period(db) };
      const ind = db.prepare('SELECT id FROM indicator').pluck().get() as number;
      setIndicatorValue(db, key, ind, 27.5, actor);
      addEvidence(db, key, { title: '교육 결과 보고서', docDate: '2023-06-30', reference: '외교부-1234' }, actor);
      addEvidence(db, key, { title: '사진 자료', docDate: null, reference: null }, actor);
      submitReport(db, period(db), actor);
    });
    report = path.join(base, 'report.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report);
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it.each(['xlsx', 'ods', 'xls'] as const)('as .%s: imported at MOGEF with every value of MOFA’s, the evidence and the submit', async (format) => {
    const profile = path.join(base, `profile-${format}`);
    const resaved = await convert(report, format, profile, path.join(base, `out-${format}`));
    const p = await preview(mogef, resaved);
    expect(p.counts).toMatchObject({ new: withDb(mofa, (db) => bodyActions(db, 'MOFA').length), conflict: 0, rejected: 0 });
    expect(p.warnings.filter((w) => /hidden information|information sheet/.test(w.en))).toEqual([]);
    await apply(mogef, resaved);
    expect(entriesOf(mogef, 'MOFA')).toEqual(entriesOf(mofa, 'MOFA'));
    withDb(mogef, (db) => {
      const d = dumpDatabase(db);
      expect(d.indicatorValues.map((v) => v.value)).toEqual([27.5]);
      expect(d.evidence.filter((e) => e.removedAt === null).map((e) => [e.title, e.docDate, e.reference]).sort()).toEqual([
        ['교육 결과 보고서', '2023-06-30', '외교부-1234'],
        ['사진 자료', null, null],
      ]);
      expect(getBodyReport(db, 'MOFA', period(db)).status).toBe('submitted');
    });
    // Undo, so the next format starts from the same state.
    const last = JSON.parse(await ok('--data-dir', mogef, 'imports', '--json'))[0] as { id: number };
    await ok('--data-dir', mogef, 'undo', String(last.id));
  });
});
