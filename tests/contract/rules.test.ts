/**
 * The shared rules (contract/rules.ts), and the places SQL repeats one of
 * them, held equal on generated data: the completeness the dashboard counts
 * with the report's, the levels the CHECK constraints and triggers know with
 * the list and ranks in code.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COMPLETION_LEVELS,
  LEVEL_LABELS,
  SCALE,
  cleanText,
  completenessOf,
  deriveLevel,
  groupDigits,
  hasLoneSurrogate,
  indicatorDraft,
  indicatorValueProblem,
  isFilled,
  isIsoDate,
  parseIndicatorValue,
  parseWon,
  parseYesNo,
  rankOf,
  textProblem,
  WHITE_SPACE_CODE_POINTS,
} from '../../contract/rules';
import { getBodyReport } from '../../db/reports';
import { dashboard } from '../../db/matrix';
import { saveEntry } from '../../db/entries';
import { mofa, seededDb } from '../support/app';

/** White space a Korean keyboard and pasted documents produce. */
const SPACES = [' ', '\u3000', '\u00a0', '\n', '\r\n', '\t', '\u200b', '\ufeff'];

describe('text', () => {
  it('is stored NFC, trimmed of Unicode white space at both ends; white space alone is empty', () => {
    for (const s of SPACES) {
      expect(cleanText(s)).toBeNull();
      expect(cleanText(`${s}성과${s}`)).toBe('성과');
      expect(isFilled(s.repeat(3))).toBe(false);
    }
    expect(cleanText('첫 줄\n둘째 줄')).toBe('첫 줄\n둘째 줄');
    // 한 typed as decomposed jamo is the same text as the composed syllable.
    expect(cleanText('\u1112\u1161\u11ab')).toBe('\ud55c');
    expect(cleanText(null)).toBeNull();
    expect(cleanText('')).toBeNull();
  });

  it('knows white space as JavaScript does, plus the zero-width space (the list SQL takes)', () => {
    const listed = new Set(WHITE_SPACE_CODE_POINTS);
    for (let c = 0; c < 0x10000; c++) {
      const space = /\s/.test(String.fromCharCode(c)) || c === 0x200b;
      expect(listed.has(c), `U+${c.toString(16)}`).toBe(space);
      if (space) expect(cleanText(`${String.fromCharCode(c)}x${String.fromCharCode(c)}`)).toBe('x');
    }
  });

  it('refuses half of a UTF-16 pair, keeps whole pairs', () => {
    expect(hasLoneSurrogate('a\ud800b')).toBe(true);
    expect(hasLoneSurrogate('a\udc00')).toBe(true);
    expect(hasLoneSurrogate('\udc00\ud800')).toBe(true);
    expect(hasLoneSurrogate('😀 성과')).toBe(false);
    expect(textProblem('a\ud800', 10)).toBe('bad_character');
    expect(textProblem('  ', 10, true)).toBe('required');
    expect(textProblem('  ', 10)).toBeNull();
    expect(textProblem(`${'가'.repeat(10)}  `, 10)).toBeNull();
    expect(textProblem('가'.repeat(11), 10)).toBe('too_long');
  });
});

describe('won amounts', () => {
  it('read what people type, exactly', () => {
    expect(parseWon('')).toEqual({ ok: true, value: null });
    expect(parseWon('\u3000')).toEqual({ ok: true, value: null });
    expect(parseWon('1,234,000')).toEqual({ ok: true, value: 1_234_000 });
    expect(parseWon('1234000')).toEqual({ ok: true, value: 1_234_000 });
    expect(parseWon('₩1,234,000')).toEqual({ ok: true, value: 1_234_000 });
    expect(parseWon('1,234,000원')).toEqual({ ok: true, value: 1_234_000 });
    expect(parseWon('１，２３４')).toEqual({ ok: true, value: 1_234 });
    expect(parseWon('0')).toEqual({ ok: true, value: 0 });
  });

  it('refuse what cannot be read exactly', () => {
    for (const bad of ['1억 2천만원', '12a', '1.5', '-1', '1,23', '12,34,567', ',', '1e6']) {
      expect(parseWon(bad), bad).toMatchObject({ ok: false, problem: 'budget_format' });
    }
    expect(parseWon('9'.repeat(17))).toMatchObject({ ok: false, problem: 'budget_too_large' });
  });

  it('round-trip through their editable form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), (n) => {
        expect(parseWon(groupDigits(n))).toEqual({ ok: true, value: n });
      }),
      { seed: 1325 },
    );
  });
});

describe('indicator values', () => {
  it('fit their kind: a count is whole and not negative, a percentage 0–100, yes/no 1 or 0', () => {
    expect(indicatorValueProblem('number', 3)).toBeNull();
    expect(indicatorValueProblem('number', 0)).toBeNull();
    expect(indicatorValueProblem('number', -1)).toBe('count_format');
    expect(indicatorValueProblem('number', 3.5)).toBe('count_format');
    expect(indicatorValueProblem('percent', 0)).toBeNull();
    expect(indicatorValueProblem('percent', 100)).toBeNull();
    expect(indicatorValueProblem('percent', 12.5)).toBeNull();
    expect(indicatorValueProblem('percent', -0.1)).toBe('percent_range');
    expect(indicatorValueProblem('percent', 100.01)).toBe('percent_range');
    expect(indicatorValueProblem('percent', 500)).toBe('percent_range');
    expect(indicatorValueProblem('yes_no', 1)).toBeNull();
    expect(indicatorValueProblem('yes_no', 0)).toBeNull();
    expect(indicatorValueProblem('yes_no', -7)).toBe('yes_no_format');
    expect(indicatorValueProblem('number', Number.NaN)).toBe('number_format');
    expect(indicatorValueProblem('percent', Number.POSITIVE_INFINITY)).toBe('number_format');
  });

  it('read as typed, with the separators budgets take', () => {
    expect(parseIndicatorValue('number', '1,000')).toEqual({ ok: true, value: 1000 });
    expect(parseIndicatorValue('number', '１２')).toEqual({ ok: true, value: 12 });
    expect(parseIndicatorValue('number', ' ')).toEqual({ ok: true, value: null });
    expect(parseIndicatorValue('number', '3.5')).toMatchObject({ ok: false, problem: 'count_format' });
    expect(parseIndicatorValue('number', '-1')).toMatchObject({ ok: false, problem: 'count_format' });
    expect(parseIndicatorValue('number', '1,00')).toMatchObject({ ok: false, problem: 'number_format' });
    expect(parseIndicatorValue('percent', '12.5%')).toEqual({ ok: true, value: 12.5 });
    expect(parseIndicatorValue('percent', '100')).toEqual({ ok: true, value: 100 });
    expect(parseIndicatorValue('percent', '0')).toEqual({ ok: true, value: 0 });
    expect(parseIndicatorValue('percent', '101')).toMatchObject({ ok: false, problem: 'percent_range' });
    expect(parseIndicatorValue('yes_no', '예')).toEqual({ ok: true, value: 1 });
    expect(parseIndicatorValue('yes_no', 'No')).toEqual({ ok: true, value: 0 });
    expect(parseIndicatorValue('yes_no', 'maybe')).toMatchObject({ ok: false, problem: 'yes_no_format' });
    expect(parseYesNo(' YES ')).toBe(true);
    expect(parseYesNo('아니오')).toBe(false);
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo('?')).toBeUndefined();
  });

  it('keep their commas in the form as budgets do, and round-trip', () => {
    expect(indicatorDraft('number', 1000)).toBe('1,000');
    expect(indicatorDraft('percent', 12.5)).toBe('12.5');
    expect(indicatorDraft('yes_no', 1)).toBe('yes');
    expect(indicatorDraft('yes_no', 0)).toBe('no');
    expect(indicatorDraft('number', null)).toBe('');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(parseIndicatorValue('number', indicatorDraft('number', n))).toEqual({ ok: true, value: n });
      }),
      { seed: 1325 },
    );
  });
});

describe('dates', () => {
  it('exist in the calendar', () => {
    expect(isIsoDate('2022-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2022-02-29')).toBe(false);
    expect(isIsoDate('2022-02-30')).toBe(false);
    expect(isIsoDate('2022-13-45')).toBe(false);
    expect(isIsoDate('2022-04-31')).toBe(false);
    expect(isIsoDate('2022-00-10')).toBe(false);
    expect(isIsoDate('2022-1-1')).toBe(false);
    expect(isIsoDate('2022-12-31')).toBe(true);
  });
});

describe('levels', () => {
  it('rank on the scale; no evidence is outside it; every level has a name in both languages', () => {
    expect(SCALE.map((l) => rankOf(l))).toEqual([0, 1, 2, 3]);
    expect(rankOf('no_evidence')).toBeNull();
    for (const l of COMPLETION_LEVELS) {
      expect(LEVEL_LABELS.ko[l]).toBeTruthy();
      expect(LEVEL_LABELS.en[l]).toBeTruthy();
    }
    expect(deriveLevel(['completed', 'limited', 'no_evidence'])).toBe('limited');
    expect(deriveLevel(['no_evidence', null])).toBe('no_evidence');
    expect(deriveLevel([null, undefined])).toBeNull();
  });

  it('are the ones the database accepts, ranked as its triggers rank them', () => {
    const t = seededDb();
    const periodId = t.period[2022];
    const { a, b } = t.db
      .prepare('SELECT action_plan_id AS a, body_id AS b FROM action_plan_body ORDER BY action_plan_id LIMIT 1')
      .get() as { a: number; b: number };
    const write = t.db.prepare(
      `INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion) VALUES (?, ?, ?, ?)
       ON CONFLICT (action_plan_id, body_id, period_id) DO UPDATE SET completion = excluded.completion`,
    );
    for (const level of COMPLETION_LEVELS) {
      write.run(a, b, periodId, level);
      const row = t.db.prepare('SELECT lowest_rank, no_evidence FROM action_plan_level WHERE action_plan_id = ? AND period_id = ?').get(a, periodId) as {
        lowest_rank: number | null;
        no_evidence: number;
      };
      expect(row.lowest_rank).toBe(rankOf(level));
      expect(row.no_evidence).toBe(level === 'no_evidence' ? 1 : 0);
    }
    expect(() => write.run(a, b, periodId, 'done')).toThrow(/CHECK/);
  });
});

describe('completeness', () => {
  it('names what is missing; white space is not an answer', () => {
    const full = { completion: 'limited' as const, delayed: false, delayReason: null, achievements: '성과', nextSteps: '계획' };
    expect(completenessOf(full, [])).toEqual({ filled: 4, required: 4, missing: [] });
    expect(completenessOf({ ...full, achievements: '\u3000' }, []).missing).toEqual(['achievements']);
    expect(completenessOf({ ...full, delayed: true, delayReason: '\n' }, []).missing).toEqual(['delayReason']);
    expect(completenessOf({ ...full, delayed: null }, []).missing).toEqual(['delayed']);
    expect(completenessOf(full, [{ indicatorId: 7, value: null }, { indicatorId: 8, value: 0 }])).toEqual({
      filled: 5,
      required: 6,
      missing: ['indicator:7'],
    });
  });

  it('is counted the same by the dashboard (SQL) and the report (code), on generated data with every kind of white space', () => {
    const t = seededDb();
    const periodId = t.period[2022];
    const texts = ['', '성과', ...SPACES, ...SPACES.map((s) => `${s}내용${s}`)];
    const rows = t.db
      .prepare(
        `SELECT apb.action_plan_id AS a, b.id AS body, b.code FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id`,
      )
      .all() as { a: number; body: number; code: string }[];
    // Half the entries through the write path (normalised), half straight into the table as an older
    // version or an import might have left them (not normalised).
    const raw = t.db.prepare(
      `INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, delayed, delay_reason, achievements, next_steps)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    rows.forEach((r, i) => {
      const completion = next() < 0.9 ? pick(COMPLETION_LEVELS) : null;
      const delayed = pick([true, false, null]);
      const fields = { delayReason: pick(texts), achievements: pick(texts), nextSteps: pick(texts) };
      if (i % 2 === 0 && r.code === 'MOFA') {
        saveEntry(t.db, { actionPlanId: r.a, bodyCode: r.code, periodId }, 0, { completion, delayed, ...fields }, mofa, 'x');
      } else {
        raw.run(r.a, r.body, periodId, completion, delayed === null ? null : delayed ? 1 : 0, fields.delayReason, fields.achievements, fields.nextSteps);
      }
    });
    const d = dashboard(t.db, periodId);
    let completeSomewhere = 0;
    for (const s of d.submissions) {
      const report = getBodyReport(t.db, s.bodyCode, periodId);
      const complete = report.items.filter((i) => i.completeness.missing.length === 0).length;
      completeSomewhere += complete;
      expect(s.filled, s.bodyCode).toBe(complete);
    }
    expect(completeSomewhere).toBeGreaterThan(3);
  });
});
