/**
 * The shared rules (contract/rules.ts) at their edges, as mutation testing
 * asks (docs/mutation-testing.md): each word of yes/no, each bound of a
 * budget, a count, a date, where a symbol may stand in a typed number, and
 * the names completeness gives.
 */
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  completenessOf,
  groupDigits,
  indicatorValueProblem,
  isBehindTarget,
  isComplete,
  isCompletionLevel,
  isIsoDate,
  isWon,
  parseIndicatorValue,
  parseWon,
  parseYesNo,
  WON_MAX,
} from '../../contract/rules';

describe('levels', () => {
  it('knows the completion levels and nothing else', () => {
    for (const level of ['not_started', 'limited', 'substantial', 'completed', 'no_evidence']) expect(isCompletionLevel(level), level).toBe(true);
    for (const other of ['done', '', 3, null, undefined, ['limited']]) expect(isCompletionLevel(other), String(other)).toBe(false);
  });
});

describe('a text as stored', () => {
  it('is null when absent', () => {
    expect(cleanText(null)).toBeNull();
    expect(cleanText(undefined)).toBeNull();
  });

  it('keeps letters and digits at its ends: only white space is trimmed', () => {
    expect(cleanText('Stryker was here 0123456789 abcdefghijklmnopqrstuvwxyz')).toBe('Stryker was here 0123456789 abcdefghijklmnopqrstuvwxyz');
    expect(cleanText('\u00a0a\u3000')).toBe('a');
  });
});

describe('a budget in won', () => {
  it('takes the won sign only in front and 원 only at the end', () => {
    expect(parseWon('₩ 1,000')).toEqual({ ok: true, value: 1000 });
    expect(parseWon('1,000 원')).toEqual({ ok: true, value: 1000 });
    expect(parseWon('1₩000')).toEqual({ ok: false, problem: 'budget_format' });
    expect(parseWon('1원000')).toEqual({ ok: false, problem: 'budget_format' });
  });

  it('takes separators only between whole groups of three digits', () => {
    expect(parseWon('1,234,567')).toEqual({ ok: true, value: 1234567 });
    expect(parseWon('1 234 567')).toEqual({ ok: true, value: 1234567 });
    expect(parseWon('1,2345')).toEqual({ ok: false, problem: 'budget_format' });
    expect(parseWon('1,234,56')).toEqual({ ok: false, problem: 'budget_format' });
  });

  it('holds a thousand trillion, and not one won more', () => {
    expect(parseWon('1,000,000,000,000,000')).toEqual({ ok: true, value: WON_MAX });
    expect(parseWon('1,000,000,000,000,001')).toEqual({ ok: false, problem: 'budget_too_large' });
    expect(parseWon('99999999999999999999')).toEqual({ ok: false, problem: 'budget_too_large' });
  });

  it('is valid as stored when a whole number from 0 to a thousand trillion', () => {
    for (const ok of [0, 1, WON_MAX]) expect(isWon(ok), String(ok)).toBe(true);
    for (const bad of [-1, WON_MAX + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(isWon(bad), String(bad)).toBe(false);
  });
});

describe('an indicator value', () => {
  it('is behind its target only when both are known', () => {
    expect(isBehindTarget('number', 5, null)).toBe(false);
    expect(isBehindTarget('number', null, -1)).toBe(false);
    expect(isBehindTarget('number', 5, 4)).toBe(true);
    expect(isBehindTarget('number', 5, 5)).toBe(false);
  });

  it('as a count, is a whole number from 0 to a trillion', () => {
    expect(indicatorValueProblem('number', 0)).toBeNull();
    expect(indicatorValueProblem('number', 1e12)).toBeNull();
    expect(indicatorValueProblem('number', 1e12 + 1)).toBe('count_format');
    expect(indicatorValueProblem('number', -1)).toBe('count_format');
    expect(indicatorValueProblem('number', 2.5)).toBe('count_format');
  });

  it('reads every word of yes and no, in Korean and English', () => {
    for (const yes of ['yes', 'y', '예', '네', 'o', 'true', '1', 'YES', ' Y ']) expect(parseYesNo(yes), yes).toBe(true);
    for (const no of ['no', 'n', '아니오', '아니요', 'x', 'false', '0', 'No']) expect(parseYesNo(no), no).toBe(false);
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo('maybe')).toBeUndefined();
    expect(parseIndicatorValue('yes_no', '네')).toEqual({ ok: true, value: 1 });
    expect(parseIndicatorValue('yes_no', '아니요')).toEqual({ ok: true, value: 0 });
    expect(parseIndicatorValue('yes_no', 'maybe')).toEqual({ ok: false, problem: 'yes_no_format' });
  });

  it('takes the percent sign only at the end of a percentage', () => {
    expect(parseIndicatorValue('percent', '12.5 %')).toEqual({ ok: true, value: 12.5 });
    expect(parseIndicatorValue('percent', '1%2')).toEqual({ ok: false, problem: 'number_format' });
    expect(parseIndicatorValue('number', '12%')).toEqual({ ok: false, problem: 'number_format' });
  });

  it('takes decimals of any length, with or without a leading zero, and nothing JavaScript would read besides', () => {
    expect(parseIndicatorValue('percent', '12.55')).toEqual({ ok: true, value: 12.55 });
    expect(parseIndicatorValue('percent', '.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseIndicatorValue('percent', '.55')).toEqual({ ok: true, value: 0.55 });
    for (const text of ['+.5', '.5e1', '.5x', '1.2.5', '0x10', '1e2']) {
      expect(parseIndicatorValue('percent', text), text).toEqual({ ok: false, problem: 'number_format' });
    }
  });
});

describe('a date', () => {
  it('is a day from 1900-01-01 to 2200-12-31 that exists', () => {
    for (const ok of ['1900-01-01', '2200-12-31', '2022-01-01', '2022-12-31', '2024-02-29', '2000-02-29']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['1899-12-31', '2201-01-01', '2022-00-10', '2022-13-01', '2022-01-00', '2022-02-29', '1900-02-29', '2022-1-01']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });
});

describe('completeness', () => {
  const empty = { completion: null, delayed: null, delayReason: null, achievements: null, nextSteps: null };

  it('names every required field still empty', () => {
    const c = completenessOf({ ...empty, delayed: true }, [{ indicatorId: 4, value: null }]);
    expect(c).toEqual({ filled: 1, required: 6, missing: ['completion', 'achievements', 'nextSteps', 'delayReason', 'indicator:4'] });
    expect(isComplete(c)).toBe(false);
  });

  it('is complete when nothing is missing', () => {
    const c = completenessOf({ completion: 'limited', delayed: false, delayReason: null, achievements: '실적', nextSteps: '계획' }, [{ indicatorId: 4, value: 0 }]);
    expect(c).toEqual({ filled: 5, required: 5, missing: [] });
    expect(isComplete(c)).toBe(true);
  });
});

describe('a number for editing', () => {
  it('groups thousands, keeps the sign and the fraction', () => {
    expect(groupDigits(-1234567.5)).toBe('-1,234,567.5');
    expect(groupDigits(1234)).toBe('1,234');
    expect(groupDigits(0)).toBe('0');
  });
});
