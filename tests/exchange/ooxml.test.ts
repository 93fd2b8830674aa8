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

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function parts(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(checkZip(bytes, 'test.xlsx').parts.map((p) => [p.name, p.data]));
}

/** A sheet as the importer reads it: per cell its type, value and (numbers, errors) shown text; the hidden rows. */
function look(book: Pick<XLSX.WorkBook, 'SheetNames' | 'Sheets'> | Book): unknown {
  return book.SheetNames.map((name) => {
    const ws = book.Sheets[name] as unknown as { '!data'?: (XLSX.CellObject[] | undefined)[]; '!rows'?: ({ hidden?: boolean } | undefined)[] };
    const cells: [string, string, unknown, unknown][] = [];
    (ws['!data'] ?? []).forEach((row, r) =>
      row?.forEach((c, col) => {
        if (!c || c.t === 'z') return;
        cells.push([XLSX.utils.encode_cell({ r, c: col }), c.t, c.v, c.t === 'n' || c.t === 'e' ? c.w : null]);
      }),
    );
    const hidden = (ws['!rows'] ?? []).flatMap((x, r) => (x?.hidden ? [r] : []));
    return { name, cells, hidden };
  });
}

/** SheetJS's reading of the same bytes, with the options read.ts gives it (styles for the rows' hidden flags). */
function sheetjs(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', dense: true, cellStyles: true, cellFormula: false, cellHTML: false, cellDates: false });
}

/** The two parsers agree cell for cell, ours read the file itself, and readWorkbook answers the same either way. */
function expectSame(bytes: Uint8Array, name: string): void {
  const ours = readOoxml(parts(bytes));
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
    const [sheet] = look(readOoxml(parts(bytes))) as { cells: [string, string, unknown, unknown][]; hidden: number[] }[];
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
    const edit = (f: (xml: string, zip: JSZip) => Promise<void>) => rezip(standard, async (zip) => f(await zip.file(await sheetOf(zip))!.async('string'), zip));
    const cases: [string, Uint8Array][] = [
      ['a prefixed namespace', await edit(async (xml, zip) => {
        const prefixed = xml.replace(/<(\/?)(?!\?)([A-Za-z]\w*)(?=[\s/>])/g, '<$1x:$2').replace(/xmlns="/, 'xmlns:x="');
        zip.file(await sheetOf(zip), prefixed);
      })],
      ['strict OOXML', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace(`xmlns="${MAIN}"`, 'xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"'));
      })],
      ['1904 dates', await edit(async (_, zip) => {
        const wb = await zip.file('xl/workbook.xml')!.async('string');
        zip.file('xl/workbook.xml', wb.includes('<workbookPr') ? wb.replace('<workbookPr', '<workbookPr date1904="1"') : wb.replace('<sheets>', '<workbookPr date1904="1"/><sheets>'));
      })],
      ['a date cell', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace('</row>', '<c r="AZ1" t="d"><v>2024-01-02T00:00:00Z</v></c></row>'));
      })],
      // What SheetJS reads its own way (tests/exchange/ooxml.test.ts's differential fuzz found each).
      ['cells out of order', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace('</row>', '<c r="AZ1" t="s"><v>0</v></c><c r="AY1" t="s"><v>1</v></c></row>'));
      })],
      ['a row without its number', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace('</sheetData>', '<row><c r="A90" t="s"><v>0</v></c></row></sheetData>'));
      })],
      ['a cell of another row', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace('</row>', '<c r="AZ7" t="s"><v>0</v></c></row>'));
      })],
      ['a comment in the sheet data', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace('</row>', '</row><!-- <c r="AZ1"><v>9</v></c> -->'));
      })],
      ['a comment never closed before the document element', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace('<worksheet', '<!-- <worksheet'));
      })],
      ['a line end inside a tag', await edit(async (xml, zip) => {
        zip.file(await sheetOf(zip), xml.replace('<c r=', '<c\nr='));
      })],
      ['an entity in capitals', await edit(async (_, zip) => {
        const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
        zip.file('xl/sharedStrings.xml', sst.replace('</t>', '&QUOT;</t>'));
      })],
      ['the styles named otherwise by the content types', await edit(async (_, zip) => {
        const types = await zip.file('[Content_Types].xml')!.async('string');
        zip.file('[Content_Types].xml', types.replace('/xl/styles.xml', '/xl/Styles.xml'));
      })],
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

/** A workbook of the XML that Excel, LibreOffice and others write and ExcelJS does not. */
async function awkward(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  zip.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0"?><!-- made by hand --><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="./styles.xml"/></Relationships>`,
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0"?><sst xmlns="${MAIN}" count="6" uniqueCount="6"><si><t>코드 Code</t></si><si><t xml:space="preserve"> spaced  </t></si><si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>るび</t></rPh><phoneticPr fontId="1"/></si><si><t>a_x000D__x000A_b&#13;&#10;c</t></si><si><t>second</t></si><si><t>&amp;lt; &amp;amp; &quot;q&quot; &apos;a&apos;</t></si></sst>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0&quot;원&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
  );
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:AA9"/><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>` +
      `<c r="E1" t="inlineStr"><is><t>inline &amp; &lt;b&gt; _x000D_ x</t></is></c><c r="F1" t="inlineStr"><is><r><t>rich</t></r><r><t xml:space="preserve"> inline</t></r><rPh><t>x</t></rPh></is></c><c r="G1" t="s"><v>5</v></c></row>` +
      `<row r="2" hidden="1" ht="20" customHeight="1"><c r="A2"><v>1234.5</v></c><c r="B2" s="1"><v>1234567</v></c><c r="C2" s="2"><v>0.125</v></c><c r="D2" s="3"><v>45000</v></c></row>` +
      `<row r="3" hidden="true"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>formula text</v></c><c r="E3"><f>1+1</f><v>2</v></c><c r="F3"><f>1+1</f></c><c r="G3" s="1"/></row>` +
      `<row r="4" hidden="0"/><row r="5" spans="1:2"></row>` +
      `<row r="6"><c r="A6" t="s"><v>4</v></c><c r="B6" t="s"><v>0</v></c></row>` +
      `<row r="7" spans="1:1" x14ac:dyDescent="0.25"><c r="A7" cm="1"><v>7</v></c></row>` +
      `<row r="9"><c r="AA9" t="str"><v>line1&#13;&#10;line2 가</v></c><c r="AB9"><v>1E-7</v></c><c r="AC9"><v>123456789012345678</v></c><c r="AD9"><v>0.1</v></c></row>` +
      `</sheetData><mergeCells count="1"><mergeCell ref="A6:B6"/></mergeCells></worksheet>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
