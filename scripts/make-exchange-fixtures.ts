/**
 * Makes the committed exchange-workbook fixtures of tests/exchange/read.test.ts
 * and fuzz.test.ts (tests/fixtures/exchange/): workbooks laid out as
 * contract/exchange.ts says, written by ExcelJS (as the application's writer
 * does), each with one of the edits people make to them, and files the
 * reader refuses. Run: node --import tsx scripts/make-exchange-fixtures.ts
 *
 * Deterministic: fixed uids and dates, so a re-run changes only what ExcelJS
 * stamps (its zip timestamps).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import {
  META_CELLS,
  META_CHUNK,
  ROWS_LAYOUT,
  SHEETS,
  SUBMIT_LABEL,
  STATUS_LABEL,
  RETURN_LABEL,
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
  headerLabel,
  indicatorHeader,
  type FixedColumn,
  type WorkbookMeta,
} from '../contract/exchange';

export const FIXTURES = fileURLToPath(new URL('../tests/fixtures/exchange/', import.meta.url));

export const IND_WOMEN = '11111111-1111-4111-8111-111111111111';
export const IND_SHARE = '22222222-2222-4222-8222-222222222222';
const INSTALLATION = '33333333-3333-4333-8333-333333333333';
const EXPORT_ID = '44444444-4444-4444-8444-444444444444';

const INDICATORS = [
  { uid: IND_WOMEN, actionPlan: '1.1.1', nameKo: '여성 참여자 수', nameEn: 'Women taking part', unit: '명', kind: 'number' as const, target: 120 },
  { uid: IND_SHARE, actionPlan: '2.1.1', nameKo: '여성 비율', nameEn: 'Share of women', unit: '%', kind: 'percent' as const, target: 30 },
];

export const CODES = ['1.1.1', '1.1.2', '2.1.1'];

export function sampleMeta(): WorkbookMeta {
  const empty = { completion: null, delayed: null, delayReason: null, achievements: null, nextSteps: null, difficulties: null, budgetAllocated: null, budgetExecuted: null, evidence: '' };
  return {
    format: WORKBOOK_FORMAT,
    version: WORKBOOK_VERSION,
    kind: 'request',
    language: 'ko',
    plan: 'NAP3',
    body: 'MOFA',
    year: 2025,
    writer: { installation: INSTALLATION, role: 'coordinator', body: null, name: '여성가족부 담당자' },
    writtenAt: '2026-01-15T09:00:00.000Z',
    exportId: EXPORT_ID,
    status: 'draft',
    returnedReason: null,
    rows: CODES,
    base: {
      '1.1.1': { ...empty, indicators: { [IND_WOMEN]: null } },
      '1.1.2': { ...empty, indicators: {} },
      '2.1.1': { ...empty, indicators: { [IND_SHARE]: null } },
    },
    indicators: INDICATORS.map((i) => ({
      uid: i.uid,
      origin: INSTALLATION,
      actionPlan: i.actionPlan,
      nameKo: i.nameKo,
      nameEn: i.nameEn,
      unit: i.unit,
      kind: i.kind,
      baseline: null,
      targets: [{ year: 2025, target: i.target }],
      createdBy: '여성가족부',
      createdAt: '2025-03-01T00:00:00.000Z',
      removedAt: null,
      header: indicatorHeader(i),
    })),
    comments: [],
    events: [],
  };
}

/** A column of the rows sheet: its key (a fixed column, an indicator, or an inserted column) and header. */
export interface ColumnSpec {
  key: string;
  header: string;
  hidden?: boolean;
}

export function standardColumns(): ColumnSpec[] {
  const fixed = (key: FixedColumn): ColumnSpec => ({ key, header: headerLabel(key) });
  const before: FixedColumn[] = ['code', 'area', 'objective', 'strategy', 'actionPlan', 'otherBodies', 'completion', 'delayed', 'delayReason', 'achievements', 'nextSteps', 'difficulties', 'budgetAllocated', 'budgetExecuted'];
  const after: FixedColumn[] = ['evidence', 'lastCompletion', 'lastAchievements', 'comments'];
  return [
    ...before.map(fixed),
    ...INDICATORS.map((i) => ({ key: `indicator:${i.uid}`, header: indicatorHeader(i) })),
    ...after.map(fixed),
  ];
}

export type RowSpec = Record<string, ExcelJS.CellValue>;

export function standardRows(): RowSpec[] {
  return [
    { code: '1.1.1', area: '참여', objective: '여성 참여 확대', strategy: '의사결정 참여', actionPlan: '평화협상에 여성 참여 확대', completion: '상당 부분', delayed: '아니오', achievements: '협상단에 여성 3명 참여', nextSteps: '확대 추진', budgetAllocated: 12000000, budgetExecuted: 9000000, [`indicator:${IND_WOMEN}`]: 95 },
    { code: '1.1.2', area: '참여', objective: '여성 참여 확대', strategy: '의사결정 참여', actionPlan: '재외공관 여성 관리자 확대', completion: '완료', delayed: '아니오', achievements: '여성 공관장 2명 임명', budgetAllocated: 0 },
    { code: '2.1.1', area: '보호', objective: '분쟁지역 여성 보호', strategy: '인도적 지원', actionPlan: '분쟁지역 여성 지원 사업', completion: '제한적', delayed: '예', delayReason: '현지 사정', [`indicator:${IND_SHARE}`]: 25.5 },
  ];
}

export interface BookSpec {
  columns?: ColumnSpec[];
  rows?: RowSpec[];
  rowsSheet?: string;
  /** Rows inserted above the title (a second title, a note). */
  rowsAbove?: string[];
  meta?: 'ok' | 'absent' | 'edited' | 'invalid';
  /** Codes of rows hidden by hand. */
  hiddenRows?: string[];
  /** An autofilter on the header whose hidden rows are these codes (Excel writes them as hidden rows). */
  filteredRows?: string[];
  /** Rows after the action plans: notes, totals (a formula with its cached result). */
  rowsBelow?: RowSpec[];
  merges?: string[];
  submit?: ExcelJS.CellValue;
  extraSheets?: string[];
}

/** The exchange workbook as the contract lays it out, with the edits the spec asks for. */
export async function makeWorkbook(spec: BookSpec = {}): Promise<Uint8Array> {
  const columns = spec.columns ?? standardColumns();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'NAP Monitor fixtures';
  wb.created = new Date('2026-01-15T09:00:00Z');
  wb.modified = wb.created;
  const info = wb.addWorksheet(SHEETS.instructions);
  info.getCell('A1').value = '작성 안내 / Instructions';
  info.getCell('A2').value = '"보고 Report" 시트의 노란 칸을 채워 주세요. Fill in the yellow cells of the "보고 Report" sheet.';

  const ws = wb.addWorksheet(spec.rowsSheet ?? SHEETS.rows);
  const shift = spec.rowsAbove?.length ?? 0;
  spec.rowsAbove?.forEach((text, i) => (ws.getCell(i + 1, 1).value = text));
  ws.getCell(shift + ROWS_LAYOUT.titleRow, 1).value = '2025년 외교부 이행 보고 / 2025 report of the Ministry of Foreign Affairs';
  ws.getCell(shift + ROWS_LAYOUT.statusRow, 1).value = `${STATUS_LABEL.ko}\n${STATUS_LABEL.en}`;
  ws.getCell(shift + ROWS_LAYOUT.statusRow, 2).value = '작성 중';
  ws.getCell(shift + ROWS_LAYOUT.returnRow, 1).value = `${RETURN_LABEL.ko}\n${RETURN_LABEL.en}`;
  ws.getCell(shift + ROWS_LAYOUT.submitRow, 1).value = `${SUBMIT_LABEL.ko}\n${SUBMIT_LABEL.en}`;
  if (spec.submit !== undefined) ws.getCell(shift + ROWS_LAYOUT.submitRow, 2).value = spec.submit;
  const headerRow = shift + ROWS_LAYOUT.headerRow;
  columns.forEach((c, i) => {
    ws.getCell(headerRow, i + 1).value = c.header;
    if (c.hidden) ws.getColumn(i + 1).hidden = true;
  });
  const rows = spec.rows ?? standardRows();
  const writeRow = (r: number, row: RowSpec) => {
    columns.forEach((c, i) => {
      const v = row[c.key];
      if (v !== undefined && v !== null) ws.getCell(r, i + 1).value = v;
    });
  };
  rows.forEach((row, i) => {
    const r = headerRow + 1 + i;
    writeRow(r, row);
    const code = String(row.code ?? '');
    if (spec.hiddenRows?.includes(code) || spec.filteredRows?.includes(code)) ws.getRow(r).hidden = true;
  });
  (spec.rowsBelow ?? []).forEach((row, i) => writeRow(headerRow + 1 + rows.length + i, row));
  if (spec.filteredRows) {
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + rows.length, column: columns.length } };
  }
  for (const m of spec.merges ?? []) ws.mergeCells(m);

  const lists = wb.addWorksheet(SHEETS.lists, { state: 'hidden' });
  ['미착수', '제한적', '상당 부분', '완료', '근거 없음'].forEach((t, i) => (lists.getCell(i + 1, 1).value = t));
  ['예', '아니오'].forEach((t, i) => (lists.getCell(i + 1, 2).value = t));
  for (const name of spec.extraSheets ?? []) wb.addWorksheet(name).getCell('A1').value = name;

  if ((spec.meta ?? 'ok') !== 'absent') {
    let json = JSON.stringify(sampleMeta());
    const sum = createHash('sha256').update(json, 'utf8').digest('hex');
    if (spec.meta === 'edited') json = json.replace('"year":2025', '"year":2024');
    if (spec.meta === 'invalid') json = JSON.stringify({ ...sampleMeta(), year: 'this year' });
    const sheet = wb.addWorksheet(SHEETS.meta, { state: 'veryHidden' });
    sheet.getCell(META_CELLS.format).value = WORKBOOK_FORMAT;
    sheet.getCell(META_CELLS.version).value = WORKBOOK_VERSION;
    sheet.getCell(META_CELLS.checksumLabel).value = 'sha256';
    sheet.getCell(META_CELLS.checksum).value = spec.meta === 'invalid' ? createHash('sha256').update(json, 'utf8').digest('hex') : sum;
    // Several chunks even for a small JSON would hide a bug in the joining: cut at 700 characters here (META_CHUNK in the writer).
    const size = Math.min(META_CHUNK, 700);
    for (let i = 0, r = META_CELLS.firstChunkRow; i < json.length; i += size, r += 1) sheet.getCell(r, 1).value = json.slice(i, i + size);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip rewritten with one entry's bytes changed (or added). */
export async function rezip(bytes: Uint8Array, edit: (zip: JSZip) => Promise<void> | void): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** What Excel writes for a workbook with a password: an OLE compound file with EncryptionInfo and EncryptedPackage. */
export function encryptedWorkbook(): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  // Agile encryption's version header (4.4) and a descriptor; the package is opaque bytes.
  const info = new Uint8Array([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00, ...new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')]);
  XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', info);
  const pkg = new Uint8Array(4096);
  for (let i = 0; i < pkg.length; i += 1) pkg[i] = (i * 131 + 7) & 0xff;
  XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', pkg);
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

/** The zip's central directory entry of `name` made to claim `size` uncompressed bytes. */
export function claimSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const target = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < out.length; i += 1) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const n = view.getUint16(i + 28, true);
    const entry = out.subarray(i + 46, i + 46 + n);
    if (n === target.length && entry.every((b, k) => b === target[k])) {
      view.setUint32(i + 24, size, true);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function main(): Promise<void> {
  fs.mkdirSync(FIXTURES, { recursive: true });
  const files: Record<string, Uint8Array> = {};
  const std = await makeWorkbook();
  files['standard.xlsx'] = std;

  // Rows sorted by the level (descending text): 2.1.1, 1.1.1, 1.1.2.
  const r = standardRows();
  files['sorted.xlsx'] = await makeWorkbook({ rows: [r[2]!, r[0]!, r[1]!] });
  files['filtered.xlsx'] = await makeWorkbook({ filteredRows: ['1.1.2'], hiddenRows: ['2.1.1'] });

  // An inserted column (a note) before the level, the area column hidden, achievements moved before the area.
  const cols = standardColumns();
  const moved = cols.filter((c) => c.key !== 'achievements');
  moved.splice(1, 0, cols.find((c) => c.key === 'achievements')!);
  moved.find((c) => c.key === 'area')!.hidden = true;
  moved.splice(moved.findIndex((c) => c.key === 'completion'), 0, { key: 'note', header: '메모 Note' });
  files['columns-edited.xlsx'] = await makeWorkbook({
    columns: moved,
    rows: standardRows().map((row) => ({ ...row, note: `메모 ${String(row.code)}` })),
  });

  files['title-inserted.xlsx'] = await makeWorkbook({ rowsAbove: ['외교부 내부 검토용', '담당: 홍길동'], submit: '예' });
  files['totals.xlsx'] = await makeWorkbook({
    rows: standardRows().map((row) =>
      row.code === '1.1.1' ? { ...row, budgetExecuted: { formula: 'M7-3000000', result: 9000000 } } : row,
    ),
    rowsBelow: [
      {},
      { code: '합계 Total', budgetAllocated: { formula: 'SUM(M7:M9)', result: 12000000 }, budgetExecuted: { formula: 'SUM(N7:N9)', result: 9000000 } },
      { area: '참고: 2.1.1은 하반기에 다시 보고합니다.' },
    ],
  });
  files['text-numbers.xlsx'] = await makeWorkbook({
    rows: [
      { code: '1.1.1', completion: '  완료 ', delayed: ' 아니오', budgetAllocated: '12,000,000', budgetExecuted: '₩3,000', [`indicator:${IND_WOMEN}`]: '１２３' },
      { code: '１.１.２', completion: 'SUBSTANTIAL', delayed: 'No', budgetAllocated: '5000원', budgetExecuted: '１,２００원' },
      { code: '2.1.1', completion: ' not  started ', delayed: 'YES', budgetAllocated: '1억 2천만원', budgetExecuted: 'about 3', [`indicator:${IND_SHARE}`]: '12.5%' },
    ],
  });
  files['merged.xlsx'] = await makeWorkbook({ merges: ['B7:B8', 'J7:K7'] });
  files['renamed.xlsx'] = await makeWorkbook({ rowsSheet: '외교부 보고(수정)', extraSheets: ['메모'] });
  files['no-meta.xlsx'] = await makeWorkbook({ meta: 'absent' });
  files['meta-edited.xlsx'] = await makeWorkbook({ meta: 'edited' });
  files['meta-invalid.xlsx'] = await makeWorkbook({ meta: 'invalid' });
  files['errors.xlsx'] = await makeWorkbook({
    rows: standardRows().map((row) => (row.code === '1.1.2' ? { ...row, budgetExecuted: { formula: 'NA()', result: { error: '#N/A' } } } : row)),
  });

  // Refused.
  files['picture.xlsx'] = PNG;
  files['document.xlsx'] = PDF;
  files['table.xlsx'] = new TextEncoder().encode('코드,이행 수준,추진 실적\n1.1.1,완료,협상단에 여성 3명 참여\n1.1.2,상당 부분,"공관장 2명, 임명"\n');
  files['password.xlsx'] = encryptedWorkbook();
  files['truncated.xlsx'] = std.subarray(0, Math.floor(std.length * 0.6));
  files['many-rows.xlsx'] = await makeWorkbook({
    rows: Array.from({ length: 5_001 }, (_, i) => ({ code: `9.${Math.floor(i / 100) + 1}.${(i % 100) + 1}` })),
    meta: 'absent',
  });
  files['claims-huge.xlsx'] = claimSize(std, 'xl/worksheets/sheet2.xml', 0xfffffff0);
  files['macros.xlsx'] = await rezip(std, (zip) => {
    zip.file('xl/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  });

  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(FIXTURES, name), bytes);
  console.log(`wrote ${Object.keys(files).length} files to ${FIXTURES}`);
  resaveWithLibreOffice();
}

/**
 * Files saved by another spreadsheet program: LibreOffice Calc re-saves the
 * standard and the filtered workbook as .ods, .xls (BIFF8) and .xlsx
 * (libreoffice-*). Skipped, with a note, where soffice is missing.
 */
function resaveWithLibreOffice(): void {
  const soffice = process.env.NAP_SOFFICE ?? 'soffice';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-lo-'));
  try {
    for (const name of ['standard.xlsx', 'filtered.xlsx']) fs.copyFileSync(path.join(FIXTURES, name), path.join(work, name));
    for (const [format, ext] of [['ods', 'ods'], ['xls:MS Excel 97', 'xls'], ['xlsx:Calc MS Excel 2007 XML', 'xlsx']] as const) {
      const out = path.join(work, ext);
      const r = spawnSync(soffice, [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', format, '--outdir', out, 'standard.xlsx', 'filtered.xlsx'], { cwd: work, encoding: 'utf8', timeout: 120_000 });
      if (r.error || r.status !== 0) {
        console.log(`LibreOffice (${soffice}) not run: ${r.error?.message ?? r.stderr}; libreoffice-* fixtures left as they are`);
        return;
      }
      for (const base of ['standard', 'filtered']) {
        fs.copyFileSync(path.join(out, `${base}.${ext}`), path.join(FIXTURES, `libreoffice-${base}.${ext}`));
      }
    }
    console.log('wrote libreoffice-{standard,filtered}.{ods,xls,xlsx}');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
