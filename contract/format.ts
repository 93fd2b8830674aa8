/**
 * Numbers, won, percentages, dates and plurals in the interface's language,
 * through Intl. Korean is shown as ko-KR; English as en-GB (day month year,
 * "1 Mar 2022": unambiguous for a reader of either convention, and the
 * house style of the plan's English text). Intl formatters are costly to
 * build, so each (locale, options) pair is built once and kept.
 *
 * Plain functions with the language first, no React: views, stores and
 * tests call them alike.
 */
import type { Language } from './domain';

export type Locale = 'ko-KR' | 'en-GB';

export function localeOf(language: Language): Locale {
  return language === 'ko' ? 'ko-KR' : 'en-GB';
}

// ---- the caches: one formatter per (locale, options)

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function cacheKey(locale: string, options: object): string {
  return `${locale}|${JSON.stringify(options)}`;
}

/** The cached Intl.NumberFormat of the language with these options. */
export function numberFormat(language: Language, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const locale = localeOf(language);
  const key = cacheKey(locale, options);
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** The cached Intl.DateTimeFormat of the language with these options. */
export function dateTimeFormat(language: Language, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const locale = localeOf(language);
  const key = cacheKey(locale, options);
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

function rulesOf(language: Language): Intl.PluralRules {
  const locale = localeOf(language);
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

// ---- numbers

const PLAIN: Intl.NumberFormatOptions = { maximumFractionDigits: 4 };

/** A number with the language's grouping and up to four decimals: 1234.5 → "1,234.5". */
export function formatNumber(language: Language, value: number, options: Intl.NumberFormatOptions = PLAIN): string {
  return numberFormat(language, options).format(value);
}

const WHOLE: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const KRW_CODE: Intl.NumberFormatOptions = { style: 'currency', currency: 'KRW', currencyDisplay: 'code', maximumFractionDigits: 0 };

/**
 * A won amount as an official writes it: "1,234,000원" in Korean,
 * "KRW 1,234,000" in English (the ISO code, as in English budget tables;
 * "₩" alone reads as a symbol a foreign reader may not know).
 */
export function formatWon(language: Language, value: number): string {
  if (language === 'ko') return `${numberFormat(language, WHOLE).format(value)}원`;
  return numberFormat(language, KRW_CODE).format(value);
}

/**
 * A percentage as the application stores it, 0–100 (not a fraction):
 * 57 → "57%", 12.5 → "12.5%". Up to one decimal unless told otherwise.
 */
export function formatPercent(language: Language, value: number, maximumFractionDigits = 1): string {
  return numberFormat(language, { style: 'percent', maximumFractionDigits }).format(value / 100);
}

// ---- dates

const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
// A calendar date has no time zone: read and shown in UTC, it is the same day everywhere.
const CALENDAR_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };
// 24-hour time in both languages, as Korean official documents write it ("14:07", not "오후 2:07").
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' };
const DATE_TIME_SECONDS: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' };
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date: a calendar date "2022-03-05" as that day ("2022. 3. 5." /
 * "5 Mar 2022"), a timestamp as its local day. '' for none; text that is
 * not a date is shown as it is.
 */
export function formatDate(language: Language, value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && ISO_DAY.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(day.getTime()) ? value : dateTimeFormat(language, CALENDAR_DATE).format(day);
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  return dateTimeFormat(language, DATE).format(date);
}

/** A timestamp from main (ISO, UTC) as local date and time: "2022. 3. 5. 14:07" / "5 Mar 2022, 14:07". */
export function formatDateTime(language: Language, value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  return dateTimeFormat(language, DATE_TIME).format(date);
}

/** A date and time to the second (backups made within one minute), 24-hour. */
export function formatDateTimeSeconds(language: Language, date: Date): string {
  return dateTimeFormat(language, DATE_TIME_SECONDS).format(date);
}

// ---- plurals

/** A text in each plural category the language uses; `other` is required, the rest fall back to it. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/** The form for this count by the language's plural rules: English 1 → one, else other; Korean always other. */
export function plural(language: Language, count: number, forms: PluralForms): string {
  const category = rulesOf(language).select(count) as keyof PluralForms;
  return forms[category] ?? forms.other;
}

/** An interface message: a text, or a text per plural category chosen by a `count` (see i18n's translate). */
export type Message = string | PluralForms;

export function isPluralForms(value: unknown): value is PluralForms {
  return typeof value === 'object' && value !== null && typeof (value as { other?: unknown }).other === 'string';
}
