/**
 * The exchange workbook's writer on a real seeded database: what it gathers
 * (the rows, the base values, last year, comments, events, indicators) and
 * the .xlsx it writes, read back with ExcelJS (styles, dropdowns on the
 * hidden list sheet, frozen panes, page setup, sheet states, protection)
 * and with SheetJS, as the importer reads it (values by address, the
 * metadata reassembled and checked, texts that look like formulas or like
 * the file's own escapes coming back as the same strings).
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { getBodyReport, submitReport, transitionReport } from '../../db/reports';
import { getEntry } from '../../db/entries';
import { addEvidence } from '../../db/indicators';
import { dumpDatabase } from '../../db/dump';
import {
  COLUMN_LABELS,
  FIXED_COLUMNS,
  META_CELLS,
  META_CHUNK,
  ROWS_LAYOUT,
  SHEETS,
  STATUS_LABELS,
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
  WorkbookMeta,
  evidenceCell,
  headerLabel,
  levelCell,
  levelOptions,
  yesNoOptions,
  type WorkbookData,
} from '../../contract/exchange';
import { gatherWorkbook } from '../../main/exchange/gather';
import { DATA_STYLES, excelText, metaChecksum, metaChunks, metaJson, workbookColumns, workbookFileName, writeWorkbook } from '../../main/exchange/write';
import { ESCAPES, RETURN_REASON, TRICKY, longKorean, mofaFixture, sheetjsText, type Fixture } from './support-write';
import { mofa, mogef } from '../support/app';

const L = ROWS_LAYOUT;

function sheetjs(buf: Buffer): XLSX.WorkBook {
  return XLSX.read(buf, { type: 'buffer', cellStyles: true });
}

/** The metadata as a reader finds it: the chunks from A3 down to the first empty cell, and the checksum. */
function readMeta(wb: XLSX.WorkBook): { json: string; checksum: unknown; format: unknown; version: unknown } {
  const ws = wb.Sheets[SHEETS.meta]!;
  let json = '';
  for (let r = META_CELLS.firstChunkRow; ws[`A${r}`] !== undefined; r++) {
    expect(ws[`A${r}`].t).toBe('s');
    json += ws[`A${r}`].v as string;
  }
  return { json, checksum: ws[META_CELLS.checksum]?.v, format: ws[META_CELLS.format]?.v, version: ws[META_CELLS.version]?.v };
}

/** The rows sheet's XML as written (the second sheet's part). */
function rowsSheetXml(buf: Buffer): string {
  const part = XLSX.CFB.find(XLSX.CFB.read(buf, { type: 'buffer' }), '/xl/worksheets/sheet2.xml');
  expect(part).not.toBeNull();
  return Buffer.from(part!.content as Uint8Array).toString('utf8');
}

/** The rows sheet's column letter of a column key, from the writer's column order. */
function letters(data: WorkbookData): Map<string, string> {
  return new Map(workbookColumns(data).map((c, i) => [c.key, XLSX.utils.encode_col(i)]));
}

function rowOf(data: WorkbookData, code: string): number {
  const i = data.rows.findIndex((r) => r.actionPlan === code);
  expect(i).toBeGreaterThanOrEqual(0);
  return L.firstDataRow + i;
}

let shared: { f: Fixture; buf: Buffer } | undefined;
async function written(): Promise<{ f: Fixture; buf: Buffer }> {
  if (!shared) {
    const f = mofaFixture();
    shared = { f, buf: await writeWorkbook(f.data) };
  }
  return shared;
}

describe('gatherWorkbook', () => {
  it('gathers the body’s rows in the report’s order with the database’s values, last year, comments, events and indicators', async () => {
    const { f } = await written();
    const { t, data, periodId, indicators } = f;
    const meta = WorkbookMeta.parse(data.meta);
    expect(meta).toEqual(data.meta);

    const report = getBodyReport(t.db, 'MOFA', periodId);
    expect(data.rows.map((r) => r.actionPlan)).toEqual(report.items.map((i) => i.code));
    expect(meta.rows).toEqual(report.items.map((i) => i.code));
    expect(meta).toMatchObject({ format: WORKBOOK_FORMAT, version: WORKBOOK_VERSION, kind: 'request', language: 'ko', plan: 'KOR-NAP-3', body: 'MOFA', year: 2022 });
    expect(meta.status).toBe('returned');
    expect(meta.returnedReason).toBe(RETURN_REASON);
    expect(data.title).toBe('2022년 외교부 이행 점검 보고 / Ministry of Foreign Affairs progress report 2022');

    // The base is what the database holds, entry by entry.
    const dump = dumpDatabase(t.db);
    const uid = (id: number) => t.db.prepare('SELECT uid FROM indicator WHERE id = ?').pluck().get(id) as string;
    for (const item of report.items) {
      const e = getEntry(t.db, { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId }, mofa);
      expect(meta.base[item.code], item.code).toEqual({
        completion: e.completion,
        delayed: e.delayed,
        delayReason: e.delayReason,
        achievements: e.achievements,
        nextSteps: e.nextSteps,
        difficulties: e.difficulties,
        budgetAllocated: e.budgetAllocated,
        budgetExecuted: e.budgetExecuted,
        indicators: Object.fromEntries(e.indicators.map((i) => [uid(i.indicatorId), i.value])),
        evidence: evidenceCell(e.evidence),
      });
    }
    expect(meta.base['1.1.1']!.achievements).toBe(longKorean('1.1.1'));
    expect(meta.base['1.1.1']!.evidence).toBe('교육 결과 보고서 | 2022-06-30 | 외교부 문서 2022-118\nPress release |  | https://www.mofa.go.kr/');
    expect(meta.base['1.1.1']!.indicators).toEqual({ [uid(indicators.count)]: 25, [uid(indicators.yesNo)]: 1 });
    expect(meta.base['5.1.4']!.indicators).toEqual({});
    expect(meta.base['2.1.1']).toMatchObject(TRICKY);

    const r111 = data.rows.find((r) => r.actionPlan === '1.1.1')!;
    expect(r111).toMatchObject({ area: '예방', otherBodies: 'MOU MND MOIS KNPA NUAC', lastCompletion: 'limited', lastAchievements: '2021년 교육 1회' });
    // Korean where the plan has it, English where it has not.
    expect(r111).toMatchObject({ actionPlanText: '평화·안보 분야 종사자의 성인지 역량 강화', strategy: '여성·평화·안보 교육 확대' });
    expect(r111.objective).toMatch(/^Improve the capacity/);
    expect(r111.comments).toMatch(/^박조정 \(MOGEF\) \(\d{4}-\d\d-\d\d\): 교육 인원의 근거를 붙여 주세요\.$/);
    expect(data.rows.find((r) => r.actionPlan === '2.1.1')).toMatchObject({ lastCompletion: null, lastAchievements: null });

    // The metadata carries every comment (the removed one too) and every event, as the dump has them.
    expect(meta.comments.map((c) => [c.actionPlan, c.text, c.removedAt !== null])).toEqual([
      ['1.1.1', '교육 인원의 근거를 붙여 주세요.', false],
      ['1.1.1', '철회된 의견', true],
      ['2.1.1', '=HYPERLINK("http://example.com")', false],
    ]);
    const dumped = new Map(dump.comments.map((c) => [c.uid, c]));
    for (const c of meta.comments) expect(dumped.get(c.uid)).toMatchObject({ origin: c.origin, text: c.text, author: c.author, createdAt: c.createdAt });
    expect(meta.events.map((e) => [e.from, e.to, e.reason])).toEqual([
      ['draft', 'submitted', null],
      ['submitted', 'returned', RETURN_REASON],
    ]);
    expect(meta.events.map((e) => e.uid)).toEqual(dump.reportEvents.filter((e) => e.body === 'MOFA' && e.year === 2022).map((e) => e.uid));

    // Every indicator, the removed one too; columns only for the others, with this year's target in the header.
    expect(meta.indicators.map((i) => [i.actionPlan, i.nameEn, i.removedAt !== null])).toEqual([
      ['1.1.1', 'Trainees', false],
      ['1.1.1', 'Manual published', false],
      ['5.1.4', 'Old share', true],
    ]);
    expect(meta.indicators[0]!.targets).toEqual([
      { year: 2022, target: 30 },
      { year: 2023, target: 40 },
    ]);
    expect(meta.indicators[0]!.header).toBe('지표 Indicator: 교육 인원 / Trainees (명) · 목표 target 30');
    expect(data.indicatorColumns.map((c) => [c.actionPlan, c.kind])).toEqual([
      ['1.1.1', 'number'],
      ['1.1.1', 'yes_no'],
    ]);
  });

  it('gathers a body and year with nothing entered: empty values, draft, no events', () => {
    const f = mofaFixture();
    const data = gatherFor(f, f.t.period[2023]);
    expect(WorkbookMeta.parse(data.meta).status).toBe('draft');
    expect(data.meta.events).toEqual([]);
    expect(data.meta.returnedReason).toBeNull();
    const b = data.meta.base['1.1.1']!;
    expect(b).toMatchObject({ completion: null, delayed: null, achievements: null, budgetAllocated: null, evidence: '' });
    // Indicators present with no value; last year is 2022's entry.
    expect(Object.values(b.indicators)).toEqual([null, null]);
    expect(data.rows[0]).toMatchObject({ actionPlan: '1.1.1', lastCompletion: 'substantial', comments: '' });
    expect(data.indicatorColumns[0]!.header).toBe('지표 Indicator: 교육 인원 / Trainees (명) · 목표 target 40');
  });
});

/** The fixture's body for another year, as a report in English. */
function gatherFor(f: Fixture, periodId: number): WorkbookData {
  return gatherWorkbook(f.t.db, {
    kind: 'report',
    bodyCode: 'MOFA',
    periodId,
    language: 'en',
    writer: f.data.meta.writer,
    writtenAt: '2026-12-01T22:03:00.000Z',
    exportId: f.data.meta.exportId,
  });
}

describe('the report’s state in the workbook', () => {
  it('carries the reason of the latest return or reopen only while the report is returned, and says yes in the submit cell once submitted', async () => {
    const f = mofaFixture();
    const state = async () => {
      const data = gatherFor(f, f.periodId);
      const ws = sheetjs(await writeWorkbook(data)).Sheets[SHEETS.rows]!;
      return { status: data.meta.status, reason: data.meta.returnedReason, events: data.meta.events.length, b2: ws[`B${L.statusRow}`]?.v, b3: ws[`B${L.returnRow}`]?.v, b4: ws[`B${L.submitRow}`]?.v };
    };
    submitReport(f.t.db, f.periodId, mofa);
    expect(await state()).toEqual({ status: 'submitted', reason: null, events: 3, b2: 'Submitted', b3: undefined, b4: 'Yes' });
    transitionReport(f.t.db, 'accept', 'MOFA', f.periodId, mogef, { note: '수고하셨습니다.' });
    expect(await state()).toEqual({ status: 'accepted', reason: null, events: 4, b2: 'Accepted', b3: undefined, b4: 'Yes' });
    transitionReport(f.t.db, 'reopen', 'MOFA', f.periodId, mogef, { reason: '통계 정정 / Figures corrected' });
    expect(await state()).toEqual({ status: 'returned', reason: '통계 정정 / Figures corrected', events: 5, b2: 'Returned for revision', b3: '통계 정정 / Figures corrected', b4: 'No' });
  });
});

describe('writeWorkbook, read back with SheetJS', () => {
  it('writes the four sheets in order, the list sheet hidden and the metadata very hidden', async () => {
    const { buf } = await written();
    const wb = sheetjs(buf);
    expect(wb.SheetNames).toEqual([SHEETS.instructions, SHEETS.rows, SHEETS.lists, SHEETS.meta]);
    expect(wb.Workbook!.Sheets!.map((s) => s.Hidden ?? 0)).toEqual([0, 0, 1, 2]);
    expect(wb.Sheets[SHEETS.lists]!.A1.v).toBe(levelOptions('ko')[0]);
    expect([1, 2, 3, 4, 5].map((r) => wb.Sheets[SHEETS.lists]![`A${r}`].v)).toEqual(levelOptions('ko'));
    expect([1, 2].map((r) => wb.Sheets[SHEETS.lists]![`B${r}`].v)).toEqual(yesNoOptions('ko'));
    const text = XLSX.utils.sheet_to_csv(wb.Sheets[SHEETS.instructions]!);
    for (const words of ['흰색 칸', '회색 칸', '보고서 제출', 'B4', '여성가족부', 'white cells', 'grey cells', 'Submit the report', 'back to MOGEF', 'YYYY-MM-DD', '12,000,000']) {
      expect(text).toContain(words);
    }
  });

  it('lays the rows sheet out as the contract says: title, state block, header, one row per action plan', async () => {
    const { f, buf } = await written();
    const { data } = f;
    const ws = sheetjs(buf).Sheets[SHEETS.rows]!;
    const col = letters(data);
    expect(ws[`A${L.titleRow}`].v).toBe(data.title);
    expect(ws[`A${L.statusRow}`].v).toBe('보고서 상태 / Report status');
    expect(ws[`B${L.statusRow}`].v).toBe(STATUS_LABELS.ko.returned);
    expect(ws[`A${L.returnRow}`].v).toBe('보완 요청 사유 / Reason for return');
    expect(ws[`B${L.returnRow}`].v).toBe(RETURN_REASON);
    expect(ws[`A${L.submitRow}`].v).toBe('보고서 제출 / Submit the report');
    expect(ws[`B${L.submitRow}`].v).toBe('아니오');
    expect(ws[`A${L.headerRow - 1}`]).toBeUndefined();

    // The header: the fixed columns with the indicators right after budgetExecuted.
    const headers: string[] = [];
    for (let c = 0; ws[XLSX.utils.encode_cell({ r: L.headerRow - 1, c })] !== undefined; c++) headers.push(ws[XLSX.utils.encode_cell({ r: L.headerRow - 1, c })].v);
    const at = FIXED_COLUMNS.indexOf('budgetExecuted') + 1;
    const fixed = FIXED_COLUMNS.map(headerLabel);
    expect(headers).toEqual([...fixed.slice(0, at), ...data.indicatorColumns.map((c) => c.header), ...fixed.slice(at)]);
    expect(headers[at]).toBe('지표 Indicator: 교육 인원 / Trainees (명) · 목표 target 30');

    // Every row and every cell by address.
    data.rows.forEach((row, i) => {
      const r = L.firstDataRow + i;
      const v = (key: string) => ws[`${col.get(key)}${r}`] as XLSX.CellObject | undefined;
      expect(v('code')?.v).toBe(row.actionPlan);
      expect(v('area')?.v).toBe(row.area);
      expect(v('objective')?.v).toBe(row.objective);
      expect(v('strategy')?.v).toBe(row.strategy);
      expect(v('actionPlan')?.v).toBe(row.actionPlanText);
      expect(v('otherBodies')?.v).toBe(row.otherBodies || undefined);
      expect(v('completion')?.v).toBe(levelCell(row.values.completion, 'ko'));
      expect(v('delayed')?.v).toBe(row.values.delayed === null ? undefined : yesNoOptions('ko')[row.values.delayed ? 0 : 1]);
      for (const key of ['delayReason', 'achievements', 'nextSteps', 'difficulties'] as const) {
        expect(v(key)?.v, `${row.actionPlan} ${key}`).toBe(sheetjsText(row.values[key]));
        if (row.values[key] !== null) expect(v(key)?.t).toBe('s');
      }
      for (const key of ['budgetAllocated', 'budgetExecuted'] as const) {
        const cell = v(key);
        if (row.values[key] === null) expect(cell?.v).toBeUndefined();
        else expect(cell).toMatchObject({ t: 'n', v: row.values[key], z: '#,##0' });
      }
      expect(v('evidence')?.v).toBe(row.values.evidence || undefined);
      expect(v('lastCompletion')?.v).toBe(levelCell(row.lastCompletion, 'ko') || undefined);
      expect(v('lastAchievements')?.v).toBe(row.lastAchievements ?? undefined);
      expect(v('comments')?.v).toBe(row.comments || undefined);
    });
    expect(ws[`A${L.firstDataRow + data.rows.length}`]).toBeUndefined();

    const r111 = rowOf(data, '1.1.1');
    expect(ws[`${col.get('achievements')}${r111}`].v).toHaveLength(20_000);
    expect(ws[`${col.get('achievements')}${r111}`].v).toBe(longKorean('1.1.1'));
    expect(ws[`${col.get('budgetAllocated')}${r111}`]).toMatchObject({ t: 'n', v: 120_000_000, w: '120,000,000' });
    expect(ws[`${col.get('budgetExecuted')}${r111}`]).toMatchObject({ t: 'n', v: 98_765_432, w: '98,765,432' });
    expect(ws[`${col.get('completion')}${r111}`].v).toBe('상당 부분');
    expect(ws[`${col.get('lastCompletion')}${r111}`].v).toBe('제한적');
    const [count, yesNo] = data.indicatorColumns;
    expect(ws[`${col.get(`indicator:${count!.uid}`)}${r111}`]).toMatchObject({ t: 'n', v: 25 });
    expect(ws[`${col.get(`indicator:${yesNo!.uid}`)}${r111}`]).toMatchObject({ t: 's', v: '예' });
    // A row whose action plan lacks the indicator leaves its cell empty.
    expect(ws[`${col.get(`indicator:${count!.uid}`)}${rowOf(data, '2.1.1')}`]?.v).toBeUndefined();
    expect(ws[`${col.get('budgetAllocated')}${rowOf(data, '5.1.4')}`]).toMatchObject({ t: 'n', v: 0 });
  });

  it('writes a user’s text that looks like a formula as that string, never as a formula', async () => {
    const { f, buf } = await written();
    const ws = sheetjs(buf).Sheets[SHEETS.rows]!;
    const col = letters(f.data);
    const r = rowOf(f.data, '2.1.1');
    for (const [key, text] of [
      ['delayReason', '@SUM(A1)'],
      ['achievements', '=1+1'],
      ['nextSteps', '+A1'],
      ['difficulties', '-2'],
    ] as const) {
      const cell = ws[`${col.get(key)}${r}`] as XLSX.CellObject;
      expect(cell, key).toMatchObject({ t: 's', v: text });
      expect(cell.f, key).toBeUndefined();
    }
    const comment = ws[`${col.get('comments')}${r}`] as XLSX.CellObject;
    expect(comment.v).toMatch(/: =HYPERLINK\("http:\/\/example\.com"\)$/);
    expect(comment.f).toBeUndefined();
    // No cell of any sheet is a formula.
    for (const sheet of Object.values(sheetjs(buf).Sheets)) {
      for (const [address, c] of Object.entries(sheet)) if (!address.startsWith('!')) expect((c as XLSX.CellObject).f, address).toBeUndefined();
    }
  });

  it('keeps texts with the file’s own escape form, control characters, a carriage return and an emoji as they were', async () => {
    const { f, buf } = await written();
    const col = letters(f.data);
    const cell = sheetjs(buf).Sheets[SHEETS.rows]![`${col.get('achievements')}${rowOf(f.data, '2.1.2')}`] as XLSX.CellObject;
    expect(cell.v).toBe(ESCAPES.replace('\r\n', '\n'));
    expect(cell.v).toContain('lone CR\rhere');
    // ExcelJS reads every character back, CR LF too.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet(SHEETS.rows)!.getCell(`${col.get('achievements')}${rowOf(f.data, '2.1.2')}`).value).toBe(ESCAPES);
    // Two escape forms sharing an underscore (LibreOffice reads them right but writes them back wrong: not ours to fix).
    expect(excelText('a_x0041_x0042_b')).toBe('a_x005F_x0041_x005F_x0042_b');
    const overlap = structuredClone(f.data);
    overlap.rows.find((r) => r.actionPlan === '2.1.2')!.values.achievements = 'a_x0041_x0042_b';
    const back = sheetjs(await writeWorkbook(overlap)).Sheets[SHEETS.rows]![`${col.get('achievements')}${rowOf(f.data, '2.1.2')}`] as XLSX.CellObject;
    expect(back.v).toBe('a_x0041_x0042_b');
    expect(excelText('bell\u0007 CR\r\n')).toBe('bell_x0007_ CR_x000D_\n');
    expect(excelText('=1+1')).toBe('=1+1');
  });

  it('writes the metadata in chunks with its SHA-256: it parses, and its base is the database’s', async () => {
    const { f, buf } = await written();
    const wb = sheetjs(buf);
    const m = readMeta(wb);
    expect(m.format).toBe(WORKBOOK_FORMAT);
    expect(m.version).toBe(WORKBOOK_VERSION);
    expect(wb.Sheets[SHEETS.meta]![META_CELLS.checksumLabel].v).toBe('sha256');
    expect(m.json).toBe(metaJson(f.data.meta));
    expect(JSON.parse(m.json)).toEqual(f.data.meta);
    // No "_xHHHH_" in the JSON text (a literal one in a user's text is written \u005f…).
    expect(m.json).not.toMatch(/_x[0-9A-Fa-f]{4}_/);
    expect(m.json).toContain('Literal \\u005fx0041_');
    expect(m.json.length).toBeGreaterThan(META_CHUNK);
    expect(wb.Sheets[SHEETS.meta]!.A4.v.length).toBeGreaterThan(0);
    expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(m.checksum).toBe(metaChecksum(m.json));
    const meta = WorkbookMeta.parse(JSON.parse(m.json));
    expect(meta.base).toEqual(f.data.meta.base);
    expect(meta.base['2.1.2']!.achievements).toBe(ESCAPES);
  });

  it('never cuts a UTF-16 pair between two chunks of the metadata', async () => {
    expect(metaChunks('a'.repeat(META_CHUNK - 1) + '🙂b')).toEqual(['a'.repeat(META_CHUNK - 1), '🙂b']);
    expect(metaChunks('a'.repeat(META_CHUNK))).toEqual(['a'.repeat(META_CHUNK)]);
    expect(metaChunks('')).toEqual([]);
    // A workbook whose JSON has an emoji just across the boundary.
    const f = mofaFixture();
    const base = f.data.meta.base['2.1.1']!;
    base.difficulties = '🙂';
    const at = metaJson(f.data.meta).indexOf('🙂');
    base.difficulties = `${'a'.repeat(META_CHUNK - 1 - at)}🙂`;
    expect(metaJson(f.data.meta).indexOf('🙂')).toBe(META_CHUNK - 1);
    const m = readMeta(sheetjs(await writeWorkbook(f.data)));
    expect(m.json).toBe(metaJson(f.data.meta));
    expect(m.checksum).toBe(metaChecksum(m.json));
  });
});

describe('writeWorkbook, read back with ExcelJS', () => {
  async function excel(): Promise<{ f: Fixture; wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }> {
    const { f, buf } = await written();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    return { f, wb, ws: wb.getWorksheet(SHEETS.rows)! };
  }

  it('gives the dropdowns the ranges of the hidden list sheet, never an inline list', async () => {
    const { f, ws } = await excel();
    const col = letters(f.data);
    const r = rowOf(f.data, '1.1.1');
    const [, yesNo] = f.data.indicatorColumns;
    expect(ws.getCell(`${col.get('completion')}${r}`).dataValidation).toMatchObject({ type: 'list', formulae: ['lists!$A$1:$A$5'], showErrorMessage: true });
    for (const address of [`${col.get('delayed')}${r}`, `B${L.submitRow}`, `${col.get(`indicator:${yesNo!.uid}`)}${r}`]) {
      expect(ws.getCell(address).dataValidation, address).toMatchObject({ type: 'list', formulae: ['lists!$B$1:$B$2'] });
    }
    // Every row's level and delayed cells.
    for (let i = 0; i < f.data.rows.length; i++) {
      expect(ws.getCell(`${col.get('completion')}${L.firstDataRow + i}`).dataValidation?.formulae).toEqual(['lists!$A$1:$A$5']);
      expect(ws.getCell(`${col.get('delayed')}${L.firstDataRow + i}`).dataValidation?.formulae).toEqual(['lists!$B$1:$B$2']);
    }
    expect(ws.getCell(`${col.get('achievements')}${r}`).dataValidation).toBeUndefined();
    expect(ws.getCell(`${col.get('completion')}${L.headerRow}`).dataValidation).toBeUndefined();
    expect(ws.getCell(`${col.get('completion')}${L.firstDataRow + f.data.rows.length}`).dataValidation).toBeUndefined();
  });

  it('writes each column’s dropdown as one range over the rows, no two ranges over the same cell', async () => {
    const { f, buf } = await written();
    const col = letters(f.data);
    const last = L.firstDataRow + f.data.rows.length - 1;
    const [, yesNo] = f.data.indicatorColumns;
    const sqrefs = [...rowsSheetXml(buf).matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs.sort()).toEqual(
      [`B${L.submitRow}`, `${col.get('completion')}${L.firstDataRow}:${col.get('completion')}${last}`, `${col.get('delayed')}${L.firstDataRow}:${col.get('delayed')}${last}`, `${col.get(`indicator:${yesNo!.uid}`)}${rowOf(f.data, '1.1.1')}`].sort(),
    );
  });

  it('writes a workbook with no rows: no dropdown on the header or below it', async () => {
    const f = mofaFixture();
    const data = structuredClone(f.data);
    data.rows = [];
    data.meta.rows = [];
    data.meta.base = {};
    const buf = await writeWorkbook(data);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(SHEETS.rows)!;
    const col = letters(data);
    for (const r of [L.headerRow, L.firstDataRow]) {
      expect(ws.getCell(`${col.get('completion')}${r}`).dataValidation, `row ${r}`).toBeUndefined();
      expect(ws.getCell(`${col.get('delayed')}${r}`).dataValidation, `row ${r}`).toBeUndefined();
    }
    expect(ws.getCell(`B${L.submitRow}`).dataValidation?.formulae).toEqual(['lists!$B$1:$B$2']);
    expect(sheetjs(buf).Sheets[SHEETS.rows]![`A${L.headerRow}`].v).toBe('코드\nCode');
  });

  it('sets the sheets’ states, the frozen panes, the filter, the page setup and the workbook’s properties', async () => {
    const { f, wb, ws } = await excel();
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      [SHEETS.instructions, 'visible'],
      [SHEETS.rows, 'visible'],
      [SHEETS.lists, 'hidden'],
      [SHEETS.meta, 'veryHidden'],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: L.headerRow });
    const columns = workbookColumns(f.data).length;
    expect(ws.autoFilter).toBe(`A${L.headerRow}:${XLSX.utils.encode_col(columns - 1)}${L.headerRow + f.data.rows.length}`);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${L.headerRow}:${L.headerRow}` });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.6 });
    expect(wb.creator).toBe('NAP Monitor');
    expect(wb.created.toISOString()).toBe('2026-12-01T22:03:00.000Z');
  });

  it('protects the rows sheet without a password, allowing sort, filter, selection and formatting; context locked and grey, the body’s cells unlocked', async () => {
    const { f, ws } = await excel();
    const p = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(p).toMatchObject({ sheet: true, sort: true, autoFilter: true, formatColumns: true, formatRows: true, formatCells: true });
    expect(p.selectLockedCells).not.toBe(false);
    expect(p.selectUnlockedCells).not.toBe(false);
    expect(p.hashValue).toBeUndefined();
    expect(p.algorithmName).toBeUndefined();

    const col = letters(f.data);
    const r = rowOf(f.data, '1.1.1');
    const grey = (address: string) => (ws.getCell(address).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    for (const key of ['code', 'area', 'objective', 'strategy', 'actionPlan', 'otherBodies', 'lastCompletion', 'lastAchievements', 'comments']) {
      // Locked is a cell's default: written as no protection at all.
      expect(ws.getCell(`${col.get(key)}${r}`).protection?.locked ?? true, key).toBe(true);
      expect(grey(`${col.get(key)}${r}`), key).toBe('FFE7E6E6');
    }
    const [count] = f.data.indicatorColumns;
    for (const key of ['completion', 'delayed', 'delayReason', 'achievements', 'nextSteps', 'difficulties', 'budgetAllocated', 'budgetExecuted', 'evidence', `indicator:${count!.uid}`]) {
      expect(ws.getCell(`${col.get(key)}${r}`).protection?.locked, key).toBe(false);
      expect(grey(`${col.get(key)}${r}`), key).toBeUndefined();
    }
    // An indicator of another action plan: grey and locked in this row, through the column's style (no cell written).
    const other = `${col.get(`indicator:${count!.uid}`)}${rowOf(f.data, '2.1.1')}`;
    expect(ws.getCell(other).protection?.locked ?? true).toBe(true);
    expect(grey(other)).toBe('FFE7E6E6');
    expect(ws.getCell(other).border?.left?.style).toBe('thin');
    const indicatorColumn = workbookColumns(f.data).findIndex((c) => c.key === `indicator:${count!.uid}`) + 1;
    const columnStyle = ws.getColumn(indicatorColumn).style;
    expect((columnStyle.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFE7E6E6');
    expect(columnStyle.protection?.locked ?? true).toBe(true);
    expect(rowsSheetXml(await written().then((w) => w.buf))).not.toContain(`<c r="${other}"`);
    // Above the header the indicator columns are as plain as the rest of those rows; the header keeps its own fill.
    for (let row = L.titleRow; row < L.headerRow; row++) {
      expect(grey(`${col.get(`indicator:${count!.uid}`)}${row}`), `row ${row}`).toBeUndefined();
      expect(ws.getCell(`${col.get(`indicator:${count!.uid}`)}${row}`).border?.left, `row ${row}`).toBeUndefined();
    }
    expect(grey(`${col.get(`indicator:${count!.uid}`)}${L.headerRow}`)).toBe('FFD9E1F2');
    expect(ws.getCell(`B${L.submitRow}`).protection?.locked).toBe(false);
    expect(ws.getCell(`B${L.statusRow}`).protection?.locked).not.toBe(false);
  });

  it('styles the header and the cells as a person expects: bold filled header, wrapped text, borders, widths, number formats', async () => {
    const { f, ws } = await excel();
    const col = letters(f.data);
    const h = ws.getCell(`A${L.headerRow}`);
    expect(h.font?.bold).toBe(true);
    expect((h.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9E1F2');
    expect(h.alignment?.wrapText).toBe(true);
    expect(h.border?.bottom?.style).toBe('thin');
    expect(ws.getCell(`A${L.titleRow}`).font?.bold).toBe(true);
    const r = rowOf(f.data, '1.1.1');
    expect(ws.getCell(`${col.get('achievements')}${r}`).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell(`${col.get('achievements')}${r}`).border?.left?.style).toBe('thin');
    expect(ws.getCell(`${col.get('budgetAllocated')}${r}`).numFmt).toBe('#,##0');
    workbookColumns(f.data).forEach((c, i) => {
      expect(ws.getColumn(i + 1).width ?? ws.properties.defaultColWidth, c.key).toBe(c.key.startsWith('indicator:') ? 16 : COLUMN_LABELS[c.key as keyof typeof COLUMN_LABELS].width);
    });
  });
});

describe('the data cells’ shared styles', () => {
  it('cannot be changed through one cell for every other cell that shares them: the change throws', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('x');
    const [a, b] = [ws.getCell('A1'), ws.getCell('B1')];
    a.style = DATA_STYLES.locked;
    b.style = DATA_STYLES.locked;
    expect(() => {
      a.font = { name: 'Arial', bold: true };
    }).toThrow(TypeError);
    expect(() => {
      (a.style.fill as ExcelJS.FillPattern).fgColor = { argb: 'FFFF0000' };
    }).toThrow(TypeError);
    expect(b.font).toEqual({ name: 'Malgun Gothic' });
    expect((b.fill as ExcelJS.FillPattern).fgColor).toEqual({ argb: 'FFE7E6E6' });
  });
});

describe('a text longer than a cell holds', () => {
  it('is refused with the action plan and the field, in Korean and English, before anything is written', async () => {
    const f = mofaFixture();
    const key = { actionPlanId: f.t.action('3.1.1'), bodyCode: 'MOFA', periodId: f.t.period[2023] };
    // 2023's report is a draft: 40 pieces of evidence of 1,000 characters are more than a cell's 32,767.
    for (let i = 0; i < 40; i++) addEvidence(f.t.db, key, { title: `${i} ${'자료'.repeat(248)}`, docDate: '2023-01-02', reference: 'r'.repeat(490) }, mofa);
    const data = gatherFor(f, f.t.period[2023]);
    expect(data.meta.base['3.1.1']!.evidence.length).toBeGreaterThan(32_767);
    const refusal = await writeWorkbook(data).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: [{ path: 'actionPlan:3.1.1.evidence', hint: 'cell_too_long' }] });
    expect((refusal as Error).message).toMatch(/행동계획 3\.1\.1의 증빙 자료.*The evidence of action plan 3\.1\.1/s);
    // Fewer pieces fit.
    data.meta.base['3.1.1']!.evidence = data.meta.base['3.1.1']!.evidence.split('\n').slice(0, 32).join('\n');
    await expect(writeWorkbook(data)).resolves.toBeInstanceOf(Buffer);
  });
});

describe('a workbook in English', () => {
  it('writes the dropdowns’ values and the state in English, the headers in both', async () => {
    const f = mofaFixture('en');
    const wb = sheetjs(await writeWorkbook(f.data));
    const ws = wb.Sheets[SHEETS.rows]!;
    expect(ws[`B${L.statusRow}`].v).toBe('Returned for revision');
    expect(ws[`B${L.submitRow}`].v).toBe('No');
    expect([1, 2, 3, 4, 5].map((r) => wb.Sheets[SHEETS.lists]![`A${r}`].v)).toEqual(levelOptions('en'));
    expect(ws[`${letters(f.data).get('completion')}${rowOf(f.data, '1.1.1')}`].v).toBe('Substantial');
    expect(ws[`A${L.headerRow}`].v).toBe('코드\nCode');
  });
});

describe('workbookFileName', () => {
  const meta = { plan: 'KOR-NAP-3', year: 2025, body: 'MOFA', kind: 'request' as const, writtenAt: '2026-12-01T22:03:00.000Z' };
  const local = new Date(meta.writtenAt);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${local.getFullYear()}${two(local.getMonth() + 1)}${two(local.getDate())}-${two(local.getHours())}${two(local.getMinutes())}`;

  it('names the plan, year, body, kind and time in ASCII', () => {
    expect(workbookFileName(meta)).toBe(`NAP3_2025_MOFA_request_${stamp}.xlsx`);
    expect(workbookFileName({ ...meta, kind: 'report' })).toBe(`NAP3_2025_MOFA_report_${stamp}.xlsx`);
  });

  it('holds nothing Windows forbids, whatever the codes hold', () => {
    const name = workbookFileName({ ...meta, plan: 'Plan<4>: "외교"/a\\b|c?*', body: 'CON. \u0007외교부 ' });
    expect(name).toMatch(/^[A-Za-z0-9_.-]+\.xlsx$/);
    expect(name).not.toMatch(/[<>:"/\\|?*\s]/);
    expect(workbookFileName({ ...meta, body: '외교부' })).toBe(`NAP3_2025_BODY_request_${stamp}.xlsx`);
  });
});
