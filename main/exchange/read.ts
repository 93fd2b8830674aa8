/**
 * The reader of exchange workbooks (issue 7): untrusted bytes in, plain data
 * out (contract/exchange.ts, ReadResult). It runs in a worker
 * (read-in-worker.ts) and never throws: whatever the bytes, the answer is a
 * ReadWorkbook or a refusal whose Korean and English text names the file
 * (and the sheet or cell) and says what to do.
 *
 * Before SheetJS sees anything the bytes are sniffed and bounded here: the
 * file's size; a zip's central directory read by hand (entries, the sizes it
 * claims, each entry inflated once against its claim, macros, encryption); an
 * OLE compound file told apart as a password-protected OOXML or a legacy
 * .xls; text (CSV, HTML) refused by name. An .xlsx is then parsed by
 * ooxml.ts, and what it does not read exactly (and .ods, .xls) by SheetJS,
 * each with nothing that runs (no VBA, no formulas evaluated: a formula's
 * cached value is read).
 */
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import {
  LIMITS,
  META_CELLS,
  SHEETS,
  WORKBOOK_FORMAT,
  WorkbookMeta,
  fixedColumnOfHeader,
  headerForm,
  isIndicatorHeader,
  isSubmitLabel,
  type CellValue,
  type ColumnKey,
  type ColumnMapping,
  type ReadCell,
  type ReadRefusal,
  type ReadResult,
  type ReadRow,
  type ReadWorkbook,
  type RefusalCode,
} from '../../contract/exchange';
import { cleanText } from '../../contract/rules';
import { HeapShort, checkRoom, decodeText, readOoxml } from './ooxml';

// ---- refusals: one table of messages, both languages

/** Why a file is refused, more precisely than its RefusalCode (each has its own message). */
export type RefusalReason =
  | 'empty'
  | 'binary'
  | 'pdf'
  | 'image'
  | 'plain_text'
  | 'html'
  | 'csv'
  | 'other_zip'
  | 'other_ole'
  | 'xml_2003'
  | 'numbers'
  | 'zip_method'
  | 'encrypted'
  | 'damaged'
  | 'file_too_large'
  | 'inflated_too_large'
  | 'too_many_sheets'
  | 'too_many_rows'
  | 'sheet_too_many_rows'
  | 'too_many_columns'
  | 'cell_too_long'
  | 'heap'
  | 'macros'
  | 'no_rows_sheet'
  | 'timeout';

interface MessageContext {
  file: string;
  where: string | null;
  detail: string;
}

const RESAVE_KO = 'Excel에서 열어 Excel 통합 문서(.xlsx)로 저장한 뒤 다시 가져오세요.';
const RESAVE_EN = 'Open it in Excel, save it as an Excel workbook (.xlsx) and import it again.';

const MESSAGES: Readonly<Record<RefusalReason, { code: RefusalCode; ko: (c: MessageContext) => string; en: (c: MessageContext) => string }>> = {
  empty: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) 빈 파일입니다. 여성가족부가 보낸 .xlsx 파일이나 작성한 보고 파일을 다시 선택하세요.`,
    en: (c) => `"${c.file}" is empty. Choose the .xlsx file MOGEF sent, or your filled-in report, again.`,
  },
  binary: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) 스프레드시트 파일이 아닙니다. 여성가족부가 보낸 .xlsx 파일이나 작성한 보고 파일을 선택하세요.`,
    en: (c) => `"${c.file}" is not a spreadsheet. Choose the .xlsx file MOGEF sent, or your filled-in report.`,
  },
  pdf: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) 이름과 달리 PDF 문서입니다. 보고 내용이 담긴 Excel 파일(.xlsx)을 선택하세요.`,
    en: (c) => `"${c.file}" is a PDF document, whatever its name says. Choose the Excel file (.xlsx) that holds the report.`,
  },
  image: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) 이름과 달리 그림 파일(${c.detail})입니다. 보고 내용이 담긴 Excel 파일(.xlsx)을 선택하세요.`,
    en: (c) => `"${c.file}" is a picture (${c.detail}), whatever its name says. Choose the Excel file (.xlsx) that holds the report.`,
  },
  plain_text: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) 표가 아닌 일반 텍스트 파일입니다. 보고 내용이 담긴 Excel 파일(.xlsx)을 선택하세요.`,
    en: (c) => `"${c.file}" is plain text, not a spreadsheet. Choose the Excel file (.xlsx) that holds the report.`,
  },
  html: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) 이름과 달리 웹 페이지(HTML)입니다. ${RESAVE_KO}`,
    en: (c) => `"${c.file}" is a web page (HTML), whatever its name says. ${RESAVE_EN}`,
  },
  csv: {
    code: 'csv',
    ko: (c) =>
      `"${c.file}"은(는) ${SEPARATORS[c.detail as Separator]?.ko ?? ''} 텍스트(CSV) 파일이라 시트와 양식 정보가 없어 가져올 수 없습니다. 보낸 곳에 Excel 통합 문서(.xlsx)로 저장해 보내 달라고 하세요.`,
    en: (c) =>
      `"${c.file}" is ${SEPARATORS[c.detail as Separator]?.en ?? 'separated'} text (CSV): it has no sheets and none of the form's information, so it cannot be imported. Ask the sender to save it as an Excel workbook (.xlsx) and send it again.`,
  },
  other_zip: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) 압축 파일이지만 Excel 통합 문서가 아닙니다 (${c.detail}). 보고 내용이 담긴 Excel 파일(.xlsx)을 선택하세요.`,
    en: (c) => `"${c.file}" is a zip archive but not an Excel workbook (${c.detail}). Choose the Excel file (.xlsx) that holds the report.`,
  },
  other_ole: {
    code: 'not_spreadsheet',
    ko: (c) => `"${c.file}"은(는) Excel 통합 문서가 아닌 다른 Office 문서입니다. 보고 내용이 담긴 Excel 파일(.xlsx)을 선택하세요.`,
    en: (c) => `"${c.file}" is another kind of Office document, not an Excel workbook. Choose the Excel file (.xlsx) that holds the report.`,
  },
  xml_2003: {
    code: 'unsupported_format',
    ko: (c) => `"${c.file}"은(는) 예전 "XML 스프레드시트 2003" 형식이라 읽지 않습니다. ${RESAVE_KO}`,
    en: (c) => `"${c.file}" is in the old "XML Spreadsheet 2003" format, which is not read. ${RESAVE_EN}`,
  },
  numbers: {
    code: 'unsupported_format',
    ko: (c) => `"${c.file}"은(는) Apple Numbers 문서라 읽지 않습니다. Numbers에서 [파일 > 다음으로 내보내기 > Excel]로 .xlsx 파일을 만들어 가져오세요.`,
    en: (c) => `"${c.file}" is an Apple Numbers document, which is not read. In Numbers, use File > Export To > Excel to make an .xlsx file and import that.`,
  },
  zip_method: {
    code: 'unsupported_format',
    ko: (c) => `"${c.file}"의 ${c.where ?? '일부'}은(는) 읽을 수 없는 방식으로 압축되어 있습니다. ${RESAVE_KO}`,
    en: (c) => `Part of "${c.file}" (${c.where ?? 'an entry'}) is compressed in a way that cannot be read. ${RESAVE_EN}`,
  },
  encrypted: {
    code: 'encrypted',
    ko: (c) =>
      `"${c.file}"은(는) 암호로 보호되어 있어 읽을 수 없습니다. Excel에서 파일을 열어 [파일 > 정보 > 통합 문서 보호 > 암호 설정]에서 암호를 풀고 다시 저장한 뒤 가져오세요.`,
    en: (c) =>
      `"${c.file}" is protected by a password and cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save, and import it again.`,
  },
  damaged: {
    code: 'damaged',
    ko: (c) =>
      `"${c.file}"이(가) 손상되었거나 일부만 복사되었습니다${c.where ? ` (${c.where})` : ''}. 원본 파일을 다시 받거나, Excel에서 열리면 다른 이름으로 다시 저장한 뒤 가져오세요.`,
    en: (c) =>
      `"${c.file}" is damaged or was only partly copied${c.where ? ` (${c.where})` : ''}. Get the original file again or, if Excel opens it, save it under a new name and import that.`,
  },
  file_too_large: {
    code: 'too_large',
    ko: (c) => `"${c.file}"은(는) ${c.detail} MB로 너무 큽니다 (최대 ${mb(LIMITS.fileBytes)} MB). 그림이나 필요 없는 시트를 지우고 저장한 뒤 가져오세요.`,
    en: (c) => `"${c.file}" is ${c.detail} MB, too large (at most ${mb(LIMITS.fileBytes)} MB). Delete pictures and sheets it does not need, save, and import it again.`,
  },
  inflated_too_large: {
    code: 'too_large',
    ko: (c) =>
      `"${c.file}"은(는) 압축을 풀면 ${c.detail} MB가 되어 너무 큽니다 (최대 ${mb(LIMITS.inflatedBytes)} MB). 필요 없는 시트와 행을 지우고 저장한 뒤 가져오세요.`,
    en: (c) =>
      `"${c.file}" unpacks to ${c.detail} MB, too large (at most ${mb(LIMITS.inflatedBytes)} MB). Delete the sheets and rows it does not need, save, and import it again.`,
  },
  too_many_sheets: {
    code: 'too_large',
    ko: (c) => `"${c.file}"에 시트가 ${c.detail}개 있어 너무 많습니다 (최대 ${LIMITS.sheets}개). 필요 없는 시트를 지우고 저장한 뒤 가져오세요.`,
    en: (c) => `"${c.file}" has ${c.detail} sheets, too many (at most ${LIMITS.sheets}). Delete the sheets it does not need, save, and import it again.`,
  },
  too_many_rows: {
    code: 'too_large',
    ko: (c) =>
      `"${c.file}"의 "${c.where}" 시트에 머리글 아래 ${c.detail}행이 있어 너무 많습니다 (최대 ${LIMITS.rows.toLocaleString('en-US')}행). 보고와 관계없는 행을 지우고 저장한 뒤 가져오세요.`,
    en: (c) =>
      `Sheet "${c.where}" of "${c.file}" has ${c.detail} rows below its header, too many (at most ${LIMITS.rows.toLocaleString('en-US')}). Delete the rows that are not part of the report, save, and import it again.`,
  },
  sheet_too_many_rows: {
    code: 'too_large',
    ko: (c) =>
      `"${c.file}"의 "${c.where}" 시트에 내용이 있는 행이 ${c.detail}개로 너무 많습니다 (최대 ${ODS_ROWS_MAX.toLocaleString('en-US')}행). 필요 없는 행을 지우고 저장한 뒤 가져오세요.`,
    en: (c) =>
      `Sheet "${c.where}" of "${c.file}" holds ${c.detail} rows with content, too many (at most ${ODS_ROWS_MAX.toLocaleString('en-US')}). Delete the rows it does not need, save, and import it again.`,
  },
  too_many_columns: {
    code: 'too_large',
    ko: (c) =>
      `"${c.file}"의 "${c.where}" 시트에 열이 ${c.detail}개 있어 너무 많습니다 (최대 ${LIMITS.columns}개). 추가한 열을 지우고 저장한 뒤 가져오세요.`,
    en: (c) =>
      `Sheet "${c.where}" of "${c.file}" has ${c.detail} columns, too many (at most ${LIMITS.columns}). Delete the columns that were added, save, and import it again.`,
  },
  cell_too_long: {
    code: 'too_large',
    ko: (c) =>
      `"${c.file}"의 ${c.where} 셀에 ${c.detail}자가 있어 너무 깁니다 (최대 ${LIMITS.cellChars.toLocaleString('en-US')}자). 그 셀의 내용을 줄이고 저장한 뒤 가져오세요.`,
    en: (c) =>
      `Cell ${c.where} of "${c.file}" holds ${c.detail} characters, too many (at most ${LIMITS.cellChars.toLocaleString('en-US')}). Shorten it, save, and import it again.`,
  },
  heap: {
    code: 'too_large',
    ko: (c) => `"${c.file}"은(는) 읽는 데 메모리가 너무 많이 필요합니다. 필요 없는 시트와 행, 그림을 지우고 저장한 뒤 가져오세요.`,
    en: (c) => `"${c.file}" needs too much memory to read. Delete the sheets, rows and pictures it does not need, save, and import it again.`,
  },
  macros: {
    code: 'macros',
    ko: (c) =>
      `"${c.file}"에 매크로(VBA)가 들어 있어 가져오지 않습니다 (${c.where ?? '매크로'}). 매크로는 실행하지 않습니다. Excel에서 "Excel 통합 문서(.xlsx)" 형식으로 다시 저장하면 매크로가 빠집니다. 그 파일을 가져오세요.`,
    en: (c) =>
      `"${c.file}" contains macros (VBA, ${c.where ?? 'macros'}) and is not imported; macros are never run. Save it in Excel as "Excel Workbook (.xlsx)", which drops the macros, and import that file.`,
  },
  no_rows_sheet: {
    code: 'no_rows_sheet',
    ko: (c) =>
      `"${c.file}"에서 보고 시트를 찾지 못했습니다: 시트(${c.detail}) 어디에도 처음 30행 안에 "코드 Code" 머리글 행이 없습니다. 여성가족부가 보낸 양식의 "${SHEETS.rows}" 시트에서 머리글 행을 지우거나 바꾸지 말고 작성해 주세요. 직접 만든 표라면 "직접 만든 파일" 칸에서(명령줄에서는 --header-row와 --map으로) 머리글 행과 열을 지정해 다시 읽으세요.`,
    en: (c) =>
      `No report sheet was found in "${c.file}": none of its sheets (${c.detail}) has the header row with "코드 Code" in its first 30 rows. Fill in the "${SHEETS.rows}" sheet of MOGEF's form without deleting or changing its header row. For a table made by hand, give its header row and columns under "a workbook made by hand" and read it again (on the command line: --header-row, --map).`,
  },
  timeout: {
    code: 'timeout',
    ko: (c) => `"${c.file}"을(를) ${c.detail}초 안에 읽지 못했습니다. 파일이 너무 크거나 복잡합니다. 필요 없는 시트와 행을 지우고 저장한 뒤 가져오세요.`,
    en: (c) => `"${c.file}" could not be read within ${c.detail} seconds: it is too large or complex. Delete the sheets and rows it does not need, save, and import it again.`,
  },
};

/** Megabytes for a message: whole when exact, else one decimal rounded up (20 MB and a byte is "20.1", not "20.0"). */
function mb(bytes: number): string {
  const m = bytes / (1024 * 1024);
  return Number.isInteger(m) ? String(m) : (Math.ceil(m * 10) / 10).toFixed(1);
}

/** A refusal with its message in both languages (also used by read-in-worker.ts for timeouts and the heap). */
export function refusal(reason: RefusalReason, fileName: string, where: string | null = null, detail = ''): ReadRefusal {
  const m = MESSAGES[reason];
  const c: MessageContext = { file: displayName(fileName), where, detail };
  return { code: m.code, where, ko: m.ko(c), en: m.en(c) };
}

/** The file's name as a message shows it: its last path part, control characters out, at most 120 characters. */
function displayName(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const name = base === '' ? '(이름 없음 / unnamed)' : base;
  return name.length > 120 ? `${name.slice(0, 117)}…` : name;
}

class Refused extends Error {
  constructor(readonly refusal: ReadRefusal) {
    super(refusal.en);
  }
}

function refuse(reason: RefusalReason, fileName: string, where: string | null = null, detail = ''): never {
  throw new Refused(refusal(reason, fileName, where, detail));
}

// ---- the entry point

/**
 * Which parser reads an .xlsx: ours (ooxml.ts) where it reads the file
 * exactly, else SheetJS ('auto'); or SheetJS alone, which the tests compare
 * ours against.
 */
export type Parser = 'auto' | 'sheetjs';

export function readWorkbook(bytes: Uint8Array, fileName: string, mapping: ColumnMapping | null = null, parser: Parser = 'auto'): ReadResult {
  try {
    return { ok: true, workbook: readOrRefuse(bytes, fileName, mapping, parser) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    if (e instanceof HeapShort) return { ok: false, refusal: refusal('heap', fileName) };
    // Anything SheetJS or the checks did not foresee: the file is not one we can read.
    return { ok: false, refusal: refusal('damaged', fileName) };
  }
}

function readOrRefuse(bytes: Uint8Array, fileName: string, mapping: ColumnMapping | null, parser: Parser): ReadWorkbook {
  if (bytes.length > LIMITS.fileBytes) refuse('file_too_large', fileName, null, mb(bytes.length));
  if (bytes.length === 0) refuse('empty', fileName);
  let hiddenRows: Map<string, HiddenRows> | null = null;
  if (startsWith(bytes, ZIP_MAGIC)) {
    const { odsContent, parts } = checkZip(bytes, fileName);
    if (odsContent !== null) hiddenRows = scanOds(odsContent, fileName);
    const ours = odsContent === null && parser === 'auto' ? ooxml(parts) : null;
    return readBook(ours ?? parse(bytes, fileName, parts), fileName, hiddenRows, mapping);
  }
  if (startsWith(bytes, OLE_MAGIC)) checkOle(bytes, fileName);
  else refuseOther(bytes, fileName);
  return readBook(parse(bytes, fileName), fileName, hiddenRows, mapping);
}

// ---- sniffing

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const IMAGES: readonly { name: string; magic: number[] }[] = [
  { name: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { name: 'GIF', magic: [0x47, 0x49, 0x46, 0x38] },
  { name: 'BMP', magic: [0x42, 0x4d] },
  { name: 'WebP', magic: [0x52, 0x49, 0x46, 0x46] },
];

/** Neither a zip nor an OLE file: a picture, a PDF, text (CSV, HTML …) or other bytes; always refused. */
function refuseOther(bytes: Uint8Array, fileName: string): never {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) refuse('pdf', fileName);
  const image = IMAGES.find((i) => startsWith(bytes, i.magic));
  if (image) refuse('image', fileName, null, image.name);
  const text = sampleText(bytes);
  if (text === null) refuse('binary', fileName);
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 2000).toLowerCase();
  if (head.startsWith('<')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) refuse('xml_2003', fileName);
    refuse('html', fileName);
  }
  const separator = separatorOf(text, bytes.length > TEXT_SAMPLE);
  if (separator) refuse('csv', fileName, null, separator);
  refuse('plain_text', fileName);
}

const TEXT_SAMPLE = 64 * 1024;

/** The start of the file as text, or null if it looks binary (NUL bytes, control characters). */
function sampleText(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, TEXT_SAMPLE);
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    const le = sample[0] === 0xff;
    const units: number[] = [];
    for (let i = 2; i + 1 < sample.length; i += 2) units.push(le ? sample[i]! | (sample[i + 1]! << 8) : (sample[i]! << 8) | sample[i + 1]!);
    const text = String.fromCharCode(...units.slice(0, 32_768));
    return controlShare(text) > 0.01 ? null : text;
  }
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return null;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) controls += 1;
  }
  if (controls > sample.length / 100) return null;
  // Korean CSV from Excel is often CP949: its bytes are not UTF-8, but they are text all the same.
  return new TextDecoder('utf-8').decode(sample);
}

function controlShare(text: string): number {
  // eslint-disable-next-line no-control-regex -- counting control characters
  const n = (text.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g) ?? []).length;
  return text.length === 0 ? 0 : n / text.length;
}

const SEPARATORS = { ',': { ko: '쉼표로 구분된', en: 'comma-separated' }, '\t': { ko: '탭으로 구분된', en: 'tab-separated' }, ';': { ko: '세미콜론으로 구분된', en: 'semicolon-separated' } } as const;
type Separator = keyof typeof SEPARATORS;

/** The separator of comma, tab or semicolon separated text, or null: the first line has one, and most lines as many. */
function separatorOf(text: string, truncated: boolean): Separator | null {
  let lines = text.split(/\r?\n/);
  if (truncated) lines = lines.slice(0, -1);
  lines = lines.filter((l) => l.trim() !== '').slice(0, 20);
  if (lines.length === 0) return null;
  for (const sep of Object.keys(SEPARATORS) as Separator[]) {
    const counts = lines.map((l) => separatorsIn(l, sep));
    const first = counts[0]!;
    if (first >= 1 && counts.filter((n) => n === first).length >= Math.ceil(lines.length * 0.8)) return sep;
  }
  return null;
}

/** How many separators a line holds outside double quotes ("a, b" is one field). */
function separatorsIn(line: string, sep: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) n += 1;
  }
  return n;
}

// ---- the zip, read by hand before SheetJS sees it

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The zip's entries from its central directory; any inconsistency is damage. */
export function zipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const damaged = (where: string): never => refuse('damaged', fileName, where);

  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (u32(i) === 0x06054b50 && i + 22 + u16(i + 20) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) damaged('zip: no central directory');
  let count = u16(eocd + 10);
  let dirSize = u32(eocd + 12);
  let dirOffset = u32(eocd + 16);
  let dirEnd = eocd;
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== 0x07064b50) damaged('zip64: no locator');
    const record = u64(locator + 8);
    if (record + 56 > locator || u32(record) !== 0x06064b50) damaged('zip64: no end record');
    count = u64(record + 32);
    dirSize = u64(record + 40);
    dirOffset = u64(record + 48);
    dirEnd = record;
  }
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) damaged('zip: split archive');
  if (dirOffset + dirSize !== dirEnd) damaged('zip: central directory out of place');
  // Each entry takes at least 46 bytes of the directory: a count beyond that is a lie.
  if (count * 46 > dirSize) damaged('zip: entry count');

  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > dirOffset + dirSize || u32(at) !== 0x02014b50) damaged('zip: central directory entry');
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const next = at + 46 + nameLength + extraLength + u16(at + 32);
    if (next > dirOffset + dirSize) damaged('zip: central directory entry');
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const entry: ZipEntry = { name, flags: u16(at + 8), method: u16(at + 10), compressedSize: u32(at + 20), size: u32(at + 24), localOffset: u32(at + 42) };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      readZip64Extra(view, at + 46 + nameLength, extraLength, entry, () => damaged(name));
    }
    entries.push(entry);
    at = next;
  }
  if (at !== dirOffset + dirSize) damaged('zip: central directory size');

  for (const e of entries) {
    const local = e.localOffset;
    if (local + 30 > dirOffset || u32(local) !== 0x04034b50) damaged(e.name);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + e.compressedSize > dirOffset) damaged(e.name);
  }
  return entries;
}

function readZip64Extra(view: DataView, start: number, length: number, e: ZipEntry, damaged: () => never): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + size) damaged();
        const v = Number(view.getBigUint64(p, true));
        p += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = take();
      if (e.compressedSize === 0xffffffff) e.compressedSize = take();
      if (e.localOffset === 0xffffffff) e.localOffset = take();
      return;
    }
    at += 4 + size;
  }
  damaged();
}

/** An entry's bytes, inflated at most to the size the directory claims (more, or less, is damage). */
function entryData(bytes: Uint8Array, e: ZipEntry, fileName: string): Uint8Array {
  const local = e.localOffset;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const raw = bytes.subarray(dataStart, dataStart + e.compressedSize);
  let data: Uint8Array;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      return refuse('damaged', fileName, e.name);
    }
  } else return refuse('zip_method', fileName, e.name);
  if (data.length !== e.size) refuse('damaged', fileName, e.name);
  return data;
}

const MACRO_ENTRY = /(^|\/)vbaProject\.bin$|^xl\/macrosheets\//i;
const MACRO_TYPE = /macroEnabled|vbaProject|macrosheet/i;

/**
 * Whether [Content_Types].xml gives a part of the package a macro type. Only
 * Override entries name parts: a Default entry maps an extension and says
 * nothing about what the package holds (SheetJS writes a Default for "bin"
 * as vbaProject in every workbook it saves).
 */
function macroPart(types: string): boolean {
  for (const m of types.matchAll(/<Override\b[^>]*>/gi)) if (MACRO_TYPE.test(m[0])) return true;
  return false;
}

/** A zip entry as inflated by checkZip: its name in the central directory and its bytes. */
interface ZipPart {
  name: string;
  data: Uint8Array;
}

/**
 * A zip: bounded, free of macros and encryption, and a workbook (OOXML or
 * OpenDocument), else refused. Answers its entries as inflated here (each
 * once, against its claim), which SheetJS then parses without inflating them
 * a second time.
 */
export function checkZip(bytes: Uint8Array, fileName: string): { odsContent: string | null; parts: ZipPart[] } {
  const entries = zipEntries(bytes, fileName);
  const claimed = entries.reduce((sum, e) => sum + e.size, 0);
  if (claimed > LIMITS.inflatedBytes) refuse('inflated_too_large', fileName, null, mb(claimed));
  const macro = entries.find((e) => MACRO_ENTRY.test(e.name));
  if (macro) refuse('macros', fileName, macro.name);
  if (entries.some((e) => (e.flags & 0x1) !== 0)) refuse('encrypted', fileName);
  const texts = new Map<string, string>();
  const parts: ZipPart[] = [];
  for (const e of entries) {
    const data = entryData(bytes, e, fileName);
    parts.push({ name: e.name, data });
    if (e.name === '[Content_Types].xml' || e.name === 'mimetype' || e.name === 'content.xml') texts.set(e.name, decodeText(data, e.name));
  }
  const types = texts.get('[Content_Types].xml');
  if (types !== undefined && macroPart(types)) refuse('macros', fileName, '[Content_Types].xml');
  const mimetype = texts.get('mimetype');
  if (mimetype !== undefined) {
    if (mimetype.trim().startsWith('application/vnd.oasis.opendocument.spreadsheet')) return { odsContent: texts.get('content.xml') ?? null, parts };
    refuse('other_zip', fileName, null, mimetype.trim().slice(0, 80));
  }
  if (types !== undefined && /spreadsheetml|ms-excel/i.test(types)) return { odsContent: null, parts };
  if (entries.some((e) => e.name === 'Index/Document.iwa' || e.name.startsWith('Index/'))) refuse('numbers', fileName);
  refuse('other_zip', fileName, null, types === undefined ? 'no [Content_Types].xml' : 'no workbook part');
}

/** An OLE compound file: a password-protected OOXML (Excel writes one), a legacy .xls, or another document. */
function checkOle(bytes: Uint8Array, fileName: string): void {
  let names: string[];
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'array' }) as { FileIndex: { name: string }[] };
    names = cfb.FileIndex.map((f) => f.name);
  } catch {
    return refuse('damaged', fileName, 'OLE');
  }
  if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) refuse('encrypted', fileName);
  if (names.some((n) => n === '_VBA_PROJECT_CUR' || n === 'VBA' || n === '_VBA_PROJECT')) refuse('macros', fileName, '_VBA_PROJECT_CUR');
  if (!names.some((n) => n === 'Workbook' || n === 'Book')) refuse('other_ole', fileName);
}

/** 0-based [first, last] row ranges hidden in a sheet. */
type HiddenRows = [number, number][];

/** Rows with content a sheet of an .ods may expand to (its rows repeated): beyond, it is refused before SheetJS expands them. */
const ODS_ROWS_MAX = LIMITS.rows + 1_000;

/**
 * An OpenDocument spreadsheet's content.xml, scanned before SheetJS: the rows
 * hidden (table:visibility "collapse" by hand, "filter" by a filter; SheetJS
 * does not read them from .ods), by sheet; and how far its repeated rows and
 * cells expand. A row with content repeated a million times is a few bytes in
 * the file and gigabytes in SheetJS: refused as too large.
 */
function scanOds(content: string, fileName: string): Map<string, HiddenRows> {
  const out = new Map<string, HiddenRows>();
  let sheet = '';
  let hidden: HiddenRows = [];
  let row = 0;
  let contentRows = 0;
  let open: { repeated: number; from: number } | null = null;
  const tags = /<(\/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(\/?)>/g;
  for (const m of content.matchAll(tags)) {
    const [, close, name, attrs = '', selfClosing] = m;
    if (name === 'table' && !close) {
      sheet = unescapeXml(/table:name="([^"]*)"/.exec(attrs)?.[1] ?? '');
      hidden = [];
      out.set(sheet, hidden);
      row = 0;
      contentRows = 0;
    } else if (name === 'table-row' && !close) {
      const repeated = Math.max(1, Number(/table:number-rows-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1) || 1);
      if (/table:visibility="(collapse|filter)"/.test(attrs)) hidden.push([row, row + repeated - 1]);
      row += repeated;
      open = selfClosing ? null : { repeated, from: m.index + m[0].length };
    } else if (name === 'table-row' && close) {
      // Anything in the row but empty cells (whatever SheetJS would copy for each repeat) counts as content.
      if (open && !emptyOdsRow(content.slice(open.from, m.index))) {
        contentRows += open.repeated;
        if (contentRows > ODS_ROWS_MAX) refuse('sheet_too_many_rows', fileName, sheet, contentRows.toLocaleString('en-US'));
      }
      open = null;
    } else if (name !== 'table' && name !== 'table-row' && !close && (!selfClosing || /office:value-type=/.test(attrs))) {
      const columns = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1) || 1;
      if (columns > LIMITS.columns) refuse('too_many_columns', fileName, sheet, columns.toLocaleString('en-US'));
    }
  }
  return out;
}

/** Whether a row's inner XML holds only empty cells (self-closing, no value). */
function emptyOdsRow(inner: string): boolean {
  return inner.replace(/<table:(?:covered-)?table-cell\b[^>]*\/>/g, (cell) => (/office:value-type=/.test(cell) ? cell : '')).trim() === '';
}

/** Whether r is in one of the ranges (ascending, apart: as the rows come in the file). */
function inRanges(ranges: HiddenRows, r: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (r < a) hi = mid - 1;
    else if (r > b) lo = mid + 1;
    else return true;
  }
  return false;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

// ---- the parsers

/** What readBook reads of a workbook, as SheetJS and ooxml.ts give it. */
type Book = Pick<XLSX.WorkBook, 'SheetNames' | 'Sheets'>;

/**
 * The workbook as ooxml.ts reads it, or null where it does not read it
 * exactly (or fails in any other way): SheetJS reads it then. A part too
 * large for the heap left is refused (readWorkbook), before SheetJS would try.
 */
function ooxml(parts: ZipPart[]): Book | null {
  try {
    return readOoxml(new Map(parts.map((p) => [p.name, p.data]))) as unknown as Book;
  } catch (e) {
    if (e instanceof HeapShort) throw e;
    return null;
  }
}

/** SheetJS's own step after it has unzipped a workbook (exported, not in its types): a container of entries to a workbook. */
const parseZip = (XLSX as unknown as { parse_zip(zip: unknown, opts: XLSX.ParsingOptions): XLSX.WorkBook }).parse_zip;

/**
 * The workbook as SheetJS parses it. A zip's entries, inflated and checked
 * already (checkZip), are handed to SheetJS in a container of its own kind
 * (CFB.utils, as its zip reader fills one), so they are not inflated again
 * by its JavaScript inflate; a legacy .xls is read from its bytes.
 */
function parse(bytes: Uint8Array, fileName: string, parts: ZipPart[] | null = null): Book {
  // SheetJS too makes each part one string (outside JavaScript, where a worker's heap limit aborts the process).
  for (const p of parts ?? []) checkRoom(p.data.length, p.name);
  try {
    if (parts) {
      const cfb = XLSX.CFB as { utils: { cfb_new(): unknown; cfb_add(c: unknown, name: string, data: Uint8Array, o: { unsafe: true }): void } };
      const zip = cfb.utils.cfb_new();
      for (const p of parts) cfb.utils.cfb_add(zip, p.name, Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength), { unsafe: true });
      // XLSX.read sets these itself when styles are read; parse_zip does not.
      return parseZip(zip, { ...OPTIONS, cellNF: true, sheetStubs: true });
    }
    return XLSX.read(bytes, { ...OPTIONS });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message)) refuse('encrypted', fileName);
    return refuse('damaged', fileName);
  }
}

/** SheetJS's options: cached values only, nothing that runs. XLSX.read and parse_zip change the object they are given: each gets a copy. */
const OPTIONS: XLSX.ParsingOptions = {
  type: 'array',
  dense: true,
  // Cached values only: formulas are neither kept nor evaluated; no VBA, no HTML.
  cellFormula: false,
  cellHTML: false,
  cellNF: false,
  cellDates: false,
  bookVBA: false,
  bookDeps: false,
  bookFiles: false,
  sheetStubs: false,
  WTF: false,
  // Needed for the rows' hidden flags (ws['!rows']).
  cellStyles: true,
};

type Cell = XLSX.CellObject;

/** A sheet's cells by 0-based row and column, dense or not. */
interface Grid {
  name: string;
  rowCount: number;
  cell(r: number, c: number): Cell | undefined;
  /** Row r's cells by column when the sheet is dense (SheetJS's dense mode), else null. */
  row(r: number): (Cell | undefined)[] | null;
  /** The last column with a cell in row r, plus one. */
  width(r: number): number;
  hidden(r: number): boolean;
}

function gridOf(name: string, ws: XLSX.WorkSheet, odsHidden: HiddenRows | undefined): Grid {
  const data = (ws as { '!data'?: (Cell[] | undefined)[] })['!data'];
  const rows = ws['!rows'] ?? [];
  const hidden = (r: number) => rows[r]?.hidden === true || (odsHidden !== undefined && inRanges(odsHidden, r));
  if (data) {
    return { name, rowCount: data.length, cell: (r, c) => data[r]?.[c], row: (r) => data[r] ?? [], width: (r) => data[r]?.length ?? 0, hidden };
  }
  const range = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']) : null;
  return {
    name,
    rowCount: range ? range.e.r + 1 : 0,
    cell: (r, c) => ws[XLSX.utils.encode_cell({ r, c })] as Cell | undefined,
    row: () => null,
    width: () => (range ? range.e.c + 1 : 0),
    hidden,
  };
}

/** A cell's value as the contract hands it on: cached values, errors as their text, empty as null. */
function valueOf(cell: Cell | undefined): CellValue {
  if (!cell || cell.v === undefined || cell.v === null || cell.t === 'z') return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? (cell.v === '' ? null : cell.v) : String(cell.v);
    case 'n':
      return typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : (cell.w ?? '#NUM!');
    case 'b':
      return typeof cell.v === 'boolean' ? cell.v : String(cell.v) === 'true' || String(cell.v) === '1';
    case 'e':
      return cell.w ?? '#VALUE!';
    case 'd':
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v.toISOString() : null;
    default:
      return String(cell.v);
  }
}

/** A cell as text (a number as shown), '' when empty. */
function textOf(cell: Cell | undefined): string {
  const v = valueOf(cell);
  if (v === null) return '';
  if (typeof v === 'number') return typeof cell?.w === 'string' && cell.w !== '' ? cell.w : String(v);
  return String(v);
}

const address = (r: number, c: number) => XLSX.utils.encode_cell({ r, c });
const columnName = (c: number) => XLSX.utils.encode_col(c);
const columnIndex = (letter: string) => XLSX.utils.decode_col(letter);

// ---- the workbook

/** The header row is looked for in a sheet's first rows (a title or inserted rows may sit above it). */
const HEADER_SEARCH_ROWS = 30;

function readBook(book: Book, fileName: string, odsHidden: Map<string, HiddenRows> | null, mapping: ColumnMapping | null): ReadWorkbook {
  const sheetNames = [...book.SheetNames];
  if (sheetNames.length > LIMITS.sheets) refuse('too_many_sheets', fileName, null, String(sheetNames.length));
  const grids = new Map<string, Grid>();
  for (const name of sheetNames) {
    const ws = book.Sheets[name];
    if (!ws) refuse('damaged', fileName, name);
    const grid = gridOf(name, ws, odsHidden?.get(name));
    checkCellLengths(grid, fileName);
    grids.set(name, grid);
  }

  const metaGrid = grids.get(SHEETS.meta);
  const { meta, problem } = metaGrid ? readMeta(metaGrid) : { meta: null, problem: 'absent' as const };

  const order = [SHEETS.rows as string, ...sheetNames.filter((n) => n !== SHEETS.rows && n !== SHEETS.meta)];
  let found: { grid: Grid; headerRow: number } | null = null;
  // The user's mapping says where the header is: that sheet (or the first but the metadata) and row.
  if (mapping?.headerRow) {
    const name = mapping.sheet ?? sheetNames.find((n) => n !== SHEETS.meta && n !== SHEETS.lists && n !== SHEETS.instructions) ?? sheetNames[0];
    const grid = name === undefined ? undefined : grids.get(name);
    if (!grid) refuse('no_rows_sheet', fileName, null, sheetNames.map((n) => `"${n}"`).join(', ') || '-');
    found = { grid, headerRow: mapping.headerRow - 1 };
  }
  for (const name of found ? [] : order) {
    const grid = grids.get(name);
    const headerRow = grid ? findHeaderRow(grid) : null;
    if (grid && headerRow !== null) {
      found = { grid, headerRow };
      break;
    }
  }
  if (!found) refuse('no_rows_sheet', fileName, null, sheetNames.map((n) => `"${n}"`).join(', ') || '-');
  const { grid, headerRow } = found;
  checkExtent(grid, headerRow, fileName);

  const { columns, unknownColumns } = readHeader(grid, headerRow, meta, mapping);
  const { rows, ignoredRows } = readRows(grid, headerRow, columns, meta);
  return {
    sheetNames,
    meta,
    metaProblem: problem,
    rowsSheet: grid.name,
    headerRow: headerRow + 1,
    columns: columns.map(({ key, column, header }) => ({ key, column, header })),
    unknownColumns,
    submit: readSubmit(grid, headerRow),
    rows,
    ignoredRows,
  };
}

function checkCellLengths(grid: Grid, fileName: string): void {
  for (let r = 0; r < grid.rowCount; r += 1) {
    for (let c = 0, w = grid.width(r); c < w; c += 1) {
      const v = grid.cell(r, c)?.v;
      if (typeof v === 'string' && v.length > LIMITS.cellChars) {
        refuse('cell_too_long', fileName, `'${grid.name}'!${address(r, c)}`, v.length.toLocaleString('en-US'));
      }
    }
  }
}

function checkExtent(grid: Grid, headerRow: number, fileName: string): void {
  let lastRow = headerRow;
  let lastColumn = 0;
  for (let r = 0; r < grid.rowCount; r += 1) {
    for (let c = grid.width(r) - 1; c >= 0; c -= 1) {
      if (valueOf(grid.cell(r, c)) !== null) {
        lastRow = Math.max(lastRow, r);
        lastColumn = Math.max(lastColumn, c + 1);
        break;
      }
    }
  }
  if (lastRow - headerRow > LIMITS.rows) refuse('too_many_rows', fileName, grid.name, (lastRow - headerRow).toLocaleString('en-US'));
  if (lastColumn > LIMITS.columns) refuse('too_many_columns', fileName, grid.name, String(lastColumn));
}

/** The metadata sheet: format, checksum, the JSON's chunks (META_CELLS). */
function readMeta(grid: Grid): { meta: WorkbookMeta | null; problem: ReadWorkbook['metaProblem'] } {
  const at = (a1: string) => {
    const { r, c } = XLSX.utils.decode_cell(a1);
    return grid.cell(r, c);
  };
  if (textOf(at(META_CELLS.format)).trim() !== WORKBOOK_FORMAT) return { meta: null, problem: 'invalid' };
  let json = '';
  for (let r = META_CELLS.firstChunkRow - 1; r < grid.rowCount; r += 1) {
    const chunk = grid.cell(r, 0);
    if (valueOf(chunk) === null) break;
    json += typeof chunk?.v === 'string' ? chunk.v : textOf(chunk);
  }
  const sum = createHash('sha256').update(json, 'utf8').digest('hex');
  if (textOf(at(META_CELLS.checksum)).trim().toLowerCase() !== sum) return { meta: null, problem: 'checksum' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { meta: null, problem: 'invalid' };
  }
  const meta = WorkbookMeta.safeParse(parsed);
  return meta.success ? { meta: meta.data, problem: null } : { meta: null, problem: 'invalid' };
}

/** The 0-based header row: at least three known headers, one of them the code's; or null. */
function findHeaderRow(grid: Grid): number | null {
  for (let r = 0; r < Math.min(grid.rowCount, HEADER_SEARCH_ROWS); r += 1) {
    const keys = new Set<string>();
    for (let c = 0, w = Math.min(grid.width(r), LIMITS.columns * 2); c < w; c += 1) {
      const key = fixedColumnOfHeader(textOf(grid.cell(r, c)));
      if (key) keys.add(key);
    }
    if (keys.size >= 3 && keys.has('code')) return r;
  }
  return null;
}

interface Column {
  key: ColumnKey;
  index: number;
  column: string;
  header: string;
}

function readHeader(
  grid: Grid,
  headerRow: number,
  meta: WorkbookMeta | null,
  mapping: ColumnMapping | null = null,
): { columns: Column[]; unknownColumns: ReadWorkbook['unknownColumns'] } {
  const columns: Column[] = [];
  const unknownColumns: ReadWorkbook['unknownColumns'] = [];
  const taken = new Set<string>();
  const mapped = new Map(Object.entries(mapping?.columns ?? {}));
  // The mapping's columns first: a header elsewhere that names the same field does not take it from them.
  for (const key of mapped.values()) taken.add(key);
  const width = Math.max(grid.width(headerRow), ...[...mapped.keys()].map((letter) => columnIndex(letter) + 1));
  for (let c = 0; c < width; c += 1) {
    const header = textOf(grid.cell(headerRow, c));
    const mappedKey = mapped.get(columnName(c)) as ColumnKey | undefined;
    if (mappedKey !== undefined) {
      columns.push({ key: mappedKey, index: c, column: columnName(c), header });
      continue;
    }
    if (header.trim() === '') continue;
    const key: ColumnKey | null = fixedColumnOfHeader(header) ?? (isIndicatorHeader(header) ? indicatorOfHeader(header, meta) : null);
    // A key seen twice (a copied column): the first is read, the copy is not.
    if (key === null || taken.has(key)) unknownColumns.push({ column: columnName(c), header });
    else {
      taken.add(key);
      columns.push({ key, index: c, column: columnName(c), header });
    }
  }
  return { columns, unknownColumns };
}

/** An indicator's column: its header as written, else the one indicator whose name the header holds. */
/** The metadata's indicator headers and names as compared, made once per workbook (a header is matched against each). */
const indicatorForms = new WeakMap<WorkbookMeta, { byHeader: Map<string, string>; names: { uid: string; form: string }[] }>();

function formsOf(meta: WorkbookMeta): { byHeader: Map<string, string>; names: { uid: string; form: string }[] } {
  let f = indicatorForms.get(meta);
  if (!f) {
    const byHeader = new Map<string, string>();
    for (const i of meta.indicators) if (!byHeader.has(headerForm(i.header))) byHeader.set(headerForm(i.header), i.uid);
    const names = meta.indicators.flatMap((i) => [i.nameKo, i.nameEn].map((n) => ({ uid: i.uid, form: headerForm(n) })));
    indicatorForms.set(meta, (f = { byHeader, names }));
  }
  return f;
}

function indicatorOfHeader(header: string, meta: WorkbookMeta | null): ColumnKey | null {
  if (!meta) return null;
  const form = headerForm(header);
  const forms = formsOf(meta);
  const exact = forms.byHeader.get(form);
  if (exact !== undefined) return `indicator:${exact}`;
  let best: { uid: string; length: number; tie: boolean } | null = null;
  for (const { uid, form: n } of forms.names) {
    if (n === '' || !form.includes(n)) continue;
    if (!best || n.length > best.length) best = { uid, length: n.length, tie: false };
    else if (n.length === best.length && best.uid !== uid) best.tie = true;
  }
  return best && !best.tie ? `indicator:${best.uid}` : null;
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E]/g;
const CODE = /^\d+(\.\d+)+$/;

function codeOf(cell: Cell | undefined): string {
  return (cleanText(textOf(cell)) ?? '').replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

function readRows(
  grid: Grid,
  headerRow: number,
  columns: Column[],
  meta: WorkbookMeta | null,
): { rows: ReadRow[]; ignoredRows: ReadWorkbook['ignoredRows'] } {
  const codeColumn = columns.find((c) => c.key === 'code')!;
  const known = new Set(meta?.rows ?? []);
  const rows: ReadRow[] = [];
  const ignoredRows: ReadWorkbook['ignoredRows'] = [];
  for (let r = headerRow + 1; r < grid.rowCount; r += 1) {
    const code = codeOf(grid.cell(r, codeColumn.index));
    if (CODE.test(code) || known.has(code)) {
      // Only the cells with a value (contract/exchange.ts ReadRow): a row of the 100× plan has some 170
      // columns, most of them other action plans' indicators, empty; the merge reads a missing one as empty.
      const cells: ReadRow['cells'] = {};
      const line = grid.row(r);
      for (const col of columns) {
        const cell = line ? line[col.index] : grid.cell(r, col.index);
        if (cell === undefined) continue;
        const value = valueOf(cell);
        // The column's letters as read in the header (XLSX.utils.encode_cell is the same letters and the row's number).
        if (value !== null) cells[col.key] = { address: `${col.column}${r + 1}`, value };
      }
      rows.push({ rowNumber: r + 1, code, cells, hidden: grid.hidden(r) });
      continue;
    }
    const texts: string[] = [];
    for (let c = 0, w = grid.width(r); c < w; c += 1) {
      const t = textOf(grid.cell(r, c)).trim();
      if (t !== '') texts.push(t);
    }
    if (texts.length > 0) ignoredRows.push({ rowNumber: r + 1, text: clip(texts.join(' | '), 200) });
  }
  return { rows, ignoredRows };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Above the header: the cell labelled "보고서 제출 / Submit the report" and its value to the right. */
function readSubmit(grid: Grid, headerRow: number): ReadCell | null {
  for (let r = 0; r < headerRow; r += 1) {
    const w = grid.width(r);
    for (let c = 0; c < w; c += 1) {
      const cell = grid.cell(r, c);
      if (typeof cell?.v !== 'string' || !isSubmitLabel(cell.v)) continue;
      for (let v = c + 1; v < w; v += 1) {
        const value = valueOf(grid.cell(r, v));
        if (value !== null) return { address: address(r, v), value };
      }
      return { address: address(r, c + 1), value: null };
    }
  }
  return null;
}
