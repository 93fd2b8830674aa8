/**
 * The exchange workbook reader on real files: the committed fixtures
 * (tests/fixtures/exchange/, made by scripts/make-exchange-fixtures.ts with
 * ExcelJS, SheetJS' CFB and JSZip) and a few built here. The tolerant cases
 * read, the refusals are refused with their code and a message naming the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  headerLabel,
  parseIndicatorCell,
  parseLevelCell,
  parseWonCell,
  parseYesNoCell,
  type ColumnKey,
  type ReadRefusal,
  type ReadWorkbook,
} from '../../contract/exchange';
import { readWorkbook, zipEntries } from '../../main/exchange/read';
import { writeWorkbook } from '../../main/exchange/write';
import { closeDatabase } from '../../db/connection';
import { longKorean, mofaFixture } from './support-write';
import {
  FIXTURES,
  IND_SHARE,
  IND_WOMEN,
  claimSize,
  makeWorkbook,
  rezip,
  standardColumns,
  standardRows,
} from '../../scripts/make-exchange-fixtures';

function fixture(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
}

function ok(bytes: Uint8Array, name = 'test.xlsx'): ReadWorkbook {
  const r = readWorkbook(bytes, name);
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.en}`);
  return r.workbook;
}

function refused(bytes: Uint8Array, name: string): ReadRefusal {
  const r = readWorkbook(bytes, name);
  if (r.ok) throw new Error(`${name} was read, not refused`);
  // Every refusal names the file in both languages and says what to do.
  expect(r.refusal.ko).toContain(name);
  expect(r.refusal.en).toContain(name);
  expect(r.refusal.ko).toMatch(/세요\.$/);
  expect(r.refusal.en).toMatch(/\b(import|Choose|Ask|Fill in|Get)\b/);
  return r.refusal;
}

const row = (wb: ReadWorkbook, code: string) => {
  const found = wb.rows.filter((r) => r.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
};
/** A cell's value; a column of the header the row has no cell in is empty there (null), as the merge reads it. */
const value = (wb: ReadWorkbook, code: string, key: ColumnKey) => {
  const r = row(wb, code);
  expect(wb.columns.some((c) => c.key === key)).toBe(true);
  return r.cells[key] === undefined ? null : r.cells[key].value;
};
const address = (wb: ReadWorkbook, code: string, key: ColumnKey) => row(wb, code).cells[key]?.address;

describe('the workbook as written', () => {
  it('reads the sheets, the metadata, the header, every row and the submit cell', () => {
    const wb = ok(fixture('standard.xlsx'));
    expect(wb.sheetNames).toEqual(['안내 Instructions', '보고 Report', 'lists', 'nap_meta']);
    expect(wb.metaProblem).toBeNull();
    expect(wb.meta).toMatchObject({ plan: 'NAP3', body: 'MOFA', year: 2025, rows: ['1.1.1', '1.1.2', '2.1.1'] });
    expect(wb.rowsSheet).toBe('보고 Report');
    expect(wb.headerRow).toBe(6);
    expect(wb.columns.map((c) => `${c.column}:${c.key}`)).toEqual(
      standardColumns().map((c, i) => `${String.fromCharCode(65 + i)}:${c.key}`),
    );
    expect(wb.columns.find((c) => c.key === 'code')?.header).toBe(headerLabel('code'));
    expect(wb.unknownColumns).toEqual([]);
    expect(wb.rows.map((r) => [r.rowNumber, r.code, r.hidden])).toEqual([
      [7, '1.1.1', false],
      [8, '1.1.2', false],
      [9, '2.1.1', false],
    ]);
    expect(value(wb, '1.1.1', 'completion')).toBe('상당 부분');
    expect(address(wb, '1.1.1', 'completion')).toBe('G7');
    expect(value(wb, '1.1.1', 'budgetAllocated')).toBe(12_000_000);
    expect(value(wb, '1.1.1', `indicator:${IND_WOMEN}`)).toBe(95);
    expect(address(wb, '2.1.1', `indicator:${IND_SHARE}`)).toBe('P9');
    expect(value(wb, '2.1.1', `indicator:${IND_SHARE}`)).toBe(25.5);
    // Only the cells with a value are handed on: an empty one is left out (and reads as empty).
    expect(row(wb, '1.1.2').cells).not.toHaveProperty('difficulties');
    expect(value(wb, '1.1.2', 'difficulties')).toBeNull();
    for (const r of wb.rows) for (const cell of Object.values(r.cells)) expect(cell!.value).not.toBeNull();
    expect(Object.keys(row(wb, '1.1.2').cells).length).toBeLessThan(wb.columns.length);
    expect(wb.submit).toEqual({ address: 'B4', value: null });
    expect(wb.ignoredRows).toEqual([]);
  });

  it('reads a cell error as its text and a formula as its cached value', () => {
    const wb = ok(fixture('errors.xlsx'));
    expect(value(wb, '1.1.2', 'budgetExecuted')).toBe('#N/A');
    const totals = ok(fixture('totals.xlsx'));
    expect(value(totals, '1.1.1', 'budgetExecuted')).toBe(9_000_000);
    expect(address(totals, '1.1.1', 'budgetExecuted')).toBe('N7');
  });
});

describe("the application's own writer (main/exchange/write.ts)", () => {
  it.each(['ko', 'en'] as const)('a %s workbook reads back whole: metadata, every column known, every row', async (language) => {
    const { t, data } = mofaFixture(language);
    try {
      const wb = ok(new Uint8Array(await writeWorkbook(data)), 'mofa.xlsx');
      expect(wb.metaProblem).toBeNull();
      expect(wb.meta).toEqual(data.meta);
      expect(wb.unknownColumns).toEqual([]);
      expect(wb.columns.filter((c) => c.key.startsWith('indicator:')).map((c) => c.key)).toEqual(data.indicatorColumns.map((c) => `indicator:${c.uid}`));
      expect(wb.rows.map((r) => r.code)).toEqual(data.meta.rows);
      expect(wb.rows.every((r) => !r.hidden)).toBe(true);
      expect(wb.ignoredRows).toEqual([]);
      expect(wb.submit?.address).toBe('B4');
      expect(value(wb, '1.1.1', 'achievements')).toBe(longKorean('1.1.1'));
      expect(parseLevelCell(value(wb, '1.1.1', 'completion')!)).toEqual({ ok: true, value: 'substantial' });
      expect(parseWonCell(value(wb, '1.1.1', 'budgetExecuted')!)).toEqual({ ok: true, value: 98_765_432 });
      const count = data.indicatorColumns.find((c) => c.kind === 'number')!;
      expect(value(wb, count.actionPlan, `indicator:${count.uid}`)).toBe(25);
    } finally {
      closeDatabase(t.db);
    }
  });
});

describe('files saved by another spreadsheet program (LibreOffice Calc)', () => {
  it.each(['ods', 'xls', 'xlsx'])('.%s: the same rows, values, metadata and hidden rows', (ext) => {
    const wb = ok(fixture(`libreoffice-standard.${ext}`));
    const original = ok(fixture('standard.xlsx'));
    expect(wb.metaProblem).toBeNull();
    expect(wb.meta).toEqual(original.meta);
    expect(wb.sheetNames).toEqual(original.sheetNames);
    expect(wb.columns).toEqual(original.columns);
    expect(wb.rows).toEqual(original.rows);
    expect(wb.submit).toEqual(original.submit);
    const filtered = ok(fixture(`libreoffice-filtered.${ext}`));
    expect(filtered.rows.map((r) => [r.code, r.hidden])).toEqual([
      ['1.1.1', false],
      ['1.1.2', true],
      ['2.1.1', true],
    ]);
  });
});

describe('edits people make', () => {
  it('sorted rows: each row keeps its own number and cells', () => {
    const wb = ok(fixture('sorted.xlsx'));
    expect(wb.rows.map((r) => [r.rowNumber, r.code])).toEqual([
      [7, '2.1.1'],
      [8, '1.1.1'],
      [9, '1.1.2'],
    ]);
    expect(value(wb, '2.1.1', 'delayReason')).toBe('현지 사정');
    expect(address(wb, '2.1.1', 'delayReason')).toBe('I7');
  });

  it('rows hidden by hand or by a filter are read, marked hidden', () => {
    const wb = ok(fixture('filtered.xlsx'));
    expect(wb.rows.map((r) => [r.code, r.hidden])).toEqual([
      ['1.1.1', false],
      ['1.1.2', true],
      ['2.1.1', true],
    ]);
    expect(value(wb, '1.1.2', 'achievements')).toBe('여성 공관장 2명 임명');
  });

  it('columns inserted, hidden and moved are found by their headers', () => {
    const wb = ok(fixture('columns-edited.xlsx'));
    const col = (key: ColumnKey) => wb.columns.find((c) => c.key === key)?.column;
    expect(col('code')).toBe('A');
    expect(col('achievements')).toBe('B');
    expect(col('area')).toBe('C'); // hidden
    expect(col('completion')).toBe('I');
    expect(wb.unknownColumns).toEqual([{ column: 'H', header: '메모 Note' }]);
    expect(value(wb, '1.1.1', 'achievements')).toBe('협상단에 여성 3명 참여');
    expect(value(wb, '1.1.1', 'area')).toBe('참여');
    expect(value(wb, '1.1.1', 'completion')).toBe('상당 부분');
    expect(address(wb, '1.1.1', 'completion')).toBe('I7');
    expect(row(wb, '1.1.1').cells).not.toHaveProperty('note');
  });

  it('a title row and notes inserted above the header move it; the submit cell is found by its label', () => {
    const wb = ok(fixture('title-inserted.xlsx'));
    expect(wb.headerRow).toBe(8);
    expect(wb.rows.map((r) => r.rowNumber)).toEqual([9, 10, 11]);
    expect(wb.submit).toEqual({ address: 'B6', value: '예' });
    expect(parseYesNoCell(wb.submit!.value)).toEqual({ ok: true, value: true });
  });

  it('the submit value is the first filled cell right of its label', async () => {
    const bytes = await makeWorkbook({});
    const moved = await rezip(bytes, async (zip) => {
      const name = 'xl/worksheets/sheet2.xml';
      const xml = await zip.file(name)!.async('string');
      // A cell C4 holding "예" (inline string), B4 left empty.
      zip.file(name, xml.replace(/(<row r="4"[^>]*>)(.*?)(<\/row>)/, '$1$2<c r="C4" t="inlineStr"><is><t>예</t></is></c>$3'));
    });
    expect(ok(moved).submit).toEqual({ address: 'C4', value: '예' });
  });

  it('totals, notes and empty rows below are not action plans: ignored, listed with their text', () => {
    const wb = ok(fixture('totals.xlsx'));
    expect(wb.rows.map((r) => r.code)).toEqual(['1.1.1', '1.1.2', '2.1.1']);
    expect(wb.ignoredRows).toEqual([
      { rowNumber: 11, text: '합계 Total | 12000000 | 9000000' },
      { rowNumber: 12, text: '참고: 2.1.1은 하반기에 다시 보고합니다.' },
    ]);
  });

  it('numbers typed as text are handed back as typed, and the contract codecs decode them (never "1억 2천만원")', () => {
    const wb = ok(fixture('text-numbers.xlsx'));
    expect(wb.rows.map((r) => r.code)).toEqual(['1.1.1', '1.1.2', '2.1.1']); // "１.１.２" folded
    expect(value(wb, '1.1.1', 'budgetAllocated')).toBe('12,000,000');
    expect(parseWonCell(value(wb, '1.1.1', 'budgetAllocated')!)).toEqual({ ok: true, value: 12_000_000 });
    expect(parseWonCell(value(wb, '1.1.1', 'budgetExecuted')!)).toEqual({ ok: true, value: 3_000 });
    expect(parseWonCell(value(wb, '1.1.2', 'budgetAllocated')!)).toEqual({ ok: true, value: 5_000 });
    expect(value(wb, '1.1.2', 'budgetExecuted')).toBe('１,２００원');
    expect(parseWonCell(value(wb, '1.1.2', 'budgetExecuted')!)).toEqual({ ok: true, value: 1_200 });
    expect(value(wb, '2.1.1', 'budgetAllocated')).toBe('1억 2천만원');
    expect(parseWonCell(value(wb, '2.1.1', 'budgetAllocated')!)).toEqual({ ok: false, problem: 'budget_format' });
    expect(parseWonCell(value(wb, '2.1.1', 'budgetExecuted')!)).toEqual({ ok: false, problem: 'budget_format' });
    expect(parseIndicatorCell('number', value(wb, '1.1.1', `indicator:${IND_WOMEN}`)!)).toEqual({ ok: true, value: 123 });
    expect(parseIndicatorCell('percent', value(wb, '2.1.1', `indicator:${IND_SHARE}`)!)).toEqual({ ok: true, value: 12.5 });
  });

  it('levels and yes/no typed in Korean or English, any case, stray spaces, decode', () => {
    const wb = ok(fixture('text-numbers.xlsx'));
    expect(value(wb, '1.1.1', 'completion')).toBe('  완료 ');
    expect(parseLevelCell(value(wb, '1.1.1', 'completion')!)).toEqual({ ok: true, value: 'completed' });
    expect(parseLevelCell(value(wb, '1.1.2', 'completion')!)).toEqual({ ok: true, value: 'substantial' });
    expect(parseLevelCell(value(wb, '2.1.1', 'completion')!)).toEqual({ ok: true, value: 'not_started' });
    expect(parseYesNoCell(value(wb, '1.1.1', 'delayed')!)).toEqual({ ok: true, value: false });
    expect(parseYesNoCell(value(wb, '1.1.2', 'delayed')!)).toEqual({ ok: true, value: false });
    expect(parseYesNoCell(value(wb, '2.1.1', 'delayed')!)).toEqual({ ok: true, value: true });
  });

  it('merged cells: the top-left cell holds the value, the others read empty', () => {
    const wb = ok(fixture('merged.xlsx'));
    expect(value(wb, '1.1.1', 'area')).toBe('참여');
    expect(value(wb, '1.1.2', 'area')).toBeNull();
    expect(value(wb, '1.1.1', 'achievements')).toBe('협상단에 여성 3명 참여');
    expect(value(wb, '1.1.1', 'nextSteps')).toBeNull();
    expect(wb.rows).toHaveLength(3);
  });

  it('a renamed rows sheet is found by its header row', () => {
    const wb = ok(fixture('renamed.xlsx'));
    expect(wb.rowsSheet).toBe('외교부 보고(수정)');
    expect(wb.sheetNames).toContain('메모');
    expect(wb.rows.map((r) => r.code)).toEqual(['1.1.1', '1.1.2', '2.1.1']);
  });

  it('an edited indicator header is matched by the indicator name it still holds', async () => {
    const columns = standardColumns().map((c) =>
      c.key === `indicator:${IND_WOMEN}` ? { ...c, header: '지표: 여성 참여자 수 (2025년, 수정)' } : c.key === `indicator:${IND_SHARE}` ? { ...c, header: 'Indicator - share of women' } : c,
    );
    const wb = ok(await makeWorkbook({ columns }));
    expect(wb.columns.find((c) => c.key === `indicator:${IND_WOMEN}`)?.column).toBe('O');
    expect(wb.columns.find((c) => c.key === `indicator:${IND_SHARE}`)?.column).toBe('P');
    expect(wb.unknownColumns).toEqual([]);
  });

  it('a row of the same code twice: both are kept (the merge refuses the duplicate)', async () => {
    const rows = standardRows();
    const wb = ok(await makeWorkbook({ rows: [...rows, { ...rows[0]!, achievements: '둘째 줄' }] }));
    expect(wb.rows.filter((r) => r.code === '1.1.1').map((r) => [r.rowNumber, r.cells.achievements?.value])).toEqual([
      [7, '협상단에 여성 3명 참여'],
      [10, '둘째 줄'],
    ]);
  });
});

describe('the metadata', () => {
  it('absent: rows are read, indicator columns are unknown without it', () => {
    const wb = ok(fixture('no-meta.xlsx'));
    expect([wb.meta, wb.metaProblem]).toEqual([null, 'absent']);
    expect(wb.rows).toHaveLength(3);
    expect(wb.unknownColumns.map((c) => c.column)).toEqual(['O', 'P']);
  });

  it('JSON edited by hand: checksum', () => {
    const wb = ok(fixture('meta-edited.xlsx'));
    expect([wb.meta, wb.metaProblem]).toEqual([null, 'checksum']);
  });

  it('checksum right but not the contract shape: invalid', () => {
    const wb = ok(fixture('meta-invalid.xlsx'));
    expect([wb.meta, wb.metaProblem]).toEqual([null, 'invalid']);
  });
});

describe('refusals', () => {
  it('a picture or a PDF renamed .xlsx: not a spreadsheet', () => {
    expect(refused(fixture('picture.xlsx'), 'picture.xlsx')).toMatchObject({ code: 'not_spreadsheet' });
    expect(refused(fixture('document.xlsx'), 'document.xlsx').en).toContain('PDF');
    expect(refused(new Uint8Array(0), '빈 파일.xlsx').code).toBe('not_spreadsheet');
    const noise = refused(new Uint8Array(4096).fill(7), 'noise.xlsx');
    expect(noise.code).toBe('not_spreadsheet');
    expect(noise.en).toContain('is not a spreadsheet');
  });

  it('comma, tab or semicolon separated text under any name: csv; HTML and plain text: not a spreadsheet', () => {
    const csv = refused(fixture('table.xlsx'), 'table.xlsx');
    expect(csv.code).toBe('csv');
    expect(csv.ko).toContain('Excel 통합 문서(.xlsx)로 저장해 보내 달라고 하세요');
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(refused(enc('\uFEFFcode\tlevel\n1.1.1\t완료\n'), 'report.xls').code).toBe('csv');
    expect(refused(enc('code;level\n1.1.1;완료\n1.1.2;제한적\n'), 'report.csv').code).toBe('csv');
    // CP949 bytes (Excel's "CSV" on a Korean Windows) are text too.
    expect(refused(Uint8Array.from([0xc4, 0xda, 0xb5, 0xe5, 0x2c, 0x41, 0x0a, 0x31, 0x2c, 0x32, 0x0a]), 'cp949.xlsx').code).toBe('csv');
    expect(refused(enc('<html><body><table><tr><td>1.1.1</td></tr></table></body></html>'), 'export.xls')).toMatchObject({ code: 'not_spreadsheet' });
    expect(refused(enc('그냥 메모입니다'), 'memo.xlsx').code).toBe('not_spreadsheet');
    expect(refused(enc('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'), 'old.xml').code).toBe('unsupported_format');
  });

  it('password-protected (an OLE file with EncryptionInfo and EncryptedPackage, as Excel writes it): encrypted', () => {
    const r = refused(fixture('password.xlsx'), 'password.xlsx');
    expect(r.code).toBe('encrypted');
    expect(r.ko).toContain('암호를 풀고 다시 저장한 뒤 가져오세요');
    expect(r.en).toContain('remove the password');
    // A zip whose entries say they are encrypted (bit 0 of the flags): never handed to SheetJS either.
    const zipped = new Uint8Array(fixture('standard.xlsx'));
    const view = new DataView(zipped.buffer);
    for (let i = 0; i + 4 <= zipped.length; i += 1) if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
    expect(refused(zipped, 'zip-password.xlsx').code).toBe('encrypted');
  });

  it('a truncated zip, or one whose directory does not hold together: damaged', async () => {
    expect(refused(fixture('truncated.xlsx'), 'truncated.xlsx')).toMatchObject({ code: 'damaged', where: 'zip: no central directory' });
    const std = fixture('standard.xlsx');
    // The end record's entry count one higher than the directory holds.
    const more = new Uint8Array(std);
    const eocd = more.length - 22;
    const view = new DataView(more.buffer);
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    view.setUint16(eocd + 10, view.getUint16(eocd + 10, true) + 1, true);
    view.setUint16(eocd + 8, view.getUint16(eocd + 8, true) + 1, true);
    // Refused by the directory check itself, before SheetJS (which would refuse it too, without saying where).
    expect(refused(more, 'count.xlsx')).toMatchObject({ code: 'damaged', where: 'zip: central directory entry' });
    // An entry that inflates to more than its directory claims.
    const sheet = zipEntries(std, 'x').find((e) => e.name === 'xl/worksheets/sheet2.xml')!;
    expect(refused(claimSize(std, sheet.name, sheet.size - 10), 'liar.xlsx')).toMatchObject({ code: 'damaged', where: sheet.name });
    expect(refused(std.subarray(0, 100), 'cut.xlsx').code).toBe('damaged');
  });

  it('too large: the file, the sizes its directory claims, too many rows, columns, sheets, a cell too long', async () => {
    expect(refused(new Uint8Array(20 * 1024 * 1024 + 1), 'huge.xlsx').code).toBe('too_large');
    expect(refused(fixture('claims-huge.xlsx'), 'claims-huge.xlsx').code).toBe('too_large');
    const rows = refused(fixture('many-rows.xlsx'), 'many-rows.xlsx');
    expect(rows).toMatchObject({ code: 'too_large', where: '보고 Report' });
    expect(rows.ko).toContain('보고 Report');
    // 5,000 rows below the header is the limit itself: read.
    const atLimit = await makeWorkbook({ rows: Array.from({ length: 5_000 }, (_, i) => ({ code: `9.${Math.floor(i / 100) + 1}.${(i % 100) + 1}` })), meta: 'absent' });
    expect(ok(atLimit).rows).toHaveLength(5_000);

    const wide = await makeWorkbook({ columns: [...standardColumns(), ...Array.from({ length: 180 }, (_, i) => ({ key: `x${i}`, header: `추가 ${i}` }))] });
    expect(ok(wide).unknownColumns).toHaveLength(180);
    const wider = await makeWorkbook({ columns: [...standardColumns(), ...Array.from({ length: 181 }, (_, i) => ({ key: `x${i}`, header: `추가 ${i}` }))] });
    expect(refused(wider, 'wide.xlsx')).toMatchObject({ code: 'too_large', where: '보고 Report' });

    const sheets = await makeWorkbook({ extraSheets: Array.from({ length: 17 }, (_, i) => `메모 ${i}`) });
    expect(refused(sheets, 'sheets.xlsx').code).toBe('too_large');
    expect(ok(await makeWorkbook({ extraSheets: Array.from({ length: 16 }, (_, i) => `메모 ${i}`) })).sheetNames).toHaveLength(20);

    const long = await makeWorkbook({ rows: standardRows().map((r, i) => (i === 1 ? { ...r, achievements: '가'.repeat(32_768) } : r)) });
    const cell = refused(long, 'long.xlsx');
    expect(cell).toMatchObject({ code: 'too_large', where: "'보고 Report'!J8" });
    expect(cell.en).toContain('J8');
    const longest = await makeWorkbook({ rows: standardRows().map((r, i) => (i === 1 ? { ...r, achievements: '가'.repeat(32_767) } : r)) });
    expect(String(value(ok(longest), '1.1.2', 'achievements'))).toHaveLength(32_767);
  });

  it('an .ods whose row with content repeats a million times (a few bytes that SheetJS would expand to gigabytes): too large, before SheetJS', async () => {
    const bomb = await rezip(fixture('libreoffice-standard.ods'), async (zip) => {
      const xml = await zip.file('content.xml')!.async('string');
      // The instructions sheet's second row, repeated.
      const edited = xml.replace(/(<table:table table:name="안내 Instructions"[^>]*>[\s\S]*?<table:table-row[^>]*>[\s\S]*?<\/table:table-row>\s*<table:table-row)/, '$1 table:number-rows-repeated="1000000"');
      expect(edited).not.toBe(xml);
      zip.file('content.xml', edited);
    });
    const started = performance.now();
    expect(refused(bomb, 'bomb.ods')).toMatchObject({ code: 'too_large', where: '안내 Instructions' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('an .ods cell with content repeated across more than 200 columns: too large, before SheetJS', async () => {
    const wide = await rezip(fixture('libreoffice-standard.ods'), async (zip) => {
      const xml = await zip.file('content.xml')!.async('string');
      const edited = xml.replace(/<table:table-cell (office:value-type="string")/, '<table:table-cell table:number-columns-repeated="300" $1');
      expect(edited).not.toBe(xml);
      zip.file('content.xml', edited);
    });
    expect(refused(wide, 'wide.ods')).toMatchObject({ code: 'too_large', where: '안내 Instructions' });
  });

  it('legacy files: an .xls with a VBA project is refused as macros, another OLE document (Word) as not a spreadsheet', () => {
    const xls = XLSX.CFB.read(fixture('libreoffice-standard.xls'), { type: 'buffer' });
    XLSX.CFB.utils.cfb_add(xls, '_VBA_PROJECT_CUR/VBA/dir', new Uint8Array(16));
    const withMacros = new Uint8Array(XLSX.CFB.write(xls, { type: 'buffer' }) as Uint8Array);
    expect(refused(withMacros, 'macros.xls')).toMatchObject({ code: 'macros' });
    const doc = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(doc, 'WordDocument', new Uint8Array(512));
    expect(refused(new Uint8Array(XLSX.CFB.write(doc, { type: 'buffer' }) as Uint8Array), 'letter.doc').code).toBe('not_spreadsheet');
    // And the .xls as LibreOffice saved it reads (tested above), so the refusal is the VBA project's.
  });

  it('macros: a vbaProject.bin, or a macro content type, is refused and never run', async () => {
    expect(refused(fixture('macros.xlsx'), 'macros.xlsx')).toMatchObject({ code: 'macros', where: 'xl/vbaProject.bin' });
    const typed = await rezip(fixture('standard.xlsx'), async (zip) => {
      const xml = await zip.file('[Content_Types].xml')!.async('string');
      zip.file('[Content_Types].xml', xml.replace('spreadsheetml.sheet.main+xml', 'ms-excel.sheet.macroEnabled.main+xml'));
    });
    expect(refused(typed, 'typed.xlsm')).toMatchObject({ code: 'macros', where: '[Content_Types].xml' });
  });

  it('a workbook saved by SheetJS (a Default content type for .bin, no macro part) is read, not taken for macros', () => {
    const resaved = XLSX.write(XLSX.read(fixture('standard.xlsx'), { type: 'buffer' }), { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    expect(new TextDecoder().decode(resaved)).not.toContain('vbaProject.bin');
    const r = readWorkbook(new Uint8Array(resaved), 'sheetjs.xlsx');
    expect(r.ok ? r.workbook.rows.length : r.refusal).toBeGreaterThan(0);
  });

  it('a zip that is not a workbook, or a workbook without the header row: refused, naming the sheets', async () => {
    const docx = await rezip(fixture('standard.xlsx'), async (zip) => {
      for (const name of Object.keys(zip.files)) if (name !== '[Content_Types].xml') zip.remove(name);
      zip.file('[Content_Types].xml', '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    });
    expect(refused(docx, 'letter.xlsx').code).toBe('not_spreadsheet');
    const columns = standardColumns().map((c) => (c.key === 'code' ? { ...c, header: '번호' } : c));
    const noHeader = refused(await makeWorkbook({ columns }), 'no-header.xlsx');
    expect(noHeader.code).toBe('no_rows_sheet');
    expect(noHeader.ko).toContain('"보고 Report"');
    expect(noHeader.en).toContain('"안내 Instructions", "보고 Report", "lists", "nap_meta"');
    expect(noHeader.en).toContain('Code');
  });

  it('whatever it is given, it answers and never throws', () => {
    for (const junk of [null, undefined, 'PK', {}, new Uint8Array([0x50, 0x4b, 0x03, 0x04])]) {
      const r = readWorkbook(junk as unknown as Uint8Array, 'junk.xlsx');
      expect(r).toMatchObject({ ok: false, refusal: { code: 'damaged' } });
    }
  });

  it('a file name with a folder is shown by its last part', () => {
    const r = refused(fixture('picture.xlsx'), 'picture.xlsx');
    const withPath = readWorkbook(fixture('picture.xlsx'), 'C:\\Users\\담당\\Desktop\\picture.xlsx');
    expect(withPath.ok).toBe(false);
    if (!withPath.ok) expect(withPath.refusal.en).toBe(r.en);
  });
});
