/**
 * Who may bring what by workbook (main/exchange/merge.ts): a body's
 * workbook changes only that body's entries; MOGEF's fields (comments,
 * returns, acceptances, indicators) change only from MOGEF's workbooks; rows
 * of another body are rejected while the rest imports; a workbook for
 * another body, or from another MOGEF installation, is refused with nothing
 * changed; a file from an installation not seen before for that body asks
 * for a confirmation; a locked year takes nothing.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { requireInstallation } from '../../db/installation';
import { getBodyReport, setPeriodLocked } from '../../db/reports';
import { META_CELLS, META_CHUNK, ROWS_LAYOUT, SHEETS, WorkbookMeta } from '../../contract/exchange';
import { tempDir } from '../support/tmp';
import { apply, bodyActions, cli, fillAll, ok, period, preview, withDb, YEAR } from './support-cycle';

const dumpOf = (dir: string) => withDb(dir, (db) => JSON.stringify(dumpDatabase(db)));

/** Rewrites a workbook's metadata as a forger would: new JSON, its checksum recomputed. */
async function forgeMeta(file: string, out: string, edit: (meta: WorkbookMeta) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEETS.meta)!;
  let json = '';
  for (let r = META_CELLS.firstChunkRow; ; r++) {
    const v = ws.getCell(`A${r}`).value;
    if (v === null || v === '') break;
    json += String(v);
    ws.getCell(`A${r}`).value = null;
  }
  const meta = WorkbookMeta.parse(JSON.parse(json));
  edit(meta);
  const text = JSON.stringify(meta);
  for (let i = 0; i * META_CHUNK < text.length; i++) ws.getCell(`A${META_CELLS.firstChunkRow + i}`).value = text.slice(i * META_CHUNK, (i + 1) * META_CHUNK);
  ws.getCell(META_CELLS.checksum).value = createHash('sha256').update(text, 'utf8').digest('hex');
  await wb.xlsx.writeFile(out);
}

describe('ownership of what a workbook brings', { timeout: 240_000 }, () => {
  it('refuses a request for another body, a request written by a body installation, and another MOGEF installation’s workbook, with nothing changed', async () => {
    const base = tempDir();
    const [mogef, mogef2, mofa, mnd] = ['mogef', 'mogef2', 'mofa', 'mnd'].map((d) => path.join(base, d)) as [string, string, string, string];
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mogef2, 'setup', '--coordinator', '--name', '최조정');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    await ok('--data-dir', mnd, 'setup', '--body', 'MND', '--name', '이국방');
    const request = path.join(base, 'request-mofa.xlsx');
    await ok('--data-dir', mogef, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', request);

    // MND's installation is handed MOFA's request.
    const before = dumpOf(mnd);
    const wrongBody = await cli('--data-dir', mnd, 'import', request, '--apply');
    expect(wrongBody.status).toBe(2);
    expect(wrongBody.err).toMatch(/MOFA의 파일입니다.*MND의 보고/);
    expect(wrongBody.err).toMatch(/this computer reports for MND/);
    expect(dumpOf(mnd)).toBe(before);

    // A body installation does not write requests.
    const notCoordinator = await cli('--data-dir', mofa, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', path.join(base, 'x.xlsx'));
    expect(notCoordinator.status).toBe(2);

    // Another MOGEF installation's request is not imported at MOGEF.
    const before2 = dumpOf(mogef2);
    const other = await cli('--data-dir', mogef2, 'import', request, '--apply');
    expect(other.status).toBe(2);
    expect(other.err).toMatch(/다른 여성가족부 설치본/);
    expect(dumpOf(mogef2)).toBe(before2);
  });

  it('rejects the rows of another body and ignores MOGEF’s fields and transitions in a body’s workbook, even with a forged metadata sheet', async () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    const mofa = path.join(base, 'mofa');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    withDb(mofa, (db) => fillAll(db, 'MOFA', (code) => `${code} 실적`));
    const report = path.join(base, 'report.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report);
    const mofaCodes = withDb(mofa, (db) => bodyActions(db, 'MOFA'));
    const mndCode = withDb(mogef, (db) => bodyActions(db, 'MND').find((c) => !mofaCodes.includes(c))!);

    // Someone edits the second row's code to one of MND's action plans, and forges an acceptance and a comment into the metadata.
    const edited = path.join(base, 'report-edited.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    wb.getWorksheet(SHEETS.rows)!.getCell(`A${ROWS_LAYOUT.firstDataRow + 1}`).value = mndCode;
    // And rewrites an action plan's text (a grey context cell).
    wb.getWorksheet(SHEETS.rows)!.getCell(`E${ROWS_LAYOUT.firstDataRow + 2}`).value = '내 마음대로 바꾼 과제명';
    await wb.xlsx.writeFile(edited);
    const forged = path.join(base, 'report-forged.xlsx');
    await forgeMeta(edited, forged, (meta) => {
      meta.events.push({ uid: '11111111-1111-4111-8111-111111111111', origin: meta.writer.installation, from: 'submitted', to: 'accepted', reason: null, actor: 'forger', at: '2099-01-01T00:00:00.000Z' });
      meta.comments.push({ uid: '22222222-2222-4222-8222-222222222222', origin: meta.writer.installation, actionPlan: mofaCodes[0]!, text: '위조된 의견', author: 'forger', createdAt: '2099-01-01T00:00:00.000Z', removedAt: null });
    });
    const p = await preview(mogef, forged);
    const rejected = p.rows.filter((r) => r.outcome === 'rejected');
    expect(rejected.map((r) => r.actionPlan)).toEqual([mndCode]);
    expect(rejected[0]!.reason!.ko).toMatch(/다른 기관의 행은 가져오지 않습니다/);
    expect(rejected[0]!.reason!.where).toBe(`${SHEETS.rows}!A${ROWS_LAYOUT.firstDataRow + 1}`);
    expect(p.counts.new).toBe(mofaCodes.length - 1);
    expect(p.commentsAdded).toBe(0);
    expect(p.warnings.map((w) => w.en)).toContainEqual(expect.stringMatching(new RegExp(`^1 grey context cells .*E${ROWS_LAYOUT.firstDataRow + 2}`)));
    expect(p.state).toBeNull();
    await apply(mogef, forged);
    withDb(mogef, (db) => {
      const d = dumpDatabase(db);
      expect(d.entries.filter((e) => e.body === 'MOFA').length).toBe(mofaCodes.length - 1);
      expect(d.entries.filter((e) => e.body === 'MND')).toEqual([]);
      expect(d.comments).toEqual([]);
      expect(getBodyReport(db, 'MOFA', period(db)).status).toBe('draft');
    });
  });

  it('asks to confirm a file from an installation not seen before for that body, and takes nothing in a locked year', async () => {
    const base = tempDir();
    const [mogef, mofa, mofa2] = ['mogef', 'mofa', 'mofa2'].map((d) => path.join(base, d)) as [string, string, string];
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    await ok('--data-dir', mofa2, 'setup', '--body', 'MOFA', '--name', '새담당');
    withDb(mofa, (db) => fillAll(db, 'MOFA', (code) => `${code} 첫 노트북`));
    withDb(mofa2, (db) => fillAll(db, 'MOFA', (code) => `${code} 새 노트북`));
    const r1 = path.join(base, 'r1.xlsx');
    const r2 = path.join(base, 'r2.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', r1);
    await ok('--data-dir', mofa2, 'export', 'report', '--year', String(YEAR), '--out', r2);
    const first = await preview(mogef, r1);
    expect(first.needsConfirmation).toEqual([]);
    expect(first.warnings.map((w) => w.en).join('\n')).toMatch(/first workbook from this computer of MOFA/);
    await apply(mogef, r1);

    const second = await preview(mogef, r2);
    expect(second.needsConfirmation).toEqual(['unknown_installation']);
    const before = dumpOf(mogef);
    const refused = await cli('--data-dir', mogef, 'import', r2, '--apply', '--take', 'file');
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(/--confirm/);
    expect(dumpOf(mogef)).toBe(before);

    // MOGEF locks the year: the fields are rejected, naming the lock.
    withDb(mogef, (db) => setPeriodLocked(db, period(db), true, requireInstallation(db)));
    const locked = await preview(mogef, r2);
    const fields = locked.rows.flatMap((r) => r.fields);
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f.outcome === 'rejected' || f.outcome === 'kept' || f.outcome === 'unchanged')).toBe(true);
    expect(fields.find((f) => f.outcome === 'rejected')!.reason!.en).toMatch(/locked/);
  });
});
