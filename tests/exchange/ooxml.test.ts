/**
 * Our .xlsx parser (main/exchange/ooxml.ts) against SheetJS, which it stands
 * in for: on the fixture corpus, on the workbooks the application writes
 * (request and report, Korean and English) and on those saved again by
 * LibreOffice, and on a workbook of the awkward XML (rich text with phonetic
 * runs, inline strings, entities and _xHHHH_ escapes, number formats,
 * booleans, errors, formulas' cached values, hidden and unnumbered rows,
 * cells out of order), every cell of every sheet and every row's hidden flag
 * is the same, and readWorkbook answers the same with either. What ours does
 * not read exactly (a prefixed namespace, strict OOXML, 1904 dates, a date
 * cell) it leaves to SheetJS, with the same answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import JSZip from 'jszip';
import { checkZip, readWorkbook } from '../../main/exchange/read';
import { readOoxml, Unsupported, type Book } from '../../main/exchange/ooxml';
import { writeWorkbook } from '../../main/exchange/write';
import { closeDatabase } from '../../db/connection';
import { FIXTURES, rezip } from '../../scripts/make-exchange-fixtures';
import { mofaFixture } from './support-write';
import { convert, requireLibreOffice } from './support-libreoffice';
import { tempDir } from '../support/tmp';
import { MAIN, SJ_OPTS, awkwardParts, look, zipParts } from './ooxml-fuzz/common';


function parts(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(checkZip(bytes, 'test.xlsx').parts.map((p) => [p.name, p.data]));
}

/** SheetJS's reading of the same bytes, with the options read.ts gives it (styles for the rows' hidden flags). */
function sheetjs(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { ...SJ_OPTS });
}

const awkward = () => zipParts(awkwardParts());

/** The two parsers agree cell for cell, ours read the file itself, and readWorkbook answers the same either way. */
function expectSame(bytes: Uint8Array, name: string): void {
  const ours = readOoxml(parts(bytes)) as never;
  expect(look(ours), name).toEqual(look(sheetjs(bytes)));
  expect(readWorkbook(bytes, name), name).toEqual(readWorkbook(bytes, name, null, 'sheetjs'));
}

const xlsxFixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));

describe('ooxml.ts reads what SheetJS reads', () => {
  it('every .xlsx fixture it reads: the same cells, and the same answer from readWorkbook', () => {
    let read = 0;
    for (const f of xlsxFixtures) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, f)));
      const auto = readWorkbook(bytes, f);
      expect(auto, f).toEqual(readWorkbook(bytes, f, null, 'sheetjs'));
      if (!auto.ok) continue;
      expect(look(readOoxml(parts(bytes))), f).toEqual(look(sheetjs(bytes)));
      read++;
    }
    // The corpus's workbooks but the refused ones (not a zip, damaged, macros are refused before either parser).
    expect(read).toBeGreaterThanOrEqual(15);
  });

  it('the workbooks the application writes, and the same saved again by LibreOffice (.xlsx)', { timeout: 120_000 }, async () => {
    requireLibreOffice();
    const dir = tempDir('nap-ooxml-');
    for (const language of ['ko', 'en'] as const) {
      const f = mofaFixture(language);
      try {
        for (const data of [f.data, { ...f.data, meta: { ...f.data.meta, kind: 'request' as const } }]) {
          const kind = data.meta.kind;
          const bytes = new Uint8Array(await writeWorkbook(data));
          expectSame(bytes, `${kind}-${language}.xlsx`);
          if (language === 'en') continue;
          const file = path.join(dir, `${kind}.xlsx`);
          fs.writeFileSync(file, bytes);
          const saved = await convert(file, 'xlsx', path.join(dir, 'profile'), path.join(dir, 'out'));
          expectSame(new Uint8Array(fs.readFileSync(saved)), `${kind} saved by LibreOffice`);
        }
      } finally {
        closeDatabase(f.t.db);
      }
    }
  });

  it('the awkward XML: rich text and phonetic runs, inline strings, escapes, formats, booleans, errors, formulas, hidden rows', async () => {
    const bytes = await awkward();
    expectSame(bytes, 'awkward.xlsx');
    const [sheet] = look(readOoxml(parts(bytes)));
    const at = (a: string) => sheet!.cells.find((c) => c[0] === a)?.slice(1);
    // What SheetJS reads, spelled out (so that a change both make would show here too).
    expect(at('A1')).toEqual(['s', '코드 Code', null]);
    expect(at('B1')).toEqual(['s', ' spaced  ', null]);
    expect(at('C1')).toEqual(['s', 'rich text', null]);
    expect(at('D1')).toEqual(['s', 'a\nb\nc', null]);
    expect(at('E1')).toEqual(['s', 'inline & <b> \r x', null]);
    expect(at('F1')).toEqual(['s', 'rich inline', null]);
    // Entities read in one pass: an escaped ampersand stays one.
    expect(at('G1')).toEqual(['s', '&lt; &amp; "q" \'a\'', null]);
    expect(at('A2')).toEqual(['n', 1234.5, '1234.5']);
    expect(at('B2')).toEqual(['n', 1234567, '1,234,567원']);
    expect(at('C2')).toEqual(['n', 0.125, '12.50%']);
    expect(at('D2')).toEqual(['n', 45000, '3/15/23']);
    expect(at('A3')).toEqual(['b', true, null]);
    expect(at('B3')).toEqual(['b', false, null]);
    expect(at('C3')).toEqual(['e', 42, '#N/A']);
    expect(at('D3')).toEqual(['s', 'formula text', null]);
    expect(at('E3')).toEqual(['n', 2, '2']);
    expect(at('F3')).toBeUndefined();
    expect(at('A6')).toEqual(['s', 'second', null]);
    expect(at('B6')).toEqual(['s', '코드 Code', null]);
    expect(at('A7')).toEqual(['n', 7, '7']);
    expect(at('AA9')).toEqual(['s', 'line1\nline2 가', null]);
    expect(sheet!.hidden).toEqual([1, 2]);
  });

  it('a formula’s text as written (where SheetJS unescapes it twice and garbles a character reference)', async () => {
    const standard = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'standard.xlsx')));
    const bytes = await rezip(standard, async (zip) => {
      const xml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
      zip.file('xl/worksheets/sheet2.xml', xml.replace('</row>', '<c r="AZ1" t="str"><f>"R&amp;amp;D"</f><v>R&amp;amp;D &#xAC00;</v></c></row>'));
    });
    const cell = (book: Pick<XLSX.WorkBook, 'Sheets'> | Book) => (book.Sheets['보고 Report'] as unknown as { '!data': XLSX.CellObject[][] })['!data'][0]![51]!.v;
    expect(cell(readOoxml(parts(bytes)))).toBe('R&amp;D 가');
    expect(cell(sheetjs(bytes))).not.toBe('R&amp;D 가');
  });

  it('leaves to SheetJS, with the same answer, what it does not read exactly', async () => {
    const standard = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'standard.xlsx')));
    const sheetOf = async (zip: JSZip) => {
      const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
      const wb = await zip.file('xl/workbook.xml')!.async('string');
      const rid = /<sheet\b[^>]*name="보고 Report"[^>]*r:id="([^"]+)"/.exec(wb)?.[1] ?? /<sheet\b[^>]*r:id="([^"]+)"[^>]*name="보고 Report"/.exec(wb)![1]!;
      const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
      return `xl/${(target[1] ?? target[2]!).replace(/^\/?xl\//, '')}`;
    };
    /** The fixture with one part's text changed ('sheet': the rows sheet's part). */
    const edit = (part: string, change: (xml: string) => string) =>
      rezip(standard, async (zip) => {
        const name = part === 'sheet' ? await sheetOf(zip) : part;
        zip.file(name, change(await zip.file(name)!.async('string')));
      });
    const cases: [string, Uint8Array][] = [
      ['a prefixed namespace', await edit('sheet', (xml) => xml.replace(/<(\/?)(?!\?)([A-Za-z]\w*)(?=[\s/>])/g, '<$1x:$2').replace(/xmlns="/, 'xmlns:x="'))],
      ['strict OOXML', await edit('sheet', (xml) => xml.replace(`xmlns="${MAIN}"`, 'xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"'))],
      ['1904 dates', await edit('xl/workbook.xml', (wb) => (wb.includes('<workbookPr') ? wb.replace('<workbookPr', '<workbookPr date1904="1"') : wb.replace('<sheets>', '<workbookPr date1904="1"/><sheets>')))],
      ['a date cell', await edit('sheet', (xml) => xml.replace('</row>', '<c r="AZ1" t="d"><v>2024-01-02T00:00:00Z</v></c></row>'))],
      // What SheetJS reads its own way (tests/exchange/ooxml-fuzz.test.ts's kind of fuzz found each).
      ['cells out of order', await edit('sheet', (xml) => xml.replace('</row>', '<c r="AZ1" t="s"><v>0</v></c><c r="AY1" t="s"><v>1</v></c></row>'))],
      ['a row without its number', await edit('sheet', (xml) => xml.replace('</sheetData>', '<row><c r="A90" t="s"><v>0</v></c></row></sheetData>'))],
      ['a cell of another row', await edit('sheet', (xml) => xml.replace('</row>', '<c r="AZ7" t="s"><v>0</v></c></row>'))],
      ['a comment in the sheet data', await edit('sheet', (xml) => xml.replace('</row>', '</row><!-- <c r="AZ1"><v>9</v></c> -->'))],
      ['a comment never closed before the document element', await edit('sheet', (xml) => xml.replace('<worksheet', '<!-- <worksheet'))],
      ['a line end inside a tag', await edit('sheet', (xml) => xml.replace('<c r=', '<c\nr='))],
      ['an entity in capitals', await edit('xl/sharedStrings.xml', (sst) => sst.replace('</t>', '&QUOT;</t>'))],
      ['the styles named otherwise by the content types', await edit('[Content_Types].xml', (types) => types.replace('/xl/styles.xml', '/xl/Styles.xml'))],
    ];
    for (const [what, bytes] of cases) {
      expect(() => readOoxml(parts(bytes)), what).toThrow(Unsupported);
      const auto = readWorkbook(bytes, 'edited.xlsx');
      expect(auto, what).toEqual(readWorkbook(bytes, 'edited.xlsx', null, 'sheetjs'));
      // SheetJS reads each (the unclosed comment hides the whole sheet from it: no rows there).
      if (!auto.ok) throw new Error(`${what}: ${auto.refusal.en}`);
    }
  });
});
