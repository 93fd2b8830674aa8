/**
 * Shared by the differential fuzz test (tests/exchange/ooxml-fuzz.test.ts):
 * the comparison shape (as tests/exchange/ooxml.test.ts `look`), SheetJS's
 * options, a tiny workbook builder.
 */
import * as XLSX from 'xlsx';
import JSZip from 'jszip';

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const SJ_OPTS: XLSX.ParsingOptions = { type: 'array', dense: true, cellStyles: true, cellFormula: false, cellHTML: false, cellDates: false };

export type LookCell = [string, string, unknown, unknown];
export interface LookSheet {
  name: string;
  missing?: boolean;
  cells: LookCell[];
  hidden: number[];
}

/** As the test's look(): per cell [ref, t, v, w (n/e only)], hidden rows; a sheet SheetJS lost is marked missing. */
export function look(book: { SheetNames: string[]; Sheets: Record<string, unknown> }): LookSheet[] {
  return book.SheetNames.map((name) => {
    const ws = book.Sheets[name] as { '!data'?: (XLSX.CellObject[] | undefined)[]; '!rows'?: ({ hidden?: boolean } | undefined)[] } | undefined;
    if (!ws) return { name, missing: true, cells: [], hidden: [] };
    const cells: LookCell[] = [];
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

/** A one-sheet workbook from the given XML pieces (whole parts), as a parts map of strings. */
export function mini(o: { sheet?: string; sheetData?: string; sst?: string | null; styles?: string | null; workbook?: string; sheetName?: string }): Map<string, string> {
  const parts = new Map<string, string>();
  parts.set(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  parts.set('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  parts.set(
    'xl/workbook.xml',
    o.workbook ?? `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="${o.sheetName ?? 'S'}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  parts.set('xl/sharedStrings.xml', o.sst ?? `<?xml version="1.0"?><sst xmlns="${MAIN}" count="3" uniqueCount="3"><si><t>zero</t></si><si><t>one</t></si><si><t>two</t></si></sst>`);
  parts.set(
    'xl/styles.xml',
    o.styles ??
      `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
  );
  parts.set('xl/worksheets/sheet1.xml', o.sheet ?? `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${o.sheetData ?? ''}</sheetData></worksheet>`);
  return parts;
}

export async function zipParts(parts: Map<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, data] of parts) if (!name.endsWith('/')) zip.file(name, data);
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/**
 * A workbook of the XML that Excel, LibreOffice and others write and ExcelJS
 * does not (rich text and phonetic runs, inline strings, escapes, formats,
 * booleans, errors, formulas, hidden rows, targets absolute and with "./"):
 * tests/exchange/ooxml.test.ts spells out what is read from it, and the fuzz
 * mutates it.
 */
export function awkwardParts(): Map<string, string> {
  const parts = new Map<string, string>();
  parts.set(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  parts.set('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  parts.set(
    'xl/workbook.xml',
    `<?xml version="1.0"?><!-- made by hand --><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="./styles.xml"/></Relationships>`,
  );
  parts.set(
    'xl/sharedStrings.xml',
    `<?xml version="1.0"?><sst xmlns="${MAIN}" count="6" uniqueCount="6"><si><t>코드 Code</t></si><si><t xml:space="preserve"> spaced  </t></si><si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>るび</t></rPh><phoneticPr fontId="1"/></si><si><t>a_x000D__x000A_b&#13;&#10;c</t></si><si><t>second</t></si><si><t>&amp;lt; &amp;amp; &quot;q&quot; &apos;a&apos;</t></si></sst>`,
  );
  parts.set(
    'xl/styles.xml',
    `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0&quot;원&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
  );
  parts.set(
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
  return parts;
}

/** A small workbook with numbers under percent, date and custom formats, strings, booleans, errors. */
export function formatsParts(): Map<string, string> {
  return mini({
    sheetName: '형식 Formats',
    sst: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="4" uniqueCount="4"><si><t>코드</t></si><si><t xml:space="preserve">a &amp; b </t></si><si><r><rPr><b/></rPr><t>bo</t></r><r><t>ld</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si></sst>`,
    styles: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="166" formatCode="#,##0&quot;원&quot;"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="9" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    sheet:
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:F4"/><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>` +
      `<row r="2"><c r="A2" s="1"><v>0.25</v></c><c r="B2" s="2"><v>45123</v></c><c r="C2" s="3"><v>0.1234</v></c><c r="D2" s="4"><v>45123.5</v></c><c r="E2" s="5"><v>1234567</v></c><c r="F2" s="6"><v>-1234.567</v></c></row>` +
      `<row r="3" hidden="1"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><v>#DIV/0!</v></c><c r="C3"><v>3.14159</v></c><c r="D3" s="2"><v>1</v></c></row>` +
      `<row r="4"><c r="A4"><v>100</v></c><c r="B4" t="s"><v>2</v></c></row>` +
      `</sheetData></worksheet>`,
  });
}
