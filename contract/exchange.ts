/**
 * The exchange workbook (issue 7): its sheets, columns, header labels,
 * metadata and cell codecs, shared by the writer (main/exchange/write.ts,
 * ExcelJS), the reader (main/exchange/read.ts in a worker, SheetJS), the
 * merge and the interface. Plain TypeScript: no Node, no DOM.
 *
 * One layout for both kinds of workbook:
 * - request: written by MOGEF for one body and one year, with MOGEF's
 *   current values of the body's entries, its indicators (targets), comments,
 *   the report's state and any return reason. A body with the application
 *   imports it; a body without fills it in by hand and sends it back.
 * - report: written by a body's installation (or MOGEF's for its own body)
 *   with the body's entries and its report transitions (submit).
 *
 * Sheets: the instructions (Korean and English), the rows sheet (a title and
 * state block, the header row, one row per action plan the body carries),
 * a hidden list sheet (the dropdowns' values: inline lists over 255
 * characters break in Excel) and a very hidden metadata sheet (JSON in
 * chunks, with its SHA-256: format version, plan, body, year, writer, export
 * id, the indicators, comments and events the file carries, and per row the
 * values as they left: the merge's base).
 */
import { z } from 'zod';
import { Notice } from './domain';
import { MeetingsPayload } from './meetings';
import {
  COMPLETION_LEVELS,
  ENTRY_FIELDS,
  EVIDENCE_TEXT_MAX,
  INDICATOR_KINDS,
  LEVEL_LABELS,
  LONG_TEXT_MAX,
  REASON_MAX,
  REPORT_STATUSES,
  cleanText,
  isIsoDate,
  parseIndicatorValue,
  parseWon,
  parseYesNo,
  textProblem,
  type CompletionLevel,
  type Decoded,
  type IndicatorKind,
} from './rules';

export const WORKBOOK_FORMAT = 'nap-monitor-workbook';
export const WORKBOOK_VERSION = 1;

export const WORKBOOK_KINDS = ['request', 'report'] as const;
export type WorkbookKind = (typeof WORKBOOK_KINDS)[number];

/** The sheets' names as written (a renamed rows sheet is found by its header row). */
export const SHEETS = {
  instructions: '안내 Instructions',
  rows: '보고 Report',
  lists: 'lists',
  meta: 'nap_meta',
} as const;

/** Bounds of what an import reads at all (larger is refused before parsing where it can be). */
export const LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  /** The sum of the zip's uncompressed sizes, as its directory says (and as inflated). */
  inflatedBytes: 200 * 1024 * 1024,
  sheets: 20,
  rows: 5_000,
  columns: 200,
  /** A cell's text (Excel's own limit is 32,767). */
  cellChars: 32_767,
  /** The worker's time and old-generation heap. */
  workerMs: 30_000,
  workerHeapMb: 512,
} as const;

/** The metadata's JSON is cut into cells of this many characters (Excel keeps 32,767 per cell). */
export const META_CHUNK = 30_000;

/**
 * The metadata sheet's cells: A1 holds WORKBOOK_FORMAT, B1 WORKBOOK_VERSION,
 * A2 the text "sha256", B2 the hex SHA-256 of the JSON's UTF-8 bytes, and
 * from A3 down the JSON of WorkbookMeta in META_CHUNK pieces, one per row,
 * until the first empty cell. The sheet is very hidden.
 */
export const META_CELLS = { format: 'A1', version: 'B1', checksumLabel: 'A2', checksum: 'B2', firstChunkRow: 3 } as const;

/**
 * The rows sheet as the application writes it: row 1 the title; rows 2 to 4
 * the state block (column A a label, column B its value): 2 the report's
 * status (STATUS_LABEL), 3 the reason of the last return (RETURN_LABEL),
 * 4 whether the report is submitted (SUBMIT_LABEL; a yes/no dropdown the
 * body fills in); row 5 empty; row 6 the header row; from row 7 one row per
 * action plan. The reader finds the header row by its labels (a title row
 * or a row inserted above it moves it) and the submit cell by its label.
 */
export const ROWS_LAYOUT = { titleRow: 1, statusRow: 2, returnRow: 3, submitRow: 4, headerRow: 6, firstDataRow: 7 } as const;

/** The hidden list sheet: column A the levels, B yes/no, in the workbook's language. */
export const LISTS_LAYOUT = { levels: 'A', yesNo: 'B' } as const;

// ---- columns

/** The body's fields of an entry, in the order of the sheet: the entry's own (contract/rules.ts). */
export const BODY_FIELDS = ENTRY_FIELDS;
export type BodyField = (typeof BODY_FIELDS)[number];

/** Columns of the rows sheet other than the indicators', in order; indicators come after budgetExecuted. */
export const FIXED_COLUMNS = [
  'code',
  'area',
  'objective',
  'strategy',
  'actionPlan',
  'otherBodies',
  ...BODY_FIELDS,
  'evidence',
  'lastCompletion',
  'lastAchievements',
  'comments',
] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];
/** A column's key: a fixed column, or "indicator:<uid>". */
export type ColumnKey = FixedColumn | `indicator:${string}`;

/** Context the body does not edit: locked in the sheet, ignored (with a warning) when edited. */
export const CONTEXT_COLUMNS: readonly FixedColumn[] = ['code', 'area', 'objective', 'strategy', 'actionPlan', 'otherBodies', 'lastCompletion', 'lastAchievements', 'comments'];

const EDITABLE_FIXED: ReadonlySet<string> = new Set<string>([...BODY_FIELDS, 'evidence']);

export function isEditableColumn(key: ColumnKey): boolean {
  return EDITABLE_FIXED.has(key) || key.startsWith('indicator:');
}

export const COLUMN_LABELS: Readonly<Record<FixedColumn, { ko: string; en: string; width: number }>> = {
  code: { ko: '코드', en: 'Code', width: 9 },
  area: { ko: '영역', en: 'Area', width: 14 },
  objective: { ko: '목표', en: 'Objective', width: 18 },
  strategy: { ko: '전략', en: 'Strategy', width: 18 },
  actionPlan: { ko: '행동계획', en: 'Action plan', width: 34 },
  otherBodies: { ko: '공동 수행기관', en: 'Other bodies', width: 12 },
  completion: { ko: '이행 수준', en: 'Level', width: 14 },
  delayed: { ko: '지연 여부', en: 'Delayed', width: 9 },
  delayReason: { ko: '지연 사유', en: 'Reason for delay', width: 24 },
  achievements: { ko: '추진 실적', en: 'Achievements', width: 44 },
  nextSteps: { ko: '향후 계획', en: 'Next steps', width: 30 },
  difficulties: { ko: '애로 사항', en: 'Difficulties', width: 24 },
  budgetAllocated: { ko: '예산 편성액(원)', en: 'Budget allocated (KRW)', width: 16 },
  budgetExecuted: { ko: '예산 집행액(원)', en: 'Budget executed (KRW)', width: 16 },
  evidence: { ko: '증빙 자료', en: 'Evidence', width: 30 },
  lastCompletion: { ko: '작년 이행 수준', en: 'Last year: level', width: 14 },
  lastAchievements: { ko: '작년 추진 실적', en: 'Last year: achievements', width: 30 },
  comments: { ko: '여성가족부 의견', en: 'MOGEF comments', width: 30 },
};

/** A header cell as written: Korean, a line break, English. */
export function headerLabel(key: FixedColumn): string {
  const l = COLUMN_LABELS[key];
  return `${l.ko}\n${l.en}`;
}

/** An indicator's column header as written. */
export function indicatorHeader(ind: { nameKo: string; nameEn: string; unit: string; target: number | null }): string {
  const unit = ind.unit === '' ? '' : ` (${ind.unit})`;
  const target = ind.target === null ? '' : ` · 목표 target ${ind.target}`;
  return `지표 Indicator: ${ind.nameKo} / ${ind.nameEn}${unit}${target}`;
}

/** A header as compared: NFC, white space collapsed to one space, lower case. */
export function headerForm(text: string): string {
  return (cleanText(text) ?? '').replace(/\s+/gu, ' ').toLowerCase();
}

/** Other names people (and the first workbooks of 1 December 2026) give these columns. */
const HEADER_ALIASES: Readonly<Partial<Record<FixedColumn, readonly string[]>>> = {
  strategy: ['추진전략', '추진 전략'],
  actionPlan: ['세부과제', '세부 과제'],
};

const FIXED_BY_HEADER: ReadonlyMap<string, FixedColumn> = (() => {
  const m = new Map<string, FixedColumn>();
  for (const key of FIXED_COLUMNS) {
    const l = COLUMN_LABELS[key];
    for (const ko of [l.ko, ...(HEADER_ALIASES[key] ?? [])]) {
      for (const form of [ko, l.en, `${ko} ${l.en}`, `${ko}(${l.en})`, `${ko} (${l.en})`, key]) m.set(headerForm(form), key);
    }
  }
  return m;
})();

/** The fixed column a header names (Korean, English or both, any case and spacing), or null. */
export function fixedColumnOfHeader(text: string): FixedColumn | null {
  return FIXED_BY_HEADER.get(headerForm(text)) ?? null;
}

/** Whether a header is an indicator's ("지표 …" or "Indicator …"). */
export function isIndicatorHeader(text: string): boolean {
  const h = headerForm(text);
  return h.startsWith('지표') || h.startsWith('indicator');
}

// ---- the state block above the header

/** The label of the cell (in column A above the header) whose right neighbour says whether the report is submitted. */
export const SUBMIT_LABEL = { ko: '보고서 제출', en: 'Submit the report' };
export const STATUS_LABEL = { ko: '보고서 상태', en: 'Report status' };
export const RETURN_LABEL = { ko: '보완 요청 사유', en: 'Reason for return' };

export function isSubmitLabel(text: string): boolean {
  const h = headerForm(text);
  return h.startsWith(headerForm(SUBMIT_LABEL.ko)) || h.startsWith(headerForm(SUBMIT_LABEL.en));
}

export const STATUS_LABELS: Readonly<Record<'ko' | 'en', Readonly<Record<(typeof REPORT_STATUSES)[number], string>>>> = {
  ko: { draft: '작성 중', submitted: '제출됨', returned: '보완 요청됨', accepted: '승인됨' },
  en: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned for revision', accepted: 'Accepted' },
};

// ---- cell codecs (a cell is text or a number as read; every rule from contract/rules.ts)

export type CellValue = string | number | boolean | null;

export type CellProblem =
  | 'level_unknown'
  | 'yes_no_format'
  | 'budget_format'
  | 'budget_too_large'
  | 'number_format'
  | 'percent_range'
  | 'count_format'
  | 'too_long'
  | 'bad_character'
  | 'evidence_format'
  | 'evidence_date';

export type CellDecoded<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

/** The dropdown's values for the level, in the workbook's language. */
export function levelOptions(lang: 'ko' | 'en'): string[] {
  return COMPLETION_LEVELS.map((l) => LEVEL_LABELS[lang][l]);
}

const LEVEL_BY_TEXT: ReadonlyMap<string, CompletionLevel> = (() => {
  const m = new Map<string, CompletionLevel>();
  for (const level of COMPLETION_LEVELS) {
    for (const text of [level, LEVEL_LABELS.ko[level], LEVEL_LABELS.en[level]]) m.set(headerForm(text).replace(/ /g, ''), level);
  }
  // Short forms people type.
  m.set('noevidence', 'no_evidence');
  m.set('상당', 'substantial');
  m.set('근거없음', 'no_evidence');
  return m;
})();

/** A level as typed in Korean or English, any case, stray spaces; empty is null. */
export function parseLevelCell(value: CellValue): CellDecoded<CompletionLevel | null> {
  const text = cellText(value);
  if (text === '') return { ok: true, value: null };
  const level = LEVEL_BY_TEXT.get(headerForm(text).replace(/[ _]/g, ''));
  return level ? { ok: true, value: level } : { ok: false, problem: 'level_unknown' };
}

export function levelCell(level: CompletionLevel | null, lang: 'ko' | 'en'): string {
  return level === null ? '' : LEVEL_LABELS[lang][level];
}

export function yesNoOptions(lang: 'ko' | 'en'): [string, string] {
  return lang === 'ko' ? ['예', '아니오'] : ['Yes', 'No'];
}

export function yesNoCell(value: boolean | null, lang: 'ko' | 'en'): string {
  if (value === null) return '';
  return yesNoOptions(lang)[value ? 0 : 1];
}

export function parseYesNoCell(value: CellValue): CellDecoded<boolean | null> {
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return value === 1 || value === 0 ? { ok: true, value: value === 1 } : { ok: false, problem: 'yes_no_format' };
  const parsed = parseYesNo(cellText(value));
  return parsed === undefined ? { ok: false, problem: 'yes_no_format' } : { ok: true, value: parsed };
}

/** A won amount: a number cell (whole, 0 to 10^15) or text with commas, ₩ or 원, full-width digits. Never guessed ("1억 2천만원" is refused). */
export function parseWonCell(value: CellValue): CellDecoded<number | null> {
  if (typeof value === 'number') {
    const r = parseWon(String(value));
    return Number.isInteger(value) && r.ok ? r : { ok: false, problem: Number.isInteger(value) && value >= 0 ? 'budget_too_large' : 'budget_format' };
  }
  if (typeof value === 'boolean') return { ok: false, problem: 'budget_format' };
  return decoded(parseWon(cellText(value)));
}

export function parseIndicatorCell(kind: IndicatorKind, value: CellValue): CellDecoded<number | null> {
  if (typeof value === 'boolean') return kind === 'yes_no' ? { ok: true, value: value ? 1 : 0 } : { ok: false, problem: 'number_format' };
  const text = typeof value === 'number' ? String(value) : cellText(value);
  return decoded(parseIndicatorValue(kind, text));
}

/** A long text as typed: normalised by the shared rule; empty is null. */
export function parseTextCell(value: CellValue, max: number = LONG_TEXT_MAX): CellDecoded<string | null> {
  const raw = typeof value === 'string' ? value : value === null ? '' : String(value);
  const problem = textProblem(raw, max);
  if (problem === 'too_long' || problem === 'bad_character') return { ok: false, problem };
  // Line ends as one form: spreadsheet programs turn CR LF and a lone CR into LF, as the form's text box does.
  return { ok: true, value: cleanText(raw.replace(/\r\n?/g, '\n')) };
}

function decoded<T>(d: Decoded<T>): CellDecoded<T> {
  return d.ok ? d : { ok: false, problem: d.problem };
}

function cellText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** One piece of evidence as a line of the evidence cell: "title | YYYY-MM-DD | reference" (date and reference optional). */
export interface EvidenceLine {
  title: string;
  docDate: string | null;
  reference: string | null;
}

export function evidenceLine(e: EvidenceLine): string {
  return [e.title, e.docDate ?? '', e.reference ?? ''].join(' | ').replace(/( \| )+$/, '');
}

/** The evidence cell: one line per piece, in order; the canonical text of a list (the merge compares these). */
export function evidenceCell(list: readonly EvidenceLine[]): string {
  return list.map(evidenceLine).join('\n');
}

export function parseEvidenceCell(value: CellValue): CellDecoded<EvidenceLine[]> {
  const text = cellText(value);
  const out: EvidenceLine[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = cleanText(rawLine);
    if (line === null) continue;
    const parts = line.split('|').map((p) => cleanText(p));
    if (parts.length > 3 || parts[0] === null || parts[0] === undefined) return { ok: false, problem: 'evidence_format' };
    const [title, date = null, reference = null] = parts as [string, string | null, string | null];
    if (textProblem(title, EVIDENCE_TEXT_MAX) || (reference !== null && textProblem(reference, EVIDENCE_TEXT_MAX))) return { ok: false, problem: 'too_long' };
    if (date !== null && !isIsoDate(date)) return { ok: false, problem: 'evidence_date' };
    out.push({ title, docDate: date, reference });
  }
  return { ok: true, value: out };
}

/** Messages of the cell problems, in both languages (the preview shows one, the CLI both). */
export const CELL_PROBLEM_TEXT: Readonly<Record<CellProblem, { ko: string; en: string }>> = {
  level_unknown: { ko: '이행 수준은 목록의 값(미착수, 제한적, 상당 부분, 완료, 근거 없음) 중 하나로 적어 주세요.', en: 'Write the level as one of the list: Not started, Limited, Substantial, Completed, No evidence available.' },
  yes_no_format: { ko: '예 또는 아니오로 적어 주세요.', en: 'Write Yes or No.' },
  budget_format: { ko: '금액을 숫자로만 적어 주세요 (예: 12,000,000). "1억 2천만원" 같은 표기는 읽지 않습니다.', en: 'Write the amount in digits only (e.g. 12,000,000); forms such as "1억 2천만원" are not read.' },
  budget_too_large: { ko: '금액이 너무 큽니다 (10^15원 이하의 정수).', en: 'The amount is too large (a whole number up to 10^15 won).' },
  number_format: { ko: '숫자로 적어 주세요 (예: 1,200 또는 12.5).', en: 'Write a number (e.g. 1,200 or 12.5).' },
  percent_range: { ko: '백분율은 0에서 100 사이로 적어 주세요.', en: 'A percentage is from 0 to 100.' },
  count_format: { ko: '개수는 0 이상의 정수로 적어 주세요.', en: 'A count is a whole number, 0 or more.' },
  too_long: { ko: '글이 너무 깁니다. 줄여 주세요.', en: 'The text is too long: shorten it.' },
  bad_character: { ko: '저장할 수 없는 문자가 있습니다. 그 부분을 다시 입력해 주세요.', en: 'The text holds a character that cannot be stored: type that part again.' },
  evidence_format: { ko: '증빙은 한 줄에 하나씩 "제목 | YYYY-MM-DD | 출처"로 적어 주세요.', en: 'Write one piece of evidence per line: "title | YYYY-MM-DD | reference".' },
  evidence_date: { ko: '증빙의 날짜는 YYYY-MM-DD 형식의 실제 날짜로 적어 주세요.', en: 'An evidence date is a real date written YYYY-MM-DD.' },
};

// ---- the metadata sheet

const Uid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const Code = z.string().min(1).max(40);
const Text = (max: number) => z.string().max(max);
const Stamp = z.string().max(40);

/** What a row held when the file left (the merge's base); evidence as its canonical cell text. */
export const RowValues = z
  .object({
    completion: z.enum(COMPLETION_LEVELS).nullable(),
    delayed: z.boolean().nullable(),
    delayReason: Text(LONG_TEXT_MAX).nullable(),
    achievements: Text(LONG_TEXT_MAX).nullable(),
    nextSteps: Text(LONG_TEXT_MAX).nullable(),
    difficulties: Text(LONG_TEXT_MAX).nullable(),
    budgetAllocated: z.number().nullable(),
    budgetExecuted: z.number().nullable(),
    /** Indicator values by indicator uid. */
    indicators: z.record(Uid, z.number().nullable()),
    evidence: Text(EVIDENCE_TEXT_MAX * 3 * 200 + 1000),
  })
  .strict();
export type RowValues = z.infer<typeof RowValues>;

export const MetaIndicator = z
  .object({
    uid: Uid,
    origin: Uid,
    actionPlan: Code,
    nameKo: Text(300),
    nameEn: Text(300),
    unit: Text(40),
    kind: z.enum(INDICATOR_KINDS),
    baseline: z.number().nullable(),
    targets: z.array(z.object({ year: z.number().int(), target: z.number() }).strict()).max(50),
    createdBy: Text(200),
    createdAt: Stamp,
    removedAt: Stamp.nullable(),
    /** The column's header as written. */
    header: Text(1000),
  })
  .strict();
export type MetaIndicator = z.infer<typeof MetaIndicator>;

export const MetaComment = z
  .object({ uid: Uid, origin: Uid, actionPlan: Code, text: Text(REASON_MAX), author: Text(200), createdAt: Stamp, removedAt: Stamp.nullable() })
  .strict();
export type MetaComment = z.infer<typeof MetaComment>;

export const MetaEvent = z
  .object({
    uid: Uid,
    origin: Uid,
    from: z.enum(REPORT_STATUSES),
    to: z.enum(REPORT_STATUSES),
    reason: Text(REASON_MAX).nullable(),
    actor: Text(200),
    at: Stamp,
  })
  .strict();
export type MetaEvent = z.infer<typeof MetaEvent>;

export const WorkbookMeta = z
  .object({
    format: z.literal(WORKBOOK_FORMAT),
    version: z.literal(WORKBOOK_VERSION),
    kind: z.enum(WORKBOOK_KINDS),
    /** The workbook's language (headers are in both; dropdowns and state texts in this one). */
    language: z.enum(['ko', 'en']),
    plan: Code,
    body: Code,
    year: z.number().int(),
    writer: z.object({ installation: Uid, role: z.enum(['body', 'coordinator']), body: Code.nullable(), name: Text(200) }).strict(),
    writtenAt: Stamp,
    /** A new uid for every workbook written. */
    exportId: Uid,
    status: z.enum(REPORT_STATUSES),
    returnedReason: Text(REASON_MAX).nullable(),
    /** The rows' action-plan codes in the order written. */
    rows: z.array(Code).max(LIMITS.rows),
    /** Per action-plan code: the values when the file left (the merge's base). */
    base: z.record(Code, RowValues),
    indicators: z.array(MetaIndicator).max(2_000),
    comments: z.array(MetaComment).max(10_000),
    events: z.array(MetaEvent).max(1_000),
    /** Monitoring meetings (db/meetings.ts exportMeetings): MOGEF's in a request, the body's own and the follow-ups it moved in a report. Absent in older workbooks. */
    meetings: MeetingsPayload.optional(),
  })
  .strict();
export type WorkbookMeta = z.infer<typeof WorkbookMeta>;

/** What the writer lays out: the metadata and, per row, what the sheet shows beside it. */
export interface WorkbookRow {
  actionPlan: string;
  area: string;
  objective: string;
  strategy: string;
  actionPlanText: string;
  otherBodies: string;
  values: RowValues;
  lastCompletion: CompletionLevel | null;
  lastAchievements: string | null;
  /** MOGEF's comments on the row, as shown (the metadata carries them whole). */
  comments: string;
}

export interface WorkbookData {
  meta: WorkbookMeta;
  /** Title of the rows sheet, e.g. "2025년 외교부 이행 보고". */
  title: string;
  bodyName: string;
  rows: WorkbookRow[];
  /** The indicators of the body's action plans, in column order, with the year's target. */
  indicatorColumns: { uid: string; actionPlan: string; kind: IndicatorKind; header: string }[];
}

// ---- what the reader hands back (plain data out of the worker)

export interface ReadCell {
  /** A1 address in the sheet. */
  address: string;
  /** The value as read: a formula's cached value, a number, a string, a boolean; null when empty. */
  value: CellValue;
}

export interface ReadRow {
  /** The row's number in the sheet (1-based). */
  rowNumber: number;
  /** The code cell's text (trimmed), as the row's key. */
  code: string;
  /**
   * The row's cells that hold a value, by column: a column of ReadWorkbook.columns with no cell here is
   * empty in this row (the same as a cell whose value is null), and an import reads it so (an empty cell
   * clears the field against the base). Left out so that a row carries its few filled cells, not one per
   * indicator column of the whole workbook.
   */
  cells: Partial<Record<ColumnKey, ReadCell>>;
  /** The row is hidden or filtered out in the file (read all the same). */
  hidden: boolean;
}

export interface ReadWorkbook {
  sheetNames: string[];
  /** The metadata when present and whole; metaProblem says why not otherwise. */
  meta: WorkbookMeta | null;
  metaProblem: 'absent' | 'checksum' | 'invalid' | null;
  rowsSheet: string;
  headerRow: number;
  columns: { key: ColumnKey; column: string; header: string }[];
  /** Headers the reader does not know (inserted columns: ignored). */
  unknownColumns: { column: string; header: string }[];
  /** The "submit the report" cell, if found. */
  submit: ReadCell | null;
  rows: ReadRow[];
  /** Rows below the header that are not action plans (totals, notes), ignored. */
  ignoredRows: { rowNumber: number; text: string }[];
}

/** Why a file is refused as a whole (the message names the place and what to do). */
export const REFUSAL_CODES = [
  'not_spreadsheet',
  'csv',
  'encrypted',
  'damaged',
  'too_large',
  'macros',
  'no_rows_sheet',
  'unsupported_format',
  'timeout',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface ReadRefusal {
  code: RefusalCode;
  /** Where: the sheet or part of the file, if known. */
  where: string | null;
  ko: string;
  en: string;
}

export type ReadResult = { ok: true; workbook: ReadWorkbook } | { ok: false; refusal: ReadRefusal };

/**
 * The column-mapping step, for a workbook rebuilt by hand without our
 * headers: which column (by letter) holds which field, and optionally which
 * sheet and row hold the header. A mapped column is read as that field
 * whatever its header says.
 */
export const ColumnMapping = z
  .object({
    sheet: z.string().min(1).max(100).nullable().default(null),
    /** 1-based, as the spreadsheet numbers rows. */
    headerRow: z.number().int().min(1).max(1000).nullable().default(null),
    columns: z.record(z.string().regex(/^[A-Z]{1,3}$/), z.union([z.enum(FIXED_COLUMNS), z.string().regex(/^indicator:[0-9a-f-]{36}$/)])),
  })
  .strict();
export type ColumnMapping = z.output<typeof ColumnMapping>;

// ---- the import's preview, its apply and its history, as they cross to the renderer

/** A message in both languages, with where it applies (sheet!cell, or a field). */
export { Notice };

/** A field of a row in the merge: its name (a BodyField, "evidence" or "indicator:<uid>") and the three values, shown as text. */
export const FieldChange = z.object({
  field: z.string(),
  /** The field's label in Korean and English (an indicator's name). */
  label: z.object({ ko: z.string(), en: z.string() }),
  /** What the merge decided: taken from the file, kept as it is here, a conflict to pick, unchanged, or rejected (with the reason). */
  outcome: z.enum(['taken', 'kept', 'conflict', 'unchanged', 'rejected']),
  base: z.string().nullable(),
  /** The value here now (before → after: mine → file). */
  mine: z.string().nullable(),
  file: z.string().nullable(),
  cell: z.string().nullable(),
  reason: Notice.nullable(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const RowOutcome = z.enum(['new', 'changed', 'unchanged', 'conflict', 'rejected']);
export type RowOutcome = z.infer<typeof RowOutcome>;

export const PreviewRow = z.object({
  actionPlan: z.string(),
  /** The row's number in the file's rows sheet, null if the file lacks the row. */
  rowNumber: z.number().int().nullable(),
  outcome: RowOutcome,
  /** Only the fields that are not unchanged. */
  fields: z.array(FieldChange),
  reason: Notice.nullable(),
});
export type PreviewRow = z.infer<typeof PreviewRow>;

export const ImportPreview = z.object({
  /** Names the prepared import in main until it is applied or discarded. */
  token: z.string(),
  file: z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int() }),
  kind: z.enum(WORKBOOK_KINDS).nullable(),
  plan: z.string(),
  body: z.string(),
  year: z.number().int(),
  writer: z
    .object({ installation: z.string(), role: z.enum(['body', 'coordinator']), name: z.string(), writtenAt: z.string(), exportId: z.string() })
    .nullable(),
  rows: z.array(PreviewRow),
  counts: z.record(RowOutcome, z.number().int()),
  /** What else the file brings: the report's state, MOGEF's comments, indicators. */
  state: z.object({ from: z.enum(REPORT_STATUSES), to: z.enum(REPORT_STATUSES) }).nullable(),
  commentsAdded: z.number().int(),
  indicatorsAdded: z.number().int(),
  /** Monitoring meetings and follow-up states the file carries (db/meetings.ts decides at apply what of them is new and the sender's to change). */
  meetings: z.object({ meetings: z.number().int(), followUpStates: z.number().int() }),
  warnings: z.array(Notice),
  /** The same file (same SHA-256) was imported before: applying it changes nothing. */
  alreadyImported: z.boolean(),
  /** Another period than asked, another plan …: applying needs the user's confirmation. */
  needsConfirmation: z.array(z.enum(['other_period', 'older_than_imported', 'unknown_installation'])),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportRecord = z.object({
  id: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  kind: z.enum(WORKBOOK_KINDS).nullable(),
  plan: z.string(),
  body: z.string(),
  year: z.number().int(),
  writerName: z.string().nullable(),
  importedBy: z.string(),
  importedAt: z.string(),
  counts: z.record(z.string(), z.number().int()),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/** How the user settled the conflicts: all of one side, and per row and field where they picked otherwise. */
export const ApplyChoices = z
  .object({
    take: z.enum(['file', 'mine']).nullable(),
    picks: z.array(z.object({ actionPlan: z.string().max(40), field: z.string().max(80), take: z.enum(['file', 'mine']) }).strict()).max(20_000),
    confirm: z.array(z.enum(['other_period', 'older_than_imported', 'unknown_installation'])).max(3),
  })
  .strict();
export type ApplyChoices = z.infer<typeof ApplyChoices>;
