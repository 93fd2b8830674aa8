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
 * It reads only what it knows exactly, the XML as Excel, LibreOffice and
 * ExcelJS write it: anything else (a strict-OOXML or prefixed namespace, a
 * chart sheet, a 1904 date system, a date cell, comments or CDATA, a tab or
 * line end inside a tag, rows or cells without their address or out of
 * order, values in forms SheetJS reads its own way …) throws Unsupported,
 * and read.ts hands the file to SheetJS as before. tests/exchange/ooxml.test.ts
 * holds the two to the same cells on the fixture corpus and the workbooks of
 * the exchange, as written and re-saved by LibreOffice; ooxml-fuzz.test.ts on
 * 3,000 mutated workbooks (read the same, or left to SheetJS).
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
  const workbookXml = plain(text(parts, office.target) ?? unsupported('no workbook part'), 'workbook');
  const dir = office.target.includes('/') ? office.target.slice(0, office.target.lastIndexOf('/') + 1) : '';
  const relsName = `${dir}_rels/${office.target.slice(dir.length)}.rels`;
  const rels = new Map(relationships(text(parts, relsName) ?? unsupported('no workbook relationships'), dir).map((r) => [r.id, r]));

  const root = rootElement(workbookXml);
  if (root.name !== 'workbook' || root.ns !== MAIN_NS) unsupported('not a transitional workbook');
  if ((workbookXml.match(/<workbookPr[\s/>]/g) ?? []).length > 1) unsupported('two workbook properties');
  const props = /<workbookPr\b[^>]*>/.exec(workbookXml)?.[0];
  // The 1900 date system only, said nowhere else or in another way (SheetJS reads a prefixed one too).
  const mentions = (workbookXml.match(/date1904/gi) ?? []).length;
  if (mentions > 0) {
    const v = props === undefined ? undefined : attributes(props.slice(11)).get('date1904');
    if (mentions > 1 || (v !== '0' && v !== 'false')) unsupported('1904 dates');
  }

  // SheetJS finds the workbook, strings and styles by [Content_Types].xml: the relationships must name the same parts.
  const types = contentTypes(text(parts, '[Content_Types].xml') ?? unsupported('no content types'));
  const ofType = (type: string) => [...rels.values()].filter((r) => r.type === `${REL}/${type}`);
  const [sstRel, ...moreSst] = ofType('sharedStrings');
  const [stylesRel, ...moreStyles] = ofType('styles');
  if (moreSst.length > 0 || moreStyles.length > 0) unsupported('two string tables or style sheets');
  if (types.workbook !== office.target || types.sst !== sstRel?.target || types.styles !== stylesRel?.target) unsupported('parts named otherwise by the content types');
  const strings = sstRel ? sharedStrings(plain(text(parts, sstRel.target) ?? unsupported('no shared strings part'), 'strings')) : [];
  const formats = stylesRel ? numberFormats(plain(text(parts, stylesRel.target) ?? unsupported('no styles part'), 'styles')) : { byXf: [], custom: new Map<number, string>() };

  const book: Book = { SheetNames: [], Sheets: {} };
  const sheetsAt = workbookXml.indexOf('<sheets>');
  const sheetsEnd = workbookXml.indexOf('</sheets>', sheetsAt);
  if (sheetsAt < 0 || sheetsEnd < 0 || workbookXml.indexOf('<sheet ', sheetsEnd) >= 0) unsupported('no sheets, or a sheet outside them');
  for (const m of workbookXml.slice(sheetsAt, sheetsEnd).matchAll(TAG)) {
    if (!m[0].startsWith('<sheet ')) {
      if (m[0] === '<sheets>') continue;
      unsupported('something else among the sheets');
    }
    const attrs = attributes(m[0].slice(7, -1));
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

/** A tag, quoted values and all (a quoted value may hold ">"). */
const TAG = /<[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/g;

/**
 * The text of a part (or a region of one) that is read as plain tags: no
 * comment, processing instruction or CDATA past the prolog, no element with
 * a prefix, no tab or line end inside a tag. SheetJS reads each of these its
 * own way; what Excel, LibreOffice, Hancom and ExcelJS write has none.
 */
function plain(xml: string, what: string, from = 0, to = xml.length): string {
  const body = from === 0 && to === xml.length ? xml.slice(prologEnd(xml)) : xml.slice(from, to);
  if (/<[!?]/.test(body)) unsupported(`markup in the ${what}`);
  if (/<\/?[A-Za-z_][\w.-]*:/.test(body) && !(what === 'workbook' || what === 'styles')) unsupported(`a prefixed element in the ${what}`);
  if (/<[^>]*[\t\n\r]/.test(body)) unsupported(`a tab or line end inside a tag of the ${what}`);
  return xml;
}

/** Where the document element starts: past the declaration, processing instructions and comments before it. */
function prologEnd(xml: string): number {
  let at = 0;
  for (;;) {
    at = xml.indexOf('<', at);
    if (at < 0) unsupported('no document element');
    const [open, close] = xml.startsWith('<?', at) ? ['<?', '?>'] : xml.startsWith('<!--', at) ? ['<!--', '-->'] : [null, null];
    if (open === null) return at;
    const end = xml.indexOf(close, at + open.length);
    if (end < 0) unsupported('a declaration or comment not closed');
    at = end + close.length;
  }
}

/** The parts [Content_Types].xml gives the workbook, the string table and the styles (SheetJS's way of finding them). */
function contentTypes(xml: string): { workbook: string | undefined; sst: string | undefined; styles: string | undefined } {
  const out: { workbook: string | undefined; sst: string | undefined; styles: string | undefined } = { workbook: undefined, sst: undefined, styles: undefined };
  const seen = { workbook: 0, sst: 0, styles: 0 };
  for (const m of xml.matchAll(/<Override\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const type = a.get('ContentType') ?? '';
    const name = (a.get('PartName') ?? '').replace(/^\//, '');
    const kind = /spreadsheetml\.(sheet|template)\.main\+xml$|ms-excel\.(sheet|template)\.macroEnabled\.main\+xml$/.test(type)
      ? 'workbook'
      : /spreadsheetml\.sharedStrings\+xml$/.test(type)
        ? 'sst'
        : /spreadsheetml\.styles\+xml$/.test(type)
          ? 'styles'
          : null;
    if (kind === null) continue;
    seen[kind]++;
    out[kind] = name;
  }
  if (seen.workbook > 1 || seen.sst > 1 || seen.styles > 1) unsupported('content types naming two of a part');
  return out;
}

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
  const at = prologEnd(xml);
  const end = xml.indexOf('>', at);
  const m = end < 0 ? null : /^<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(xml.slice(at, end + 1));
  if (!m) unsupported('no document element');
  if (m[1]!.includes(':')) unsupported('a prefixed document element');
  return { name: m[1]!, ns: attributes(m[2]!).get('xmlns') ?? null };
}

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A tag's attributes by name; a name twice is unsupported (SheetJS keeps the last, some readers the first). */
function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    if (out.has(m[1]!)) unsupported(`the attribute ${m[1]} twice`);
    out.set(m[1]!, m[2] ?? m[3] ?? '');
  }
  return out;
}

/**
 * The attributes of a row's or cell's tag that the reader uses (among
 * `names`), by the names SheetJS reads them under: a prefix dropped, a name
 * cut at "_", and in lower case too. Another attribute that SheetJS would
 * read as one of them (x:t, Hidden, T …) is unsupported.
 */
function tagAttributes(source: string, names: readonly string[]): Map<string, string> {
  const all = attributes(source);
  const out = new Map<string, string>();
  for (const [name, value] of all) {
    const colon = name.indexOf(':');
    let local = colon >= 0 ? name.slice(colon + 1) : name;
    if (colon < 0 && local.indexOf('_') > 0) local = local.slice(0, local.indexOf('_'));
    for (const key of new Set([local, local.toLowerCase()])) {
      if (!names.includes(key)) continue;
      if (name !== key) unsupported(`the attribute ${name}`);
      out.set(key, value);
    }
  }
  return out;
}

const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const ENTITIES: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };
const CODE = /_x([\da-fA-F]{4})_/gi;

/**
 * XML text as SheetJS reads it (unescapexml): the five entities and
 * character references, OOXML's _xHHHH_ escapes; with xlsx, CR LF as LF. An
 * entity in another case (&QUOT;, which SheetJS reads as U+0000) and CDATA
 * are unsupported.
 */
export function unescapeXml(s: string, xlsx = false): string {
  if (s.indexOf('<![CDATA[') >= 0) unsupported('CDATA');
  let out: string;
  if (s.indexOf('&') < 0) out = s;
  // The five entities alone (the metadata's JSON is full of &quot;): one pass each, &amp; last, as one pass over all would.
  else if (s.indexOf('&#') < 0 && !/&(?!(?:quot|apos|gt|lt|amp);)/.test(s)) {
    out = s.replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  } else {
    out = s.replace(ENTITY, (e, n: string | undefined) => {
      if (n === undefined && ENTITIES[e] === undefined) unsupported(`the entity ${e}`);
      return ENTITIES[e] ?? (String.fromCharCode(parseInt(n!, e.indexOf('x') > -1 ? 16 : 10)) || e);
    });
  }
  if (out.indexOf('_x') >= 0 || out.indexOf('_X') >= 0) out = out.replace(CODE, (_, c: string) => String.fromCharCode(parseInt(c, 16)));
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
  if (xml.includes('<si/') || xml.includes('<si ') || xml.includes('<sstItem')) unsupported('a string item of another form');
  const out: (string | undefined)[] = [];
  let at = xml.indexOf('<si>');
  const end = xml.lastIndexOf('</sst>');
  while (at >= 0) {
    const close = xml.indexOf('</si>', at);
    if (close < 0 || (end >= 0 && close > end)) unsupported('a string item not closed');
    out.push(stringItem(xml.slice(at + 4, close), false));
    at = xml.indexOf('<si>', close + 5);
    // SheetJS cuts the table at each </si>: one more than the items is one more item to it.
    const stray = xml.indexOf('</si>', close + 5);
    if (stray >= 0 && (at < 0 || stray < at)) unsupported('a string item closed twice');
  }
  return out;
}

/**
 * An item of the table, or an inline string's <is> (SheetJS trims the one
 * and not the other): plain (the first <t>), or rich (its runs' <t>,
 * phonetic runs left out).
 */
function stringItem(raw: string, inline: boolean): string | undefined {
  const x = inline ? raw : raw.trim();
  if (x === '') return '';
  const y = x.trimStart();
  if (y.startsWith('<t>') || y.startsWith('<t ')) {
    const open = y.indexOf('>');
    if (y[open - 1] === '/') unsupported('an empty text element');
    const close = y.indexOf('</t>', open);
    return unescapeXml(close < 0 ? y.slice(open + 1) : y.slice(open + 1, close), true);
  }
  if (/^<(?:\w+:)?t[\s/>]/.test(y)) unsupported('a text element of another form');
  if (/<(?:\w+:)?r\b[^<>]*>/.test(x)) {
    if (/<rPh\b[^>]*\/>/.test(x)) unsupported('an empty phonetic run');
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

/** SheetJS's table of built-in formats as it loads it before each file (each parse resets it, then adds the file's). */
const BUILT_IN: Readonly<Record<number, string | undefined>> = { ...(XLSX.SSF.get_table() as Record<number, string>) };

function numberFormats(xml: string): Formats {
  if (/<[A-Za-z_][\w.-]*:(numFmts|numFmt|cellXfs|xf)\b/.test(xml)) unsupported('a prefixed element among the formats');
  const custom = new Map<number, string>();
  const numFmts = section(xml, 'numFmts');
  if (numFmts !== null) {
    for (const m of numFmts.matchAll(TAG)) {
      if (!m[0].startsWith('<numFmt ')) continue;
      const a = attributes(m[0].slice(8, m[0].endsWith('/>') ? -2 : -1));
      const rawId = a.get('numFmtId');
      const code = a.get('formatCode');
      if (rawId === undefined || !/^\d+$/.test(rawId) || code === undefined) unsupported('a number format of another form');
      const id = Number(rawId);
      // SheetJS moves an id past 392, and mends a few codes that other programs write wrong ("d.m").
      if (id > 0x188 || id === 0) unsupported(`number format id ${id}`);
      const text = unescapeXml(code);
      if (text === 'd.m') unsupported('a number format SheetJS mends');
      custom.set(id, text);
    }
  }
  const byXf: number[] = [];
  const xfs = section(xml, 'cellXfs');
  if (xfs !== null) {
    for (const m of xfs.matchAll(TAG)) {
      if (!m[0].startsWith('<xf ') && m[0] !== '<xf>' && m[0] !== '<xf/>') continue;
      const id = attributes(m[0].slice(3)).get('numFmtId') ?? '0';
      if (!/^\d+$/.test(id)) unsupported('a number format id');
      byXf.push(Number(id));
    }
  }
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

/** What a cell's style says of its number format: 0 (General), or the format's code (the file's own, else SheetJS's built-in). */
function formatOf(formats: Formats, style: string | undefined): number | string {
  if (style === undefined) return 0;
  // SheetJS looks the index up as written ("01" is no index to it).
  if (!/^(?:0|[1-9]\d*)$/.test(style)) unsupported('a style index');
  const id = formats.byXf[Number(style)];
  if (id === undefined) return 0;
  const custom = formats.custom.get(id);
  if (custom !== undefined) return custom;
  if (id === 0) return 0;
  // A built-in format SheetJS's table lacks is one it would guess at: SheetJS reads such a file.
  return BUILT_IN[id] ?? unsupported(`number format ${id}`);
}

// ---- worksheets

const ERRORS: Record<string, number> = { '#NULL!': 0x00, '#DIV/0!': 0x07, '#VALUE!': 0x0f, '#REF!': 0x17, '#NAME?': 0x1d, '#NUM!': 0x24, '#N/A': 0x2a, '#GETTING_DATA': 0x2b, '#WTF?': 0xff };

/** A cell's tag as the programs that matter write it: its address, then a style, then a type. */
const PLAIN_CELL = /^ r="([A-Z]{1,3})(\d{1,7})"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?$/;
const CELL_NAMES = ['r', 's', 't'] as const;
const ROW_NAMES = ['r', 'hidden'] as const;
/** A number as SheetJS's parseFloat reads it and ours does the same (no spaces, no "+", no hex). */
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function worksheet(xml: string, strings: readonly (string | undefined)[], formats: Formats): Sheet {
  const root = rootElement(xml);
  if (root.name !== 'worksheet' || root.ns !== MAIN_NS) unsupported('not a transitional worksheet');
  const data: (Cell[] | undefined)[] = [];
  const rows: Sheet['!rows'] = [];
  const sheet: Sheet = { '!data': data, '!rows': rows };
  if (/<[A-Za-z_][\w.-]*:(?:sheetData|row|c)[\s/>]/.test(xml)) unsupported('a prefixed sheet data');
  const start = xml.indexOf('<sheetData');
  if (start < 0) return sheet;
  if (xml.indexOf('<sheetData', start + 1) >= 0) unsupported('two sheet data');
  const open = xml.indexOf('>', start);
  if (xml[open - 1] === '/') return sheet;
  const end = xml.indexOf('</sheetData>', open);
  if (end < 0) unsupported('sheet data not closed');
  plain(xml, 'sheet data', open + 1, end);

  let lastRow = 0;
  let r0 = xml.indexOf('<row', open + 1);
  while (r0 >= 0 && r0 < end) {
    if (xml[r0 + 4] !== ' ' && xml[r0 + 4] !== '>' && xml[r0 + 4] !== '/') unsupported('a row tag');
    const rTag = xml.indexOf('>', r0);
    const selfClosing = xml[rTag - 1] === '/';
    const ra = tagAttributes(xml.slice(r0 + 4, selfClosing ? rTag - 1 : rTag), ROW_NAMES);
    const rText = ra.get('r');
    // Rows numbered, and in order (SheetJS numbers a row without one after the last, and places cells by their own address).
    if (rText === undefined || !/^[1-9]\d{0,6}$/.test(rText)) unsupported('a row without its number');
    const rowNumber = Number(rText);
    if (rowNumber <= lastRow) unsupported('rows out of order');
    lastRow = rowNumber;
    const hidden = ra.get('hidden');
    if (hidden === '1' || hidden === 'true') rows[rowNumber - 1] = { hidden: true };
    else if (hidden !== undefined && hidden !== '0' && hidden !== 'false') unsupported('a hidden flag');
    const nextRow = xml.indexOf('<row', rTag);
    if (selfClosing) {
      r0 = nextRow;
      continue;
    }
    const rowEnd = xml.indexOf('</row>', rTag);
    if (rowEnd < 0 || rowEnd > end) unsupported('a row not closed');
    if (nextRow >= 0 && nextRow < rowEnd) unsupported('a row in a row');
    const rowXml = xml.slice(rTag + 1, rowEnd);
    let line: Cell[] | undefined;
    let lastColumn = -1;
    let c = rowXml.indexOf('<c');
    while (c >= 0) {
      const next = rowXml[c + 2];
      if (next !== ' ' && next !== '>' && next !== '/') {
        if (/^<c[a-z]/i.test(rowXml.slice(c, c + 3)) === false) unsupported('a cell tag');
        c = rowXml.indexOf('<c', c + 2);
        continue;
      }
      const cTag = rowXml.indexOf('>', c);
      const closed = rowXml[cTag - 1] === '/';
      const attrs = rowXml.slice(c + 2, closed ? cTag - 1 : cTag);
      let inner = '';
      let after = cTag + 1;
      if (!closed) {
        const cEnd = rowXml.indexOf('</c>', cTag);
        if (cEnd < 0) unsupported('a cell not closed');
        inner = rowXml.slice(cTag + 1, cEnd);
        if (inner.indexOf('<c') >= 0 && /<c[ />]/.test(inner)) unsupported('a cell in a cell');
        after = cEnd + 4;
      }
      let letters: string;
      let digits: string;
      let style: string | undefined;
      let type: string | undefined;
      const plainTag = PLAIN_CELL.exec(attrs);
      if (plainTag) [, letters, digits, style, type] = plainTag as unknown as [string, string, string, string | undefined, string | undefined];
      else {
        const a = tagAttributes(attrs, CELL_NAMES);
        const ref = /^([A-Z]{1,3})(\d{1,7})$/.exec(a.get('r') ?? '') ?? unsupported('a cell without its address');
        [, letters, digits] = ref as unknown as [string, string, string];
        style = a.get('s');
        type = a.get('t');
      }
      if (Number(digits) !== rowNumber) unsupported('a cell of another row');
      let column = 0;
      for (let i = 0; i < letters.length; i++) column = 26 * column + letters.charCodeAt(i) - 64;
      column -= 1;
      // Cells in order, each once (SheetJS lets a later one, even an empty one, take the place of an earlier).
      if (column <= lastColumn) unsupported('cells out of order');
      lastColumn = column;
      const cell = cellOf(type, style, inner, strings, formats);
      if (cell !== null) (line ??= data[rowNumber - 1] ??= [])[column] = cell;
      c = rowXml.indexOf('<c', after);
    }
    r0 = nextRow;
  }
  return sheet;
}

/** A cell's value as SheetJS gives it (cached values; no stubs), or null where SheetJS keeps no cell. */
function cellOf(type: string | undefined, style: string | undefined, inner: string, strings: readonly (string | undefined)[], formats: Formats): Cell | null {
  const raw = valueElement(inner);
  if (type === undefined && raw === undefined) return null;
  switch (type ?? 'n') {
    case 'n': {
      if (raw === undefined) return null;
      const text = unescapeXml(raw);
      if (!NUMBER.test(text)) unsupported('a number of another form');
      return new NumberCell(parseFloat(text), formatOf(formats, style)) as unknown as Cell;
    }
    case 's': {
      if (raw === undefined) return null;
      const text = unescapeXml(raw);
      if (!/^\d+$/.test(text)) unsupported('a string index of another form');
      const i = Number(text);
      if (!(i < strings.length)) unsupported('a string index');
      return { t: 's', v: strings[i] } as Cell;
    }
    case 'str':
      return { t: 's', v: raw === undefined ? '' : unescapeXml(raw, true) };
    case 'inlineStr': {
      const is = inner.indexOf('<is');
      if (is < 0) return { t: 's', v: '' };
      if (inner[is + 3] !== '>') unsupported('an inline string of another form');
      const close = inner.indexOf('</is>', is);
      return { t: 's', v: stringItem(close < 0 ? inner.slice(is + 4) : inner.slice(is + 4, close), true) } as Cell;
    }
    case 'b': {
      const v = raw === undefined ? undefined : unescapeXml(raw);
      if (v !== undefined && v !== '0' && v !== '1' && v !== 'true' && v !== 'false') unsupported('a truth value of another form');
      return { t: 'b', v: v === '1' || v === 'true' };
    }
    case 'e': {
      const w = raw === undefined ? undefined : unescapeXml(raw);
      if (w !== undefined && ERRORS[w] === undefined) unsupported('an error of another form');
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
  if (v < 0) return undefined;
  const ch = inner[v + 2];
  if (ch !== '>' && ch !== ' ' && ch !== '/') unsupported('a value element of another form');
  if (inner.indexOf('<v', v + 2) >= 0) unsupported('two values');
  const open = inner.indexOf('>', v);
  if (inner[open - 1] === '/') return undefined;
  const close = inner.indexOf('</v>', open);
  if (close < 0) unsupported('a value not closed');
  const s = inner.slice(open + 1, close);
  return s === '' ? undefined : s;
}
