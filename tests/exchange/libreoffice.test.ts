/**
 * A written workbook saved again by LibreOffice Calc (as a body without the
 * application might: open, save) keeps what the importer reads: every value
 * of the rows sheet (Korean text, 20,000-character text, budgets as
 * numbers, indicators, texts that look like formulas), the metadata's
 * chunks and checksum, and the sheets' names. The same for a conversion to
 * .ods. LibreOffice is required (.ci/run installs libreoffice-calc-nogui):
 * without it this test fails, it does not skip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { META_CELLS, SHEETS, WorkbookMeta } from '../../contract/exchange';
import { metaChecksum, metaJson, workbookFileName, writeWorkbook } from '../../main/exchange/write';
import { ESCAPES, mofaFixture } from './support-write';
import { tempDir } from '../support/tmp';
import { convert, requireLibreOffice } from './support-libreoffice';

/**
 * Every cell of a sheet by address: its type and value (the only parts the
 * importer reads). Line ends as one form: SheetJS folds CR LF into LF, and
 * LibreOffice turns a lone CR into LF as well.
 */
function cells(ws: XLSX.WorkSheet): Record<string, { t: string; v: unknown }> {
  const out: Record<string, { t: string; v: unknown }> = {};
  for (const [address, c] of Object.entries(ws)) {
    if (address.startsWith('!')) continue;
    const cell = c as XLSX.CellObject;
    if (cell.t === 'z' || cell.v === undefined || cell.v === '') continue;
    out[address] = { t: cell.t, v: typeof cell.v === 'string' ? cell.v.replace(/\r\n?/g, '\n') : cell.v };
  }
  return out;
}

const CONTROLS = new RegExp(`[${[...Array(32).keys()].filter((c) => c !== 9 && c !== 10).map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`, 'g');

/**
 * The rows sheet's values as SheetJS reads them from LibreOffice's .ods, with
 * what that path loses, pinned down: ODS (XML) cannot hold a control
 * character, so LibreOffice drops it; SheetJS's ODS reader decodes "_xHHHH_"
 * (an .xlsx escape, not ODS's) and collapses runs of spaces in a cell of
 * more than one line. Nothing else may differ.
 */
function odsForm(sheet: Record<string, { t: string; v: unknown }>): Record<string, { t: string; v: unknown }> {
  const text = (v: string) =>
    v
      .replace(CONTROLS, '')
      .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/ {2,}/g, (spaces, at: number, whole: string) => (whole.includes('\n') ? ' ' : spaces));
  return Object.fromEntries(Object.entries(sheet).map(([a, c]) => [a, typeof c.v === 'string' ? { t: c.t, v: text(c.v) } : c]));
}

function metaOf(wb: XLSX.WorkBook): { json: string; checksum: unknown } {
  const ws = wb.Sheets[SHEETS.meta]!;
  let json = '';
  for (let r = META_CELLS.firstChunkRow; ws[`A${r}`] !== undefined && ws[`A${r}`].v !== ''; r++) json += String(ws[`A${r}`].v);
  return { json, checksum: ws[META_CELLS.checksum]?.v };
}

describe('a workbook saved again by LibreOffice', () => {
  it('keeps the rows sheet’s values, the metadata and the sheets’ names, as .xlsx and as .ods', { timeout: 240_000 }, async () => {
    requireLibreOffice();
    const f = mofaFixture();
    const dir = tempDir('nap-lo-');
    const file = path.join(dir, workbookFileName(f.data.meta));
    fs.writeFileSync(file, await writeWorkbook(f.data));
    const original = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    const before = cells(original.Sheets[SHEETS.rows]!);
    // What the test holds the copies to: the texts and numbers that matter are there to compare.
    expect(Object.values(before).some((c) => c.v === ESCAPES.replace(/\r\n?/g, '\n'))).toBe(true);
    expect(Object.values(before).some((c) => c.t === 'n' && c.v === 98_765_432)).toBe(true);
    expect(Object.values(before).some((c) => c.v === '=1+1' && c.t === 's')).toBe(true);

    // One fresh profile for this run: both conversions share it (the first start makes it).
    const profile = path.join(dir, 'lo-profile');
    const xlsx = await convert(file, 'xlsx', profile, path.join(dir, 'xlsx'));
    const ods = await convert(file, 'ods', profile, path.join(dir, 'ods'));

    for (const copy of [xlsx, ods]) {
      const wb = XLSX.read(fs.readFileSync(copy), { type: 'buffer' });
      const what = path.extname(copy);
      expect(wb.SheetNames, what).toEqual([SHEETS.instructions, SHEETS.rows, SHEETS.lists, SHEETS.meta]);
      expect(cells(wb.Sheets[SHEETS.rows]!), what).toEqual(what === '.ods' ? odsForm(before) : before);
      expect(cells(wb.Sheets[SHEETS.lists]!), what).toEqual(cells(original.Sheets[SHEETS.lists]!));
      const m = metaOf(wb);
      expect(m.json, what).toBe(metaJson(f.data.meta));
      expect(m.checksum, what).toBe(metaChecksum(m.json));
      expect(WorkbookMeta.parse(JSON.parse(m.json)).base, what).toEqual(f.data.meta.base);
      // The list and metadata sheets stay hidden in the .xlsx (LibreOffice keeps "very hidden" as hidden; SheetJS reads no sheet states from an .ods).
      if (what === '.xlsx') expect(wb.Workbook?.Sheets?.map((s) => s.Hidden ?? 0), what).toEqual([0, 0, 1, 1]);
    }
  });
});
