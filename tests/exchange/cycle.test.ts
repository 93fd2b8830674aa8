/**
 * The yearly cycle between installations that share no file system, through
 * the command line's core (the same service the application uses) on real
 * data folders and real .xlsx files: MOGEF writes a request, MOFA imports
 * it (indicator, comment), fills in, submits and writes its report; MOGEF
 * imports it, returns it; MOFA sees the return, corrects, sends again;
 * MOGEF takes the one changed field. The same file twice changes nothing;
 * a request filled in by hand (no application) conflicts with what MOGEF
 * received meanwhile and is settled per field; an import is undone exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { saveEntry } from '../../db/entries';
import { defineIndicator, setIndicatorValue } from '../../db/indicators';
import { requireInstallation } from '../../db/installation';
import { getBodyReport, transitionReport, submitReport } from '../../db/reports';
import { addEntryComment } from '../../db/review';
import { fieldsOf, mergeField } from '../../main/exchange/merge';
import { ROWS_LAYOUT, SHEETS, type ImportRecord } from '../../contract/exchange';
import { tempDir } from '../support/tmp';
import { openDatabase } from '../../db/connection';
import { databaseFile } from '../../main/paths';
import { createExchangeService } from '../../main/exchange/service';
import { actionId, apply, bodyActions, cli, entriesOf, fillAll, ok, period, preview, withDb, YEAR } from './support-cycle';

describe('the exchange cycle, MOGEF ⇄ MOFA by workbook', { timeout: 240_000 }, () => {
  it('carries a request, a report, a return and a correction between two installations; a second import of the same file changes nothing', async () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    const mofa = path.join(base, 'mofa');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');

    // MOGEF: an indicator on MOFA's first action plan, a comment on it, then the request.
    const first = withDb(mofa, (db) => bodyActions(db, 'MOFA')[0]!);
    const indicatorUid = withDb(mogef, (db) => {
      const actor = requireInstallation(db);
      const id = defineIndicator(db, { actionPlanId: actionId(db, first), nameEn: 'Trainings held', nameKo: '교육 횟수', unit: '회', kind: 'number', targets: [{ periodId: period(db), target: 10 }] }, actor);
      addEntryComment(db, { actionPlanId: actionId(db, first), bodyCode: 'MOFA', periodId: period(db) }, '실적을 구체적으로 적어 주세요.', actor);
      return db.prepare('SELECT uid FROM indicator WHERE id = ?').pluck().get(id) as string;
    });
    const request = path.join(base, 'request-mofa.xlsx');
    await ok('--data-dir', mogef, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', request);

    // MOFA imports it: the indicator (same uid) and the comment arrive.
    const p1 = await preview(mofa, request);
    expect(p1).toMatchObject({ kind: 'request', body: 'MOFA', year: YEAR, indicatorsAdded: 1, commentsAdded: 1, alreadyImported: false });
    await apply(mofa, request);
    withDb(mofa, (db) => {
      expect(db.prepare('SELECT name_ko FROM indicator WHERE uid = ?').pluck().get(indicatorUid)).toBe('교육 횟수');
      expect(db.prepare('SELECT text FROM entry_comment').pluck().all()).toEqual(['실적을 구체적으로 적어 주세요.']);
    });

    // MOFA fills in every entry and the indicator, submits, writes its report.
    withDb(mofa, (db) => {
      fillAll(db, 'MOFA', (code) => `${code} 실적: 여성·평화·안보 교육을 실시함.\n둘째 줄 =1+1`);
      const actor = requireInstallation(db);
      const ind = db.prepare('SELECT id FROM indicator WHERE uid = ?').pluck().get(indicatorUid) as number;
      setIndicatorValue(db, { actionPlanId: actionId(db, first), bodyCode: 'MOFA', periodId: period(db) }, ind, 7, actor);
      submitReport(db, period(db), actor);
    });
    const report1 = path.join(base, 'report-mofa-1.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report1);

    // MOGEF imports it: every row new, the report submitted, the values exactly MOFA's.
    const p2 = await preview(mogef, report1);
    const rows = withDb(mofa, (db) => bodyActions(db, 'MOFA').length);
    expect(p2.counts).toMatchObject({ new: rows, changed: 0, conflict: 0, rejected: 0 });
    expect(p2.state).toEqual({ from: 'draft', to: 'submitted' });
    const first1 = p2.rows.find((r) => r.actionPlan === first)!;
    expect(first1.fields.find((f) => f.field === `indicator:${indicatorUid}`)).toMatchObject({ outcome: 'taken', mine: null, file: '7' });
    await apply(mogef, report1);
    expect(entriesOf(mogef, 'MOFA')).toEqual(entriesOf(mofa, 'MOFA'));
    withDb(mogef, (db) => {
      expect(getBodyReport(db, 'MOFA', period(db)).status).toBe('submitted');
      const ind = db.prepare('SELECT id FROM indicator WHERE uid = ?').pluck().get(indicatorUid) as number;
      expect(db.prepare('SELECT value FROM indicator_value WHERE indicator_id = ?').pluck().get(ind)).toBe(7);
    });
    const mofaSubmit = withDb(mofa, (db) => db.prepare("SELECT uid FROM report_event WHERE to_status = 'submitted'").pluck().get());
    expect(withDb(mogef, (db) => db.prepare("SELECT uid FROM report_event WHERE to_status = 'submitted'").pluck().get())).toBe(mofaSubmit);

    // The same file again: nothing changes.
    const again = await preview(mogef, report1);
    expect(again.alreadyImported).toBe(true);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, conflict: 0 });
    const before = withDb(mogef, (db) => JSON.stringify(dumpDatabase(db)));
    await apply(mogef, report1);
    expect(withDb(mogef, (db) => JSON.stringify(dumpDatabase(db)))).toBe(before);

    // MOGEF returns it; the next request carries the return to MOFA.
    withDb(mogef, (db) => transitionReport(db, 'return', 'MOFA', period(db), requireInstallation(db), { reason: '예산 집행액을 적어 주세요.' }));
    const request2 = path.join(base, 'request-mofa-2.xlsx');
    await ok('--data-dir', mogef, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', request2);
    const p3 = await preview(mofa, request2);
    expect(p3.state).toEqual({ from: 'submitted', to: 'returned' });
    expect(p3.counts).toMatchObject({ changed: 0, conflict: 0 });
    await apply(mofa, request2);
    withDb(mofa, (db) => {
      const r = getBodyReport(db, 'MOFA', period(db));
      expect(r.status).toBe('returned');
      expect(r.returnedReason).toBe('예산 집행액을 적어 주세요.');
    });

    // MOFA corrects one field and sends again; MOGEF takes exactly that field.
    withDb(mofa, (db) => {
      const actor = requireInstallation(db);
      const key = { actionPlanId: actionId(db, first), bodyCode: 'MOFA', periodId: period(db) };
      const revision = db.prepare('SELECT revision FROM progress_entry WHERE action_plan_id = ? AND body_id = (SELECT id FROM implementing_body WHERE code = ?) AND period_id = ?').pluck().get(key.actionPlanId, 'MOFA', key.periodId) as number;
      saveEntry(db, key, revision, { budgetExecuted: 9_500_000 }, actor, actor.userName);
      submitReport(db, period(db), actor);
    });
    const report2 = path.join(base, 'report-mofa-2.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report2);
    const p4 = await preview(mogef, report2);
    expect(p4.counts).toMatchObject({ changed: 1, conflict: 0, new: 0 });
    expect(p4.rows.find((r) => r.actionPlan === first)!.fields).toEqual([
      expect.objectContaining({ field: 'budgetExecuted', outcome: 'taken', mine: null, file: '9,500,000' }),
    ]);
    expect(p4.state).toEqual({ from: 'returned', to: 'submitted' });
    await apply(mogef, report2);
    expect(entriesOf(mogef, 'MOFA')).toEqual(entriesOf(mofa, 'MOFA'));
    // MOGEF's history lists the three imports, newest first.
    const history = JSON.parse(await ok('--data-dir', mogef, 'imports', '--json')) as ImportRecord[];
    expect(history.map((h) => h.fileName)).toEqual(['report-mofa-2.xlsx', 'report-mofa-1.xlsx', 'report-mofa-1.xlsx']);
  });

  it('a request filled in by hand conflicts with what MOGEF received meanwhile; conflicts refuse the apply until settled; undo puts back exactly what was there', async () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    const mnd = path.join(base, 'mnd');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mnd, 'setup', '--body', 'MND', '--name', '이국방');
    const request = path.join(base, 'request-mnd.xlsx');
    await ok('--data-dir', mogef, 'export', 'request', '--body', 'MND', '--year', String(YEAR), '--out', request);

    // MND's application sends a report; MOGEF takes it.
    withDb(mnd, (db) => fillAll(db, 'MND', (code) => `${code} 앱에서 쓴 실적`));
    const report = path.join(base, 'report-mnd.xlsx');
    await ok('--data-dir', mnd, 'export', 'report', '--year', String(YEAR), '--out', report);
    await apply(mogef, report);
    const afterReport = withDb(mogef, (db) => JSON.stringify(dumpDatabase(db)));

    // Someone at MND fills in MOGEF's request by hand (another spreadsheet program: ExcelJS here).
    const codes = withDb(mnd, (db) => bodyActions(db, 'MND'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(request);
    const ws = wb.getWorksheet(SHEETS.rows)!;
    const header = ws.getRow(ROWS_LAYOUT.headerRow);
    const col = (label: RegExp) => {
      let found = 0;
      header.eachCell((c, n) => {
        if (label.test(String(c.value))) found = n;
      });
      return found;
    };
    const achievements = col(/^추진 실적/);
    const budget = col(/^예산 편성액/);
    ws.getRow(ROWS_LAYOUT.firstDataRow).getCell(achievements).value = '손으로 쓴 실적';
    ws.getRow(ROWS_LAYOUT.firstDataRow).getCell(budget).value = '₩15,000,000';
    ws.getRow(ROWS_LAYOUT.firstDataRow + 1).getCell(budget).value = '1억 2천만원';
    const filled = path.join(base, 'request-mnd-filled.xlsx');
    await wb.xlsx.writeFile(filled);

    const p = await preview(mogef, filled);
    const row1 = p.rows.find((r) => r.actionPlan === codes[0])!;
    expect(row1.outcome).toBe('conflict');
    expect(row1.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'achievements', outcome: 'conflict', mine: `${codes[0]} 앱에서 쓴 실적`, file: '손으로 쓴 실적' }),
        expect.objectContaining({ field: 'budgetAllocated', outcome: 'conflict', mine: '12,000,000', file: '15,000,000' }),
      ]),
    );
    // A value that cannot be read exactly is refused for its cell, never guessed.
    const row2 = p.rows.find((r) => r.actionPlan === codes[1])!;
    const notKept = row2.fields.filter((f) => f.outcome !== 'kept');
    expect(notKept).toEqual([expect.objectContaining({ field: 'budgetAllocated', outcome: 'rejected', file: '1억 2천만원' })]);
    expect(notKept[0]!.cell).toMatch(new RegExp(`^${SHEETS.rows}!`));
    // The fields the person left empty: kept as MND's application sent them.
    expect(row2.fields.filter((f) => f.outcome === 'kept').map((f) => f.field)).toEqual(expect.arrayContaining(['achievements', 'nextSteps']));
    // The rest of MND's rows: the cells as MOGEF sent them (empty), the values here kept.
    expect(p.counts.changed).toBe(0);

    // Unsettled conflicts refuse the apply (exit 2), the database as it was.
    const refused = await cli('--data-dir', mogef, 'import', filled, '--apply');
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(/--take/);
    expect(withDb(mogef, (db) => JSON.stringify(dumpDatabase(db)))).toBe(afterReport);

    // Settled for the file: the two fields change, nothing else.
    const rec = await apply(mogef, filled, '--take', 'file');
    withDb(mogef, (db) => {
      const e = dumpDatabase(db).entries.find((x) => x.body === 'MND' && x.actionPlan === codes[0] && x.year === YEAR)!;
      expect(e).toMatchObject({ achievements: '손으로 쓴 실적', budgetAllocated: 15_000_000 });
    });

    // Undo: exactly the dump after the report (but for the history of the undo itself).
    await ok('--data-dir', mogef, 'undo', String(rec.id));
    const undone = withDb(mogef, (db) => dumpDatabase(db));
    const was = JSON.parse(afterReport) as ReturnType<typeof dumpDatabase>;
    const strip = (d: ReturnType<typeof dumpDatabase>) => d.entries.map(({ updatedBy: _b, updatedAt: _a, ...rest }) => rest);
    expect(strip(undone)).toEqual(strip(was));
    const again = await cli('--data-dir', mogef, 'undo', String(rec.id));
    expect(again.status).toBe(2);
    const history = JSON.parse(await ok('--data-dir', mogef, 'imports', '--json')) as ImportRecord[];
    expect(history[0]).toMatchObject({ id: rec.id, undoneBy: '박조정 (MOGEF)' });
    expect(fs.existsSync(path.join(mogef, 'backups'))).toBe(true);
  });

  it('writes the ten bodies’ requests into one folder, and a second round beside the first, never over it', async () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    const out = path.join(base, 'round');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    const first = (await ok('--data-dir', mogef, 'export', 'request', '--all', '--year', String(YEAR), '--out-dir', out)).trim().split('\n');
    expect(first.map((l) => l.split('\t')[0])).toEqual(['MOGEF', 'MOE', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'KNPA', 'KOICA', 'NUAC']);
    const second = (await ok('--data-dir', mogef, 'export', 'request', '--all', '--year', String(YEAR), '--out-dir', out)).trim().split('\n');
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.xlsx'))).toHaveLength(20);
    expect(new Set([...first, ...second].map((l) => l.split('\t')[2])).size).toBe(20);
  });

  it('last week’s copy sent again changes nothing, after a confirmation; a preview stays good while another body’s report changes', async () => {
    const base = tempDir();
    const [mogef, mofa, mnd] = ['mogef', 'mofa', 'mnd'].map((d) => path.join(base, d)) as [string, string, string];
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    await ok('--data-dir', mnd, 'setup', '--body', 'MND', '--name', '이국방');
    withDb(mofa, (db) => fillAll(db, 'MOFA', (code) => `${code} 지난주`));
    const lastWeek = path.join(base, 'mofa-last-week.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', lastWeek);
    await new Promise((r) => setTimeout(r, 5));
    withDb(mofa, (db) => {
      const actor = requireInstallation(db);
      const first = bodyActions(db, 'MOFA')[0]!;
      const key = { actionPlanId: actionId(db, first), bodyCode: 'MOFA', periodId: period(db) };
      const revision = db.prepare('SELECT revision FROM progress_entry WHERE action_plan_id = ? AND period_id = ?').pluck().get(key.actionPlanId, key.periodId) as number;
      saveEntry(db, key, revision, { achievements: '이번 주에 고친 실적', nextSteps: null }, actor, actor.userName);
    });
    const thisWeek = path.join(base, 'mofa-this-week.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', thisWeek);
    await apply(mogef, thisWeek);
    const now = entriesOf(mogef, 'MOFA');

    const old = await preview(mogef, lastWeek);
    expect(old.needsConfirmation).toContain('older_than_imported');
    expect(old.rows.flatMap((r) => r.fields).filter((f) => f.outcome === 'taken' || f.outcome === 'conflict')).toEqual([]);
    await apply(mogef, lastWeek, '--confirm');
    expect(entriesOf(mogef, 'MOFA')).toEqual(now);

    // A preview of MND's report, then MOFA's import applied meanwhile: MND's preview still applies.
    withDb(mnd, (db) => fillAll(db, 'MND', (code) => `${code} 국방`));
    const mndReport = path.join(base, 'mnd.xlsx');
    await ok('--data-dir', mnd, 'export', 'report', '--year', String(YEAR), '--out', mndReport);
    const db = openDatabase(databaseFile(mogef));
    try {
      const service = createExchangeService({ getDb: () => db });
      const actor = requireInstallation(db);
      const job = await service.settled(service.preview({ path: mndReport }, actor).id);
      withDb(mofa, (m) => {
        const a = requireInstallation(m);
        const code = bodyActions(m, 'MOFA')[1]!;
        const key = { actionPlanId: actionId(m, code), bodyCode: 'MOFA', periodId: period(m) };
        const revision = m.prepare('SELECT revision FROM progress_entry WHERE action_plan_id = ? AND period_id = ?').pluck().get(key.actionPlanId, key.periodId) as number;
        saveEntry(m, key, revision, { difficulties: '새 애로 사항' }, a, a.userName);
      });
      const again = path.join(base, 'mofa-again.xlsx');
      await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', again);
      const mofaJob = await service.settled(service.preview({ path: again }, actor).id);
      service.apply(mofaJob.preview!.token, { take: null, picks: [], confirm: [...mofaJob.preview!.needsConfirmation] }, actor);
      const record = service.apply(job.preview!.token, { take: null, picks: [], confirm: [...job.preview!.needsConfirmation] }, actor);
      expect(record.body).toBe('MND');
      // Two previews of MOFA's reports: once one is applied, the other is stale (its report moved), and says so.
      const one = await service.settled(service.preview({ path: lastWeek }, actor).id);
      const two = await service.settled(service.preview({ path: thisWeek }, actor).id);
      service.apply(one.preview!.token, { take: 'file', picks: [], confirm: [...one.preview!.needsConfirmation] }, actor);
      expect(() => service.apply(two.preview!.token, { take: 'file', picks: [], confirm: [...two.preview!.needsConfirmation] }, actor)).toThrow(/preview the file again/);
    } finally {
      db.close();
    }
  });

  it('the merge rule of one field, three ways and without a base', () => {
    // Changed only in the file: taken; only here: kept; both: conflict; the same: unchanged.
    expect(mergeField('a', 'a', 'b')).toBe('taken');
    expect(mergeField('a', 'b', 'a')).toBe('kept');
    expect(mergeField('a', 'b', 'c')).toBe('conflict');
    expect(mergeField('a', 'b', 'b')).toBe('unchanged');
    // No exchange before: an empty value here takes the file's, an empty cell keeps mine, two values conflict.
    expect(mergeField(undefined, null, 'x')).toBe('taken');
    expect(mergeField(undefined, 'x', null)).toBe('kept');
    expect(mergeField(undefined, 'x', 'y')).toBe('conflict');
    expect(mergeField(null, null, 0)).toBe('taken');
    expect([...fieldsOf({ completion: null, delayed: false, delayReason: null, achievements: 'a', nextSteps: null, difficulties: null, budgetAllocated: 0, budgetExecuted: null, indicators: { u: 1 }, evidence: '' }).entries()]).toContainEqual(['indicator:u', 1]);
  });
});
