/**
 * A reader of the OOXML workbooks people send (.xlsx as Excel, LibreOffice,
 * Hancom Office and ExcelJS write them), for the exchange's reader (read.ts):
 * the parts checkZip inflated in, SheetJS's workbook shape out (SheetNames,
 * and per sheet its dense '!data' and its rows' hidden flags in '!rows'),
 * cell for cell what SheetJS's parse_zip gives with read.ts's options.
 *
 * Why: SheetJS parses a workbook through general machinery (the XML split
 * into strings and re-joined, every string decoded from UTF-8 in JavaScript,
 * every cell formatted whether or not it is shown); this reads only what the
 * exchange reads, with one UTF-8 decode a part and a scan of its tags, in a
 * third of the time (bench: "readWorkbook alone"), so an import costs less
 * than twice SheetJS's bare parse (docs/decisions/0003).
 *
 * One difference, on purpose: a formula's cached string (t="str") is
 * unescaped once, where SheetJS unescapes it twice ("R&amp;amp;D" reads
 * "R&amp;D", and "&#xAC00;" is not garbled).
 *
 * It reads only what it knows exactly: anything else (a strict-OOXML or
 * prefixed namespace, a chart sheet, a 1904 date system, a date cell, a cell
 * without its address, a string index out of range …) throws Unsupported,
 * and read.ts hands the file to SheetJS as before. tests/exchange/ooxml.test.ts
 * holds the two to the same cells on the fixture corpus and the workbooks of
 * the exchange, as written and re-saved by LibreOffice.
 */
import { getHeapStatistics } from 'node:v8';
import { resourceLimits } from 'node:worker_threads';
import * as XLSX from 'xlsx';

export class Unsupported extends Error {}

/**
 * A part whose text would not fit in what is left of the heap. Decoding it
 * is one allocation outside JavaScript, which a worker's heap limit cannot
 * end gracefully (the whole process aborts): read.ts refuses the file as
 * needing too much memory instead.
 */
export class HeapShort extends Error {}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

/** The parts of the package by name (a leading "/" dropped), as inflated by read.ts checkZip. */
export type Parts = ReadonlyMap<string, Uint8Array>;

/** What read.ts reads of a SheetJS workbook. */
export interface Book {
  SheetNames: string[];
  Sheets: Record<string, Sheet>;
}

export interface Sheet {
  '!data': (Cell[] | undefined)[];
  '!rows': ({ hidden: true } | undefined)[];
}

export type Cell = XLSX.CellObject;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const utf8 = new TextDecoder('utf-8');

function text(parts: Parts, name: string): string | null {
  const bytes = parts.get(name);
  return bytes === undefined ? null : decodeText(bytes, name);
}

/** A part's UTF-8 as a string, if it fits in the heap left (checkRoom); else HeapShort. */
export function decodeText(bytes: Uint8Array, name: string): string {
  checkRoom(bytes.length, name);
  return utf8.decode(bytes);
}

/**
 * HeapShort unless a part of this many bytes fits in the heap left as text
 * (at most two bytes a character), with room to spare. What is read from it
 * afterwards is allocated in JavaScript, where the worker's limit ends the
 * worker cleanly (read-in-worker.ts answers too_large).
 */
export function checkRoom(bytes: number, name: string): void {
  const { heap_size_limit: whole, used_heap_size: used } = getHeapStatistics();
  // In a worker, its old generation's limit (a long string goes there): the heap's whole limit adds the young generation.
  const old = resourceLimits.maxOldGenerationSizeMb;
  const limit = old === undefined ? whole : old * 1024 * 1024;
  if (bytes * 2 + SPARE > limit - used) throw new HeapShort(name);
}

const SPARE = 8 * 1024 * 1024;

export function readOoxml(parts: Parts): Book {
  const rootRels = text(parts, '_rels/.rels') ?? unsupported('no package relationships');
  const office = relationships(rootRels, '').find((r) => r.type === `${REL}/officeDocument`) ?? unsupported('no office document');
  const workbookXml = text(parts, office.target) ?? unsupported('no workbook part');
  const dir = office.target.includes('/') ? office.target.slice(0, office.target.lastIndexOf('/') + 1) : '';
  const relsName = `${dir}_rels/${office.target.slice(dir.length)}.rels`;
  const rels = new Map(relationships(text(parts, relsName) ?? unsupported('no workbook relationships'), dir).map((r) => [r.id, r]));

  const root = rootElement(workbookXml);
  if (root.name !== 'workbook' || root.ns !== MAIN_NS) unsupported('not a transitional workbook');
  const props = /<workbookPr\b[^>]*>/.exec(workbookXml)?.[0];
  if (props && /\bdate1904=["'](1|true)["']/.test(props)) unsupported('1904 dates');

  const ofType = (type: string) => [...rels.values()].find((r) => r.type === `${REL}/${type}`);
  const sstRel = ofType('sharedStrings');
  const strings = sstRel ? sharedStrings(text(parts, sstRel.target) ?? unsupported('no shared strings part')) : [];
  const stylesRel = ofType('styles');
  const formats = stylesRel ? numberFormats(text(parts, stylesRel.target) ?? '') : { byXf: [], custom: new Map<number, string>() };

  const book: Book = { SheetNames: [], Sheets: {} };
  const sheetsAt = workbookXml.indexOf('<sheets');
  const sheetsEnd = workbookXml.indexOf('</sheets>', sheetsAt);
  if (sheetsAt < 0 || sheetsEnd < 0) unsupported('no sheets');
  for (const m of workbookXml.slice(sheetsAt, sheetsEnd).matchAll(/<sheet\b([^>]*)>/g)) {
    const attrs = attributes(m[1]!);
    const name = attrs.get('name');
    const rid = attrs.get('r:id');
    if (name === undefined || rid === undefined) unsupported('a sheet without its name or relationship');
    const rel = rels.get(rid) ?? unsupported('a sheet without its part');
    if (rel.type !== `${REL}/worksheet`) unsupported('a sheet that is not a worksheet');
    const sheetName = unescapeXml(name);
    if (Object.hasOwn(book.Sheets, sheetName)) unsupported('two sheets of one name');
    book.SheetNames.push(sheetName);
    book.Sheets[sheetName] = worksheet(text(parts, rel.target) ?? unsupported('a sheet part missing'), strings, formats);
  }
  return book;
}

// ---- XML, as much of it as these parts need

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** A relationships part's entries, targets made package names (relative to dir, or absolute). */
function relationships(xml: string, dir: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const id = a.get('Id');
    const type = a.get('Type');
    const target = a.get('Target');
    if (id === undefined || type === undefined || target === undefined) continue;
    if (a.get('TargetMode') === 'External') continue;
    out.push({ id, type, target: packageName(dir, unescapeXml(target)) });
  }
  return out;
}

function packageName(dir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : dir + target;
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The document element's name (a prefix is unsupported) and default namespace. */
function rootElement(xml: string): { name: string; ns: string | null } {
  // Past the declaration, processing instructions and comments before it.
  let at = 0;
  for (;;) {
    at = xml.indexOf('<', at);
    if (at < 0) unsupported('no document element');
    if (xml.startsWith('<?', at)) at = xml.indexOf('?>', at) + 2;
    else if (xml.startsWith('<!--', at)) at = xml.indexOf('-->', at) + 3;
    else break;
    if (at < 2) unsupported('no document element');
  }
  const end = xml.indexOf('>', at);
  const m = end < 0 ? null : /^<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(xml.slice(at, end + 1));
  if (!m) unsupported('no document element');
  if (m[1]!.includes(':')) unsupported('a prefixed document element');
  return { name: m[1]!, ns: attributes(m[2]!).get('xmlns') ?? null };
}

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) out.set(m[1]!, m[2] ?? m[3] ?? '');
  return out;
}

/** One attribute of a tag's source, or undefined. */
function attribute(source: string, name: string): string | undefined {
  let at = 0;
  for (;;) {
    const i = source.indexOf(name, at);
    if (i < 0) return undefined;
    at = i + name.length;
    const before = i === 0 ? ' ' : source[i - 1]!;
    if (before !== ' ' && before !== '\t' && before !== '\n' && before !== '\r') continue;
    let j = at;
    while (source[j] === ' ') j++;
    if (source[j] !== '=') continue;
    j++;
    while (source[j] === ' ') j++;
    const q = source[j];
    if (q !== '"' && q !== "'") continue;
    const end = source.indexOf(q, j + 1);
    if (end < 0) return undefined;
    return source.slice(j + 1, end);
  }
}

const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const ENTITIES: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };
const CODE = /_x([\da-fA-F]{4})_/gi;

/**
 * XML text as SheetJS reads it (unescapexml): the five entities and
 * character references, CDATA kept as it is, OOXML's _xHHHH_ escapes; with
 * xlsx, CR LF as LF.
 */
export function unescapeXml(s: string, xlsx = false): string {
  const cdata = s.indexOf('<![CDATA[');
  let out: string;
  if (cdata >= 0) {
    const end = s.indexOf(']]>', cdata);
    out = unescapeXml(s.slice(0, cdata)) + s.slice(cdata + 9, end) + unescapeXml(s.slice(end + 3));
  } else {
    if (s.indexOf('&') < 0) out = s;
    // The five entities alone (the metadata's JSON is full of &quot;): one pass each, &amp; last, as one pass over all would.
    else if (s.indexOf('&#') < 0 && !/&(?!(?:quot|apos|gt|lt|amp);)/.test(s)) {
      out = s.replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    } else out = s.replace(ENTITY, (e, n: string | undefined) => ENTITIES[e.toLowerCase()] ?? ENTITIES[e] ?? (String.fromCharCode(parseInt(n!, e.indexOf('x') > -1 ? 16 : 10)) || e));
    if (out.indexOf('_x') >= 0) out = out.replace(CODE, (_, c: string) => String.fromCharCode(parseInt(c, 16)));
  }
  return xlsx && out.indexOf('\r\n') >= 0 ? out.replace(/\r\n/g, '\n') : out;
}

// ---- shared strings

const T = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const PHONETIC = /<(?:\w+:)?rPh\b[^>]*>[\s\S]*?<\/(?:\w+:)?rPh>/g;
const TAGS = /<[^>]*>/g;

/** The table's strings (undefined for an item SheetJS reads as no text). */
function sharedStrings(xml: string): (string | undefined)[] {
  const root = rootElement(xml);
  if (root.name !== 'sst' || root.ns !== MAIN_NS) unsupported('not a transitional string table');
  const out: (string | undefined)[] = [];
  let at = xml.indexOf('<si>');
  const end = xml.lastIndexOf('</sst>');
  while (at >= 0) {
    const close = xml.indexOf('</si>', at);
    if (close < 0 || (end >= 0 && close > end)) unsupported('a string item not closed');
    out.push(stringItem(xml.slice(at + 4, close)));
    at = xml.indexOf('<si>', close + 5);
  }
  return out;
}

/** An item of the table, or an inline string's <is>: plain (the first <t>), or rich (its runs' <t>, phonetic runs left out). */
function stringItem(raw: string): string | undefined {
  const x = raw.trim();
  if (x === '') return '';
  if (x.startsWith('<t>') || x.startsWith('<t ')) {
    const open = x.indexOf('>');
    if (x[open - 1] === '/') unsupported('an empty text element');
    const close = x.indexOf('</t>', open);
    return unescapeXml(close < 0 ? x.slice(open + 1) : x.slice(open + 1, close), true);
  }
  if (/^<(?:\w+:)?t[\s/>]/.test(x)) unsupported('a prefixed text element');
  if (/<(?:\w+:)?r\b[^<>]*>/.test(x)) {
    const runs = (x.includes('rPh') ? x.replace(PHONETIC, '') : x).match(T) ?? [];
    return unescapeXml(runs.join('').replace(TAGS, ''), true);
  }
  return undefined;
}

// ---- number formats: a number's text, made when read (SheetJS's safe_format)

interface Formats {
  /** Per cell format (a cell's s), its number format id. */
  byXf: number[];
  custom: Map<number, string>;
}

function numberFormats(xml: string): Formats {
  const custom = new Map<number, string>();
  const numFmts = section(xml, 'numFmts');
  if (numFmts !== null) {
    for (const m of numFmts.matchAll(/<numFmt\b([^>]*)>/g)) {
      const a = attributes(m[1]!);
      const id = Number(a.get('numFmtId'));
      const code = a.get('formatCode');
      if (Number.isInteger(id) && code !== undefined) custom.set(id, unescapeXml(code));
    }
  }
  const byXf: number[] = [];
  const xfs = section(xml, 'cellXfs');
  if (xfs !== null) for (const m of xfs.matchAll(/<xf\b([^>]*)>/g)) byXf.push(Number(attribute(m[1]!, 'numFmtId') ?? 0) || 0);
  return { byXf, custom };
}

function section(xml: string, name: string): string | null {
  const at = xml.indexOf(`<${name}`);
  if (at < 0) return null;
  const end = xml.indexOf(`</${name}>`, at);
  return end < 0 ? '' : xml.slice(at, end);
}

/** A number cell whose shown text (w) is formatted only when read, as SheetJS formats every one. */
class NumberCell {
  readonly t = 'n';
  constructor(
    readonly v: number,
    private readonly format: number | string,
  ) {}

  get w(): string | undefined {
    const f = this.format;
    try {
      if (f === 0) return (this.v | 0) === this.v ? this.v.toString(10) : XLSX.SSF.format('General', this.v);
      return XLSX.SSF.format(f, this.v);
    } catch {
      return undefined;
    }
  }
}

/** What a cell's style says of its number format: 0 (General), a built-in id, or a custom code. */
function formatOf(formats: Formats, style: string | undefined): number | string {
  if (style === undefined) return 0;
  const id = formats.byXf[Number(style)];
  if (id === undefined || id === 0) return 0;
  const custom = formats.custom.get(id);
  if (custom !== undefined) return custom;
  // A built-in format SheetJS's table lacks is one it would guess at: SheetJS reads such a file.
  if ((XLSX.SSF.get_table() as Record<number, string | undefined>)[id] === undefined) unsupported(`number format ${id}`);
  return id;
}

// ---- worksheets

const ERRORS: Record<string, number> = { '#NULL!': 0x00, '#DIV/0!': 0x07, '#VALUE!': 0x0f, '#REF!': 0x17, '#NAME?': 0x1d, '#NUM!': 0x24, '#N/A': 0x2a, '#GETTING_DATA': 0x2b };

function worksheet(xml: string, strings: readonly (string | undefined)[], formats: Formats): Sheet {
  const root = rootElement(xml);
  if (root.name !== 'worksheet' || root.ns !== MAIN_NS) unsupported('not a transitional worksheet');
  const data: (Cell[] | undefined)[] = [];
  const rows: Sheet['!rows'] = [];
  const sheet: Sheet = { '!data': data, '!rows': rows };
  const start = xml.indexOf('<sheetData');
  if (start < 0) return sheet;
  const open = xml.indexOf('>', start);
  if (xml[open - 1] === '/') return sheet;
  const end = xml.indexOf('</sheetData>', open);
  if (end < 0) unsupported('sheet data not closed');

  let at = open + 1;
  let rowNumber = 0;
  while (at < end) {
    const r0 = xml.indexOf('<row', at);
    if (r0 < 0 || r0 >= end) break;
    const rTag = xml.indexOf('>', r0);
    const rowAttrs = xml.slice(r0 + 4, rTag);
    const ra = attribute(rowAttrs, 'r');
    rowNumber = ra !== undefined ? parseInt(ra, 10) : rowNumber + 1;
    if (!(rowNumber >= 1)) unsupported('a row number');
    const hidden = attribute(rowAttrs, 'hidden');
    if (hidden === '1' || hidden === 'true') rows[rowNumber - 1] = { hidden: true };
    if (xml[rTag - 1] === '/') {
      at = rTag + 1;
      continue;
    }
    const rowEnd = xml.indexOf('</row>', rTag);
    if (rowEnd < 0 || rowEnd > end) unsupported('a row not closed');
    let line: Cell[] | undefined;
    let c = xml.indexOf('<c', rTag);
    while (c >= 0 && c < rowEnd) {
      const next = xml.charCodeAt(c + 2);
      if (next !== 0x20 && next !== 0x3e && next !== 0x2f && next !== 0x0a && next !== 0x0d && next !== 0x09) {
        c = xml.indexOf('<c', c + 2);
        continue;
      }
      const cTag = xml.indexOf('>', c);
      const attrs = xml.slice(c + 2, xml[cTag - 1] === '/' ? cTag - 1 : cTag);
      let inner = '';
      let after = cTag + 1;
      if (xml[cTag - 1] !== '/') {
        const cEnd = xml.indexOf('</c>', cTag);
        if (cEnd < 0 || cEnd > rowEnd) unsupported('a cell not closed');
        inner = xml.slice(cTag + 1, cEnd);
        after = cEnd + 4;
      }
      const ref = attribute(attrs, 'r') ?? unsupported('a cell without its address');
      let column = 0;
      for (let i = 0; i < ref.length; i++) {
        const d = ref.charCodeAt(i) - 64;
        if (d < 1 || d > 26) break;
        column = 26 * column + d;
      }
      column -= 1;
      if (column < 0) unsupported('a cell address');
      const cell = cellOf(attribute(attrs, 't'), attrs, inner, strings, formats);
      if (cell !== null) (line ??= data[rowNumber - 1] ??= [])[column] = cell;
      c = xml.indexOf('<c', after);
    }
    at = rowEnd + 6;
  }
  return sheet;
}

/** A cell's value as SheetJS gives it (cached values; no stubs), or null where SheetJS keeps no cell. */
function cellOf(type: string | undefined, attrs: string, inner: string, strings: readonly (string | undefined)[], formats: Formats): Cell | null {
  const raw = valueElement(inner);
  if (type === undefined && raw === undefined) return null;
  switch (type ?? 'n') {
    case 'n': {
      if (raw === undefined || raw === '') return null;
      return new NumberCell(parseFloat(unescapeXml(raw)), formatOf(formats, attribute(attrs, 's'))) as unknown as Cell;
    }
    case 's': {
      if (raw === undefined) return null;
      const i = parseInt(unescapeXml(raw), 10);
      if (!(i >= 0 && i < strings.length)) unsupported('a string index');
      return { t: 's', v: strings[i] } as Cell;
    }
    case 'str':
      return { t: 's', v: raw === undefined ? '' : unescapeXml(raw, true) };
    case 'inlineStr': {
      const is = inner.indexOf('<is>');
      if (is < 0) return { t: 's', v: '' };
      const close = inner.indexOf('</is>', is);
      return { t: 's', v: stringItem(close < 0 ? inner.slice(is + 4) : inner.slice(is + 4, close)) } as Cell;
    }
    case 'b': {
      const v = raw === undefined ? undefined : unescapeXml(raw);
      return { t: 'b', v: v === '1' || v === 'true' };
    }
    case 'e': {
      const w = raw === undefined ? undefined : unescapeXml(raw);
      return { t: 'e', v: w === undefined ? undefined : ERRORS[w], w } as Cell;
    }
    default:
      return unsupported(`cell type ${type}`);
  }
}

/** The text of a cell's <v>, undefined if it has none or an empty one (as SheetJS reads it). */
function valueElement(inner: string): string | undefined {
  if (inner === '') return undefined;
  const v = inner.indexOf('<v');
  if (v < 0) {
    if (/<\w+:v\b/.test(inner)) unsupported('a prefixed value');
    return undefined;
  }
  const ch = inner[v + 2];
  if (ch !== '>' && ch !== ' ') return valueElement(inner.slice(v + 2));
  const open = inner.indexOf('>', v);
  if (inner[open - 1] === '/') return undefined;
  const close = inner.indexOf('</v>', open);
  if (close < 0) unsupported('a value not closed');
  const s = inner.slice(open + 1, close);
  return s === '' ? undefined : s;
}
