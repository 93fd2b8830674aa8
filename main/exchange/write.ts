/**
 * The writer of the exchange workbooks (contract/exchange.ts) with ExcelJS:
 * the instructions, the rows sheet (title, state block, header, one row per
 * action plan), the hidden list sheet the dropdowns refer to and the very
 * hidden metadata sheet (the JSON of WorkbookMeta in chunks, with its
 * SHA-256).
 *
 * Every text a user wrote reaches a cell as a string, never a formula, and
 * survives the file's XML as it was (see excelText). The rows sheet is
 * protected without a password, so that the context columns are not edited
 * by mistake, while sorting, filtering and resizing stay allowed.
 *
 * Written for speed at a body's thousands of rows: the data cells share a
 * few frozen style objects, a dropdown is one range per column, and an
 * indicator's cells outside its own action plan's row are not written at
 * all: the column's style greys and locks them.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  COLUMN_LABELS,
  FIXED_COLUMNS,
  LIMITS,
  LISTS_LAYOUT,
  META_CELLS,
  META_CHUNK,
  RETURN_LABEL,
  ROWS_LAYOUT,
  SHEETS,
  STATUS_LABEL,
  STATUS_LABELS,
  SUBMIT_LABEL,
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
  CONTEXT_COLUMNS,
  headerLabel,
  levelCell,
  levelOptions,
  yesNoCell,
  yesNoOptions,
  type ColumnKey,
  type FixedColumn,
  type WorkbookData,
  type WorkbookMeta,
  type WorkbookRow,
} from '../../contract/exchange';
import { COMPLETION_LEVELS, type IndicatorKind } from '../../contract/rules';
import { DomainError } from '../../contract/result';

/** The dropdowns' ranges on the hidden list sheet (never an inline list: Excel breaks those over 255 characters). */
export const LEVEL_RANGE = `${SHEETS.lists}!$${LISTS_LAYOUT.levels}$1:$${LISTS_LAYOUT.levels}$${COMPLETION_LEVELS.length}`;
export const YES_NO_RANGE = `${SHEETS.lists}!$${LISTS_LAYOUT.yesNo}$1:$${LISTS_LAYOUT.yesNo}$2`;

const INDICATOR_WIDTH = 16;
const GREY = 'FFE7E6E6';
const HEADER_FILL = 'FFD9E1F2';
const SUBMIT_FILL = 'FFFFF2CC';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFA6A6A6' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Malgun Gothic';

type Style = Partial<ExcelJS.Style>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The styles of the rows sheet's data cells, one frozen object each, shared
 * by every cell that has it. ExcelJS finds a style it has seen by the
 * object's identity and otherwise serialises the cell's font, border and
 * fill to find its match: one object per cell costs that serialising on
 * every cell of the sheet. Frozen, so that no cell's change reaches them all.
 */
export const DATA_STYLES = (() => {
  const base = (editable: boolean, numFmt?: string): Style =>
    deepFreeze({
      ...(numFmt ? { numFmt } : {}),
      font: { name: FONT },
      alignment: { wrapText: true, vertical: 'top' },
      border: BORDER,
      protection: { locked: !editable },
      ...(editable ? {} : { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } } }),
    } satisfies Style);
  return {
    locked: base(false),
    unlocked: base(true),
    won: base(true, '#,##0'),
    general: base(true, 'General'),
    /** A cell as if it had no style, but written: what covers an indicator column's grey above the header. */
    plain: deepFreeze({ protection: { locked: true } } satisfies Style),
  } as const;
})();

/** Code points XML 1.0 cannot hold (or folds: CR) and ExcelJS would drop: C0 controls but tab and line feed, and DEL. */
const CONTROL_CODE_POINTS: readonly number[] = [...Array(32).keys()].filter((c) => c !== 0x09 && c !== 0x0a).concat(0x7f);
const hex4 = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');
const ESCAPED = new RegExp(`_(?=x[0-9A-Fa-f]{4}_)|[${CONTROL_CODE_POINTS.map((c) => `\\u${hex4(c)}`).join('')}]`, 'g');

/**
 * A text as a cell's string. The file's XML reads "_xHHHH_" as the character
 * HHHH and drops the control characters XML cannot hold (ExcelJS removes
 * them): a literal "_x" sequence keeps its underscore escaped as "_x005F_",
 * and a control character (and a carriage return, which XML folds into the
 * line break) is written in that escape, so every reader (Excel, SheetJS,
 * LibreOffice) reads back the text that was written. A string is never a
 * formula, whatever it starts with ("=", "+", "-", "@").
 */
export function excelText(text: string): string {
  return text.replace(ESCAPED, (c) =>
    c === '_' ? '_x005F_' : `_x${hex4(c.charCodeAt(0))}_`,
  );
}

/**
 * The metadata as the JSON text the file carries (and its checksum covers):
 * JSON.stringify's, with an underscore that would start the file's escape
 * form "_xHHHH_" written as the JSON escape \u005f. Outside strings JSON has
 * no underscore and inside them it is never part of an escape, so the text
 * parses to the same value and holds no "_xHHHH_" at all: every reader reads
 * the cells as written, even one that decodes that form where it does not
 * belong (SheetJS reading an .ods).
 */
export function metaJson(meta: WorkbookMeta): string {
  return JSON.stringify(meta).replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '\\u005f');
}

/** The metadata's JSON in cells of at most META_CHUNK characters, never splitting a UTF-16 pair. */
export function metaChunks(json: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < json.length) {
    let end = Math.min(at + META_CHUNK, json.length);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(json.slice(at, end));
    at = end;
  }
  return out;
}

export function metaChecksum(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

interface Column {
  key: ColumnKey;
  header: string;
  width: number;
  /** The indicator's action plan and kind (indicator columns only). */
  indicator: { actionPlan: string; kind: IndicatorKind; uid: string } | null;
}

/** The rows sheet's columns in order: the fixed ones, the indicators right after budgetExecuted. */
export function workbookColumns(data: Pick<WorkbookData, 'indicatorColumns'>): Column[] {
  const out: Column[] = [];
  for (const key of FIXED_COLUMNS) {
    out.push({ key, header: headerLabel(key), width: COLUMN_LABELS[key].width, indicator: null });
    if (key === 'budgetExecuted') {
      for (const ind of data.indicatorColumns) {
        out.push({ key: `indicator:${ind.uid}`, header: ind.header, width: INDICATOR_WIDTH, indicator: { actionPlan: ind.actionPlan, kind: ind.kind, uid: ind.uid } });
      }
    }
  }
  return out;
}

/** A column's letters from its 1-based number. */
function columnLetter(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** A text as a cell's value: empty is no value. */
function cellText(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === '' ? null : excelText(text);
}

function setText(cell: ExcelJS.Cell, text: string | null | undefined): void {
  cell.value = cellText(text);
}

/**
 * A dropdown on an address or a range ("G7:G1533"): ExcelJS 4.4 keeps a
 * sheet's validations by address and writes a range's as its sqref (its
 * types leave the worksheet's dataValidations out).
 */
function addValidation(ws: ExcelJS.Worksheet, address: string, validation: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(address, validation);
}

/** A dropdown from a range of the hidden list sheet. */
function listValidation(range: string, lang: 'ko' | 'en'): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [range],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: lang === 'ko' ? '목록에서 고르세요' : 'Pick from the list',
    error: lang === 'ko' ? '목록의 값 중 하나를 고르세요. Pick one of the list.' : 'Pick one of the list. 목록의 값 중 하나를 고르세요.',
  };
}

/** A display text cut to what a cell holds (the metadata carries it whole). */
function fitCell(text: string): string {
  const max = LIMITS.cellChars - 200;
  return text.length <= max ? text : `${text.slice(0, max)}\n… (이하 생략 / cut: the application holds the whole text)`;
}

/** A fixed column's cell value of a row, as the cell holds it. */
function bodyValue(key: FixedColumn, row: WorkbookRow, lang: 'ko' | 'en'): string | number | null {
  const v = row.values;
  switch (key) {
    case 'code':
      return cellText(row.actionPlan);
    case 'area':
      return cellText(row.area);
    case 'objective':
      return cellText(row.objective);
    case 'strategy':
      return cellText(row.strategy);
    case 'actionPlan':
      return cellText(row.actionPlanText);
    case 'otherBodies':
      return cellText(row.otherBodies);
    case 'completion':
      return cellText(levelCell(v.completion, lang));
    case 'delayed':
      return cellText(yesNoCell(v.delayed, lang));
    case 'delayReason':
    case 'achievements':
    case 'nextSteps':
    case 'difficulties':
      return cellText(v[key]);
    case 'budgetAllocated':
    case 'budgetExecuted':
      return v[key];
    case 'evidence':
      return cellText(v.evidence);
    case 'lastCompletion':
      return cellText(levelCell(row.lastCompletion, lang));
    case 'lastAchievements':
      return cellText(row.lastAchievements === null ? null : fitCell(row.lastAchievements));
    case 'comments':
      return cellText(fitCell(row.comments));
  }
}

function instructions(wb: ExcelJS.Workbook, data: WorkbookData): void {
  const m = data.meta;
  const ws = wb.addWorksheet(SHEETS.instructions, { views: [{ showGridLines: false }] });
  ws.getColumn(1).width = 110;
  const rowsSheet = `'${SHEETS.rows}'`;
  const submitCell = `B${ROWS_LAYOUT.submitRow}`;
  const [yesKo] = yesNoOptions('ko');
  const [yesEn] = yesNoOptions('en');
  const lines: [string, 'title' | 'head' | 'text'][] = [
    [data.title, 'title'],
    ['안내', 'head'],
    [
      `이 파일은 ${m.year}년 ${data.bodyName} (${m.body}) 이행 점검 보고 파일입니다 (${m.kind === 'request' ? '여성가족부가 보낸 작성 요청' : '기관이 작성한 보고'}). NAP Monitor가 만들었습니다.`,
      'text',
    ],
    [`${rowsSheet} 시트에서 흰색 칸만 적어 주세요: 이행 수준, 지연 여부, 지연 사유, 추진 실적, 향후 계획, 애로 사항, 예산, 지표, 증빙 자료.`, 'text'],
    ['회색 칸(코드, 과제 내용, 공동 수행기관, 작년 실적, 여성가족부 의견)은 고치지 마세요. 고쳐도 반영되지 않습니다.', 'text'],
    [`이행 수준은 목록에서 고르세요: ${levelOptions('ko').join(', ')}. 지연 여부와 예/아니오 지표는 예 또는 아니오로 적어 주세요.`, 'text'],
    ['예산은 원 단위 숫자로만 적어 주세요 (예: 12,000,000). "1억 2천만원" 같은 표기는 읽지 않습니다.', 'text'],
    ['증빙 자료는 한 줄에 하나씩 "제목 | YYYY-MM-DD | 출처"로 적어 주세요 (날짜와 출처는 없어도 됩니다). 셀 안의 줄바꿈은 Alt+Enter입니다.', 'text'],
    [`제출: 다 적으면 ${rowsSheet} 시트의 "${SUBMIT_LABEL.ko}" 칸(${submitCell})을 "${yesKo}"로 바꾸고 저장하세요.`, 'text'],
    ['저장한 .xlsx 파일을 여성가족부 담당자에게 보내 주세요. 시트 이름과 숨겨진 시트는 바꾸거나 지우지 마세요. 행을 정렬하거나 필터해도 됩니다.', 'text'],
    ['', 'text'],
    ['Instructions', 'head'],
    [
      `This is the ${m.year} progress report file of ${data.bodyName} (${m.body}) (${m.kind === 'request' ? 'a request from MOGEF to fill in' : 'a report written by the body'}), made by NAP Monitor.`,
      'text',
    ],
    [`On the sheet ${rowsSheet}, fill in the white cells only: level, delayed, reason for delay, achievements, next steps, difficulties, budgets, indicators, evidence.`, 'text'],
    ['Do not edit the grey cells (code, action plan, other bodies, last year, MOGEF comments): changes there are not read.', 'text'],
    [`Pick the level from the list: ${levelOptions('en').join(', ')}. Write "delayed" and yes/no indicators as Yes or No.`, 'text'],
    ['Write budgets in won, digits only (e.g. 12,000,000); forms such as "1억 2천만원" are not read.', 'text'],
    ['Evidence: one piece per line, "title | YYYY-MM-DD | reference" (date and reference may be left out). A line break inside a cell is Alt+Enter.', 'text'],
    [`To submit: when done, set the cell "${SUBMIT_LABEL.en}" (${submitCell}) on the sheet ${rowsSheet} to "${yesEn}" and save.`, 'text'],
    ['Send the saved .xlsx file back to MOGEF. Do not rename or delete the sheets, hidden ones included. Sorting and filtering the rows is fine.', 'text'],
  ];
  lines.forEach(([text, style], i) => {
    const cell = ws.getCell(i + 1, 1);
    setText(cell, text);
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = style === 'title' ? { name: FONT, bold: true, size: 14 } : style === 'head' ? { name: FONT, bold: true, size: 12 } : { name: FONT, size: 11 };
  });
}

function rowsSheet(wb: ExcelJS.Workbook, data: WorkbookData): ExcelJS.Worksheet {
  const lang = data.meta.language;
  const columns = workbookColumns(data);
  const L = ROWS_LAYOUT;
  const completionColumn = columnLetter(columns.findIndex((c) => c.key === 'completion') + 1);
  const ws = wb.addWorksheet(SHEETS.rows, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: L.headerRow, topLeftCell: `B${L.firstDataRow}`, activeCell: `${completionColumn}${L.firstDataRow}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${L.headerRow}:${L.headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&P / &N' },
  });
  // ExcelJS leaves out a column of width 9 as the default one: make that the sheet's default.
  ws.properties.defaultColWidth = 9;
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    if (c.indicator) {
      // An indicator's cell is the body's only in its own action plan's row: every other cell of the column is grey
      // and locked through the column's style (one <col>, not a styled cell per row), and above the header it is
      // written plain, as the rest of the rows there.
      column.style = DATA_STYLES.locked;
      for (let r = 1; r < L.headerRow; r++) ws.getCell(r, i + 1).style = DATA_STYLES.plain;
    }
  });

  const title = ws.getCell(L.titleRow, 1);
  setText(title, data.title);
  title.font = { name: FONT, bold: true, size: 14 };

  const status = data.meta.status;
  const state: [number, { ko: string; en: string }, string | null][] = [
    [L.statusRow, STATUS_LABEL, STATUS_LABELS[lang][status]],
    [L.returnRow, RETURN_LABEL, data.meta.returnedReason],
    [L.submitRow, SUBMIT_LABEL, yesNoCell(status === 'submitted' || status === 'accepted', lang)],
  ];
  for (const [r, label, value] of state) {
    const a = ws.getCell(r, 1);
    setText(a, `${label.ko} / ${label.en}`);
    a.font = { name: FONT, bold: true };
    a.alignment = { vertical: 'top' };
    const b = ws.getCell(r, 2);
    setText(b, value === null ? null : fitCell(value));
    b.font = { name: FONT };
    b.border = BORDER;
    b.alignment = { vertical: 'top', wrapText: r === L.returnRow };
  }
  // The returned reason can be long: let it read across the context columns.
  ws.mergeCells(L.returnRow, 2, L.returnRow, 6);
  const submit = ws.getCell(L.submitRow, 2);
  submit.dataValidation = listValidation(YES_NO_RANGE, lang);
  submit.protection = { locked: false };
  submit.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SUBMIT_FILL } };
  const hint = ws.getCell(L.submitRow, 3);
  const [yes] = yesNoOptions(lang);
  setText(hint, lang === 'ko' ? `다 적은 뒤 "${yes}"를 고르면 제출됩니다 (Choose Yes to submit).` : `Choose "${yes}" when done to submit (다 적은 뒤 "예"를 고르면 제출).`);
  hint.font = { name: FONT, italic: true, color: { argb: 'FF595959' } };

  const header = ws.getRow(L.headerRow);
  header.height = 60;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    setText(cell, c.header);
    // A whole style: nothing of the column's.
    cell.style = {
      font: { name: FONT, bold: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } },
      alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
      border: BORDER,
    };
  });

  // Each column's style and dropdown, decided once; a row's indicator cell is the body's only on the indicator's own action plan.
  const layout = columns.map((c) => {
    if (c.indicator) {
      const kind = c.indicator.kind;
      return { key: c.key, indicator: c.indicator, style: kind === 'yes_no' ? DATA_STYLES.unlocked : kind === 'number' ? DATA_STYLES.won : DATA_STYLES.general };
    }
    const key = c.key as FixedColumn;
    const style = CONTEXT_COLUMNS.includes(key) ? DATA_STYLES.locked : key === 'budgetAllocated' || key === 'budgetExecuted' ? DATA_STYLES.won : DATA_STYLES.unlocked;
    return { key, indicator: null, style };
  });
  const yesNoList = listValidation(YES_NO_RANGE, lang);
  data.rows.forEach((row, r) => {
    const sheetRow = ws.getRow(L.firstDataRow + r);
    layout.forEach((c, i) => {
      if (c.indicator === null) {
        const cell = sheetRow.getCell(i + 1);
        cell.value = bodyValue(c.key as FixedColumn, row, lang);
        cell.style = c.style;
      } else if (c.indicator.actionPlan === row.actionPlan) {
        const cell = sheetRow.getCell(i + 1);
        const value = row.values.indicators[c.indicator.uid] ?? null;
        if (c.indicator.kind === 'yes_no') {
          cell.value = value === null ? null : cellText(yesNoCell(value === 1, lang));
          addValidation(ws, cell.address, yesNoList);
        } else {
          cell.value = value;
        }
        cell.style = c.style;
      }
    });
  });
  // The level and delayed dropdowns: one range per column. Set per cell, ExcelJS groups them itself at a cost, and
  // sorting the addresses as text it wrote overlapping ranges (G10:G1533 over G7:G1533).
  if (data.rows.length > 0) {
    const lastDataRow = L.firstDataRow + data.rows.length - 1;
    for (const [key, range] of [['completion', LEVEL_RANGE], ['delayed', YES_NO_RANGE]] as const) {
      const letter = columnLetter(columns.findIndex((c) => c.key === key) + 1);
      addValidation(ws, `${letter}${L.firstDataRow}:${letter}${lastDataRow}`, listValidation(range, lang));
    }
  }

  const lastRow = Math.max(L.headerRow, L.headerRow + data.rows.length);
  ws.autoFilter = { from: { row: L.headerRow, column: 1 }, to: { row: lastRow, column: columns.length } };
  return ws;
}

/** The rows sheet's protection: no password; selecting, sorting, filtering and formatting columns and rows stay allowed. */
export const SHEET_PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: true,
  formatColumns: true,
  formatRows: true,
  sort: true,
  autoFilter: true,
  insertRows: false,
  insertColumns: false,
  deleteRows: false,
  deleteColumns: false,
};

function listsSheet(wb: ExcelJS.Workbook, lang: 'ko' | 'en'): void {
  const ws = wb.addWorksheet(SHEETS.lists, { state: 'hidden' });
  levelOptions(lang).forEach((text, i) => setText(ws.getCell(`${LISTS_LAYOUT.levels}${i + 1}`), text));
  yesNoOptions(lang).forEach((text, i) => setText(ws.getCell(`${LISTS_LAYOUT.yesNo}${i + 1}`), text));
}

function metaSheet(wb: ExcelJS.Workbook, meta: WorkbookMeta): void {
  const ws = wb.addWorksheet(SHEETS.meta, { state: 'veryHidden' });
  const json = metaJson(meta);
  ws.getCell(META_CELLS.format).value = WORKBOOK_FORMAT;
  ws.getCell(META_CELLS.version).value = WORKBOOK_VERSION;
  ws.getCell(META_CELLS.checksumLabel).value = 'sha256';
  ws.getCell(META_CELLS.checksum).value = metaChecksum(json);
  metaChunks(json).forEach((chunk, i) => setText(ws.getCell(META_CELLS.firstChunkRow + i, 1), chunk));
}

/**
 * Refuses a row whose editable text is longer than a cell holds: Excel would
 * "repair" the file and drop the cell, and the import would read that as the
 * body clearing it. Only the evidence can be (200 pieces of up to 1,000
 * characters); the long texts stop at 20,000. Context texts are cut instead
 * (fitCell): the application holds them whole.
 */
function checkCellsFit(data: WorkbookData): void {
  for (const row of data.rows) {
    const v = row.values;
    for (const [field, text] of [['delayReason', v.delayReason], ['achievements', v.achievements], ['nextSteps', v.nextSteps], ['difficulties', v.difficulties], ['evidence', v.evidence]] as const) {
      const length = excelText(text ?? '').length;
      if (length <= LIMITS.cellChars) continue;
      const ko = field === 'evidence' ? '증빙 자료' : COLUMN_LABELS[field].ko;
      throw new DomainError(
        'CONFLICT',
        `행동계획 ${row.actionPlan}의 ${ko}가 엑셀 칸 하나에 담기는 ${LIMITS.cellChars.toLocaleString('en')}자보다 깁니다 (${length.toLocaleString('en')}자). ` +
          `앱에서 줄인 뒤 다시 내보내 주세요. / The ${COLUMN_LABELS[field].en.toLowerCase()} of action plan ${row.actionPlan} (${length.toLocaleString('en')} characters) ` +
          `is longer than the ${LIMITS.cellChars.toLocaleString('en')} characters an Excel cell holds: shorten it in the application, then export again.`,
        [{ path: `actionPlan:${row.actionPlan}.${field}`, hint: 'cell_too_long' }],
      );
    }
  }
}

/** The workbook as .xlsx bytes; refused (CONFLICT) if a text the body edits does not fit in a cell. */
export async function writeWorkbook(data: WorkbookData): Promise<Buffer> {
  checkCellsFit(data);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'NAP Monitor';
  wb.lastModifiedBy = 'NAP Monitor';
  wb.title = data.title;
  wb.created = new Date(data.meta.writtenAt);
  wb.modified = new Date(data.meta.writtenAt);
  instructions(wb, data);
  const rows = rowsSheet(wb, data);
  await rows.protect('', SHEET_PROTECTION);
  listsSheet(wb, data.meta.language);
  metaSheet(wb, data.meta);
  // Opens on the rows sheet.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function safePart(text: string, fallback: string): string {
  // Letters, digits and hyphens only: nothing Windows forbids (<>:"/\|?*, controls), no dot or space to trim, no non-ASCII.
  const ascii = text.normalize('NFKD').replace(/[^A-Za-z0-9-]+/g, '-');
  const trimmed = ascii.replace(/^-+|-+$/g, '').slice(0, 40);
  return trimmed === '' ? fallback : trimmed;
}

/**
 * A file name for the workbook, ASCII only and safe on Windows:
 * "NAP3_2025_MOFA_request_20261201-2203.xlsx" (the time of writing, in this
 * computer's time zone, as its user reads the clock).
 */
export function workbookFileName(meta: Pick<WorkbookMeta, 'plan' | 'year' | 'body' | 'kind' | 'writtenAt'>): string {
  const nap = /NAP[-_ ]?(\d+)/i.exec(meta.plan);
  const plan = nap ? `NAP${nap[1]}` : safePart(meta.plan, 'NAP');
  const at = new Date(meta.writtenAt);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = Number.isNaN(at.getTime())
    ? 'undated'
    : `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `${plan}_${meta.year}_${safePart(meta.body, 'BODY')}_${meta.kind}_${stamp}.xlsx`;
}
