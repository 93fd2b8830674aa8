/**
 * The rules of a monitoring entry, in one place: completion levels and how
 * they consolidate, report statuses, text normalisation and limits, the
 * codecs of won amounts, indicator values, yes/no and dates, and what makes
 * an entry complete. Plain TypeScript with no zod, Node or DOM: the renderer,
 * main, db/ and the Excel importer all import it, so a rule cannot drift
 * between them. Where SQL must repeat a rule for speed (migration 0020's
 * triggers, db/matrix.ts), tests/contract/rules.test.ts holds the two equal
 * on generated data.
 */

// ---- completion levels

/** The Open Government Partnership IRM's completion scale, stored as these codes, in the form's order. */
export const COMPLETION_LEVELS = ['not_started', 'limited', 'substantial', 'completed', 'no_evidence'] as const;
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];

/** The ranked part of the scale: a level's index is its rank (migration 0020's action_plan_level.lowest_rank). */
export const SCALE = ['not_started', 'limited', 'substantial', 'completed'] as const;
export type RankedLevel = (typeof SCALE)[number];

/** Outside the scale: the body has nothing to show either way. */
export const NO_EVIDENCE = 'no_evidence' satisfies CompletionLevel;

export function isCompletionLevel(value: unknown): value is CompletionLevel {
  return typeof value === 'string' && (COMPLETION_LEVELS as readonly string[]).includes(value);
}

/** A level's rank on the scale (0 … 3), or null for "no evidence". */
export function rankOf(level: CompletionLevel): number | null {
  const rank = (SCALE as readonly string[]).indexOf(level);
  return rank < 0 ? null : rank;
}

/** Names of the levels, as the interface and the workbooks show them. */
export const LEVEL_LABELS: Readonly<Record<'ko' | 'en', Readonly<Record<CompletionLevel, string>>>> = {
  ko: { not_started: '미착수', limited: '제한적', substantial: '상당 부분', completed: '완료', no_evidence: '근거 없음' },
  en: {
    not_started: 'Not started',
    limited: 'Limited',
    substantial: 'Substantial',
    completed: 'Completed',
    no_evidence: 'No evidence available',
  },
};

/**
 * The consolidated level from an aggregate: the lowest rank reported, and
 * whether any body said "no evidence". The plan is only as far along as its
 * least advanced body; "no evidence" counts only when no body reported a
 * level on the scale. MOGEF can override the result with a recorded reason.
 */
export function levelFromAggregate(lowestRank: number | null, anyNoEvidence: boolean): CompletionLevel | null {
  if (lowestRank !== null) return SCALE[lowestRank] ?? null;
  return anyNoEvidence ? NO_EVIDENCE : null;
}

/** The consolidated level of the levels the bodies reported (null: not reported). */
export function deriveLevel(levels: readonly (CompletionLevel | null | undefined)[]): CompletionLevel | null {
  let lowest: number | null = null;
  let anyNoEvidence = false;
  for (const level of levels) {
    if (!level) continue;
    const rank = rankOf(level);
    if (rank === null) anyNoEvidence = true;
    else if (lowest === null || rank < lowest) lowest = rank;
  }
  return levelFromAggregate(lowest, anyNoEvidence);
}

/** The level in effect: MOGEF's override if any, else the derived one. */
export function effectiveLevel(derived: CompletionLevel | null, override: CompletionLevel | null | undefined): CompletionLevel | null {
  return override ?? derived;
}

// ---- report statuses

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

// ---- the fields of an entry

/** The body's fields of an entry, in the order the form and the workbook show them. */
export const ENTRY_FIELDS = [
  'completion',
  'delayed',
  'delayReason',
  'achievements',
  'nextSteps',
  'difficulties',
  'budgetAllocated',
  'budgetExecuted',
] as const;

/** Those of them that are long texts (normalised where they are written, LONG_TEXT_MAX). */
export const TEXT_FIELDS = ['delayReason', 'achievements', 'nextSteps', 'difficulties'] as const satisfies readonly (typeof ENTRY_FIELDS)[number][];

// ---- text

/** Long texts: achievements, next steps, difficulties, the reason of a delay (about ten pages of Korean). */
export const LONG_TEXT_MAX = 20_000;
/** A comment, a return reason, an acceptance note, an override's reason. */
export const REASON_MAX = 4_000;
/** An evidence item's title and reference. */
export const EVIDENCE_TEXT_MAX = 500;
export const USER_NAME_MAX = 80;
/** The most evidence items one entry holds. */
export const EVIDENCE_MAX = 200;

/**
 * Unicode white space as JavaScript's \s knows it (U+3000, U+00A0, U+FEFF,
 * line breaks …) and the zero-width space: the characters trimmed from the
 * ends of a text. SQL takes the list from here (db/matrix.ts).
 */
export const WHITE_SPACE_CODE_POINTS: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff, 0x200b,
];
const SPACE_CLASS = WHITE_SPACE_CODE_POINTS.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('');
const EDGE_SPACE = new RegExp(`^[${SPACE_CLASS}]+|[${SPACE_CLASS}]+$`, 'gu');
// Without the u flag the pattern sees UTF-16 units, so half a pair is visible.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True if the text holds half of a UTF-16 pair: it cannot be stored or shown faithfully. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * A user's text as it is stored: NFC, without white space at either end;
 * a text of only white space is empty (null). Inner line breaks stay.
 */
export function cleanText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = text.normalize('NFC').replace(EDGE_SPACE, '');
  return cleaned === '' ? null : cleaned;
}

/** Whether a text field counts as filled in. */
export function isFilled(text: string | null | undefined): boolean {
  return cleanText(text) !== null;
}

export type TextProblem = 'too_long' | 'bad_character' | 'required';

/** Why a text cannot be stored as it is (after cleaning), or null. */
export function textProblem(text: string, max: number, required = false): TextProblem | null {
  if (hasLoneSurrogate(text)) return 'bad_character';
  const cleaned = cleanText(text);
  if (cleaned === null) return required ? 'required' : null;
  if (cleaned.length > max) return 'too_long';
  return null;
}

// ---- numbers

export type NumberProblem = 'number_format' | 'budget_format' | 'budget_too_large' | 'percent_range' | 'count_format' | 'yes_no_format';
export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: NumberProblem };

/** The largest amount of won a budget holds (a thousand trillion). */
export const WON_MAX = 1e15;

/** Full-width digits and separators (as an IME types them) to ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0C\uFF0E\uFF05\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * A won amount as people type it: "1,234,000", "1 234 000", "₩1,234,000",
 * "1,234,000원", full-width digits. Empty is null. Anything not read exactly
 * ("1억 2천만원", "12a", "1.5") is refused, never guessed.
 */
export function parseWon(input: string): Decoded<number | null> {
  const text = asciiDigits(cleanText(input) ?? '')
    .replace(/^[₩\uFFE6]\s*/, '')
    .replace(/\s*원$/, '');
  if (text === '') return { ok: true, value: null };
  // Thousands separators only where they belong: 1,234,567 or 1234567.
  if (!/^\d+$/.test(text) && !/^\d{1,3}([, ]\d{3})+$/.test(text)) return { ok: false, problem: 'budget_format' };
  const value = Number(text.replace(/[, ]/g, ''));
  if (!Number.isSafeInteger(value) || value > WON_MAX) return { ok: false, problem: 'budget_too_large' };
  return { ok: true, value };
}

/** Whether a stored won amount is valid. */
export function isWon(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= WON_MAX;
}

export const INDICATOR_KINDS = ['number', 'percent', 'yes_no'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/**
 * Whether an indicator's value for a year is behind its target (both known).
 * Every indicator of the plan counts up: a number or a percentage is behind
 * below its target. A yes/no indicator's value across bodies is the share of
 * "yes" (0-100) among those that reported it (db/matrix.ts dashboard); its
 * target 1 ("yes") is met only when every one of them said yes, 0 always.
 */
export function isBehindTarget(kind: IndicatorKind, target: number | null, actual: number | null): boolean {
  if (target === null || actual === null) return false;
  return kind === 'yes_no' ? actual < target * 100 : actual < target;
}

/** The largest count an indicator holds. */
export const COUNT_MAX = 1e12;

/**
 * Whether a value fits an indicator's kind: a number is a count (a whole
 * number, 0 or more); a percentage is 0 to 100; yes/no is 1 or 0. The same
 * for a baseline, a target and a reported value.
 */
export function indicatorValueProblem(kind: IndicatorKind, value: number): NumberProblem | null {
  if (!Number.isFinite(value)) return 'number_format';
  if (kind === 'number') return Number.isInteger(value) && value >= 0 && value <= COUNT_MAX ? null : 'count_format';
  if (kind === 'percent') return value >= 0 && value <= 100 ? null : 'percent_range';
  return value === 0 || value === 1 ? null : 'yes_no_format';
}

const YES = new Set(['yes', 'y', '예', '네', 'o', 'true', '1']);
const NO = new Set(['no', 'n', '아니오', '아니요', 'x', 'false', '0']);

/** Yes/no as typed in Korean or English, any case: true, false, null for empty; undefined if unreadable. */
export function parseYesNo(input: string): boolean | null | undefined {
  const text = (cleanText(input) ?? '').toLowerCase();
  if (text === '') return null;
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return undefined;
}

/**
 * An indicator value as typed: "1,000", "12.5%", "yes"/"예", full-width
 * digits. Empty is null. Separators as in budgets (commas between groups of
 * three digits).
 */
export function parseIndicatorValue(kind: IndicatorKind, input: string): Decoded<number | null> {
  const text = asciiDigits(cleanText(input) ?? '');
  if (text === '') return { ok: true, value: null };
  if (kind === 'yes_no') {
    const yes = parseYesNo(text);
    return yes === undefined || yes === null ? { ok: false, problem: 'yes_no_format' } : { ok: true, value: yes ? 1 : 0 };
  }
  const plain = kind === 'percent' ? text.replace(/\s*%$/, '') : text;
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(plain) && !/^-?\.\d+$/.test(plain)) return { ok: false, problem: 'number_format' };
  const value = Number(plain.replace(/,/g, ''));
  const problem = indicatorValueProblem(kind, value);
  return problem ? { ok: false, problem } : { ok: true, value };
}

// ---- dates

/** A calendar date "YYYY-MM-DD" that exists (no 2022-02-30, no 2022-13-45). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

// ---- completeness

/** The body's fields of an entry that completeness reads. */
export interface CompletenessInput {
  completion: CompletionLevel | null;
  delayed: boolean | null;
  delayReason: string | null;
  achievements: string | null;
  nextSteps: string | null;
}

export interface Completeness {
  filled: number;
  required: number;
  /** Names of the required fields still empty (an entry field or "indicator:<id>"). */
  missing: string[];
}

/**
 * Which required fields are filled. Required: the level, delayed or not
 * (and why, when delayed), achievements, next steps, each indicator's value.
 * A text of only white space is empty.
 */
export function completenessOf(
  v: CompletenessInput,
  indicators: readonly { indicatorId: number; value: number | null }[],
): Completeness {
  const checks: [string, boolean][] = [
    ['completion', v.completion !== null],
    ['delayed', v.delayed !== null],
    ['achievements', isFilled(v.achievements)],
    ['nextSteps', isFilled(v.nextSteps)],
  ];
  if (v.delayed === true) checks.push(['delayReason', isFilled(v.delayReason)]);
  for (const i of indicators) checks.push([`indicator:${i.indicatorId}`, i.value !== null]);
  const missing = checks.filter(([, ok]) => !ok).map(([name]) => name);
  return { filled: checks.length - missing.length, required: checks.length, missing };
}

export function isComplete(c: Completeness): boolean {
  return c.missing.length === 0;
}

// ---- editable representations

/** A whole number with its thousands separated by commas, as a form and a workbook show it for editing ("1,234,000"). */
export function groupDigits(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** An indicator value as a form shows it for editing: counts grouped like budgets, yes/no as "yes"/"no". */
export function indicatorDraft(kind: IndicatorKind, value: number | null): string {
  if (value === null) return '';
  if (kind === 'yes_no') return value === 1 ? 'yes' : 'no';
  return groupDigits(value);
}
