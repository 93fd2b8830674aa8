/**
 * format.ts and t()'s plurals: numbers, won, percentages and dates in the
 * interface's locale (ko-KR, en-GB), formatters built once per (locale,
 * options), and plural forms chosen by Intl.PluralRules.
 */
import { describe, expect, it } from 'vitest';
import {
  dateTimeFormat,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatWon,
  localeOf,
  numberFormat,
  plural,
} from '../../renderer/src/format';
import { translate } from '../../renderer/src/i18n';

// Intl puts a no-break space (U+00A0) or a narrow one (U+202F) where English shows a space.
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('numbers and won', () => {
  it('groups digits in both languages', () => {
    expect(formatNumber('ko', 1234567)).toBe('1,234,567');
    expect(formatNumber('en', 1234567.25)).toBe('1,234,567.25');
    expect(formatNumber('en', 0.123456)).toBe('0.1235');
    expect(formatNumber('ko', -3)).toBe('-3');
  });

  it('writes won as a Korean or an English official does', () => {
    expect(formatWon('ko', 1234000)).toBe('1,234,000원');
    expect(spaces(formatWon('en', 1234000))).toBe('KRW 1,234,000');
    expect(formatWon('ko', 0)).toBe('0원');
  });

  it('takes a percentage as stored (0–100), not a fraction', () => {
    expect(formatPercent('ko', 57)).toBe('57%');
    expect(formatPercent('en', 12.5)).toBe('12.5%');
    expect(formatPercent('en', 100)).toBe('100%');
    expect(formatPercent('en', 33.333, 0)).toBe('33%');
  });
});

describe('dates', () => {
  it('shows a calendar date as that day in either language, whatever the time zone', () => {
    expect(spaces(formatDate('en', '2022-03-05'))).toBe('5 Mar 2022');
    expect(formatDate('ko', '2022-03-05')).toBe('2022. 3. 5.');
    expect(spaces(formatDate('en', '2022-12-31'))).toBe('31 Dec 2022');
  });

  it('shows a timestamp with its local time, and leaves what is not a date as it is', () => {
    const at = new Date(2022, 2, 5, 14, 7);
    expect(spaces(formatDateTime('en', at))).toBe('5 Mar 2022, 14:07');
    expect(spaces(formatDateTime('ko', at))).toBe('2022. 3. 5. 14:07');
    expect(formatDateTime('en', null)).toBe('');
    expect(formatDate('ko', '')).toBe('');
    expect(formatDate('en', 'not a date')).toBe('not a date');
  });
});

describe('the caches', () => {
  it('builds one formatter per locale and options', () => {
    expect(localeOf('ko')).toBe('ko-KR');
    expect(localeOf('en')).toBe('en-GB');
    expect(numberFormat('en', { maximumFractionDigits: 1 })).toBe(numberFormat('en', { maximumFractionDigits: 1 }));
    expect(numberFormat('en', { maximumFractionDigits: 1 })).not.toBe(numberFormat('ko', { maximumFractionDigits: 1 }));
    expect(numberFormat('en', { maximumFractionDigits: 1 })).not.toBe(numberFormat('en', { maximumFractionDigits: 2 }));
    expect(dateTimeFormat('ko', { dateStyle: 'long' })).toBe(dateTimeFormat('ko', { dateStyle: 'long' }));
  });
});

describe('plurals', () => {
  const forms = { one: '{count} body', other: '{count} bodies' };

  it('chooses by Intl.PluralRules: English one and other, Korean always other', () => {
    expect(plural('en', 1, forms)).toBe('{count} body');
    expect(plural('en', 0, forms)).toBe('{count} bodies');
    expect(plural('en', 2, forms)).toBe('{count} bodies');
    expect(plural('en', 1.5, forms)).toBe('{count} bodies');
    expect(plural('ko', 1, { one: '하나', other: '{count}개' })).toBe('{count}개');
    expect(plural('en', 1, { other: 'only other' })).toBe('only other');
  });

  it('lets t() pick the form by its count and show the count grouped', () => {
    expect(translate('en', 'standing.dash.reportedBodies', { count: 1 })).toBe('1 body reported');
    expect(translate('en', 'standing.dash.reportedBodies', { count: 2 })).toBe('2 bodies reported');
    expect(translate('en', 'standing.dash.reportedBodies', { count: 1200 })).toBe('1,200 bodies reported');
    expect(translate('ko', 'standing.dash.reportedBodies', { count: 1 })).toBe('1개 기관 보고');
    expect(translate('en', 'standing.reportedTitle', { reported: 1, count: 1 })).toBe('1 of 1 body reported');
    expect(translate('en', 'standing.reportedTitle', { reported: 1, count: 3 })).toBe('1 of 3 bodies reported');
  });

  it('counts the plan in the singular where there is one', () => {
    expect(translate('en', 'plan.count.areas', { count: 1 })).toBe('1 area');
    expect(translate('en', 'plan.count.bodies', { count: 10 })).toBe('10 bodies');
    expect(translate('en', 'plan.resultCount', { shown: 1, count: 1 })).toBe('1 of 1 action plan');
    expect(translate('en', 'standing.dash.kpiDelayedSub', { count: 1 })).toBe('of 1 entry by the bodies');
    expect(translate('ko', 'plan.count.bodies', { count: 1 })).toBe('이행 기관 1');
  });

  it('shows other numbers as given, so a year is not grouped', () => {
    expect(translate('ko', 'standing.year', { year: 2022 })).toBe('2022년');
    expect(translate('en', 'standing.mode.bodiesTitle', { year: 2022 })).toBe('Action plans × implementing bodies (2022)');
  });
});
