/** Indicators and evidence as the db functions write them: the shared rules of kinds, dates, text and the evidence limit. */
import { describe, expect, it } from 'vitest';
import { addEvidence, defineIndicator, removeEvidence, setIndicatorValue } from '../../db/indicators';
import { getEntry } from '../../db/entries';
import { entryHistory } from '../../db/history';
import { EVIDENCE_MAX } from '../../contract/rules';
import { mofa, mogef, seededDb } from '../support/app';

function count(t: ReturnType<typeof seededDb>, table: string): number {
  return t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('indicator definitions', () => {
  it('refuses a baseline or a target that does not fit the kind, with its path, and stores nothing', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const periodId = t.period[2022];
    const base = { actionPlanId, nameEn: 'Share', nameKo: '비율' };
    const cases: [object, string, string][] = [
      [{ kind: 'percent', baseline: 500 }, 'baseline', 'percent_range'],
      [{ kind: 'percent', baseline: -0.5 }, 'baseline', 'percent_range'],
      [{ kind: 'yes_no', baseline: -7 }, 'baseline', 'yes_no_format'],
      [{ kind: 'number', baseline: 3.5 }, 'baseline', 'count_format'],
      [{ kind: 'number', baseline: -1 }, 'baseline', 'count_format'],
      [{ kind: 'number', targets: [{ periodId, target: 3.5 }] }, 'targets.0.target', 'count_format'],
      [{ kind: 'percent', targets: [{ periodId, target: 50 }, { periodId: t.period[2023], target: 101 }] }, 'targets.1.target', 'percent_range'],
      [{ kind: 'yes_no', targets: [{ periodId, target: 2 }] }, 'targets.0.target', 'yes_no_format'],
      // Found by tests/main/fuzz.test.ts: two targets for one period failed as INTERNAL (a UNIQUE constraint).
      [{ kind: 'number', targets: [{ periodId, target: 1 }, { periodId, target: 2 }] }, 'targets.1.periodId', 'duplicate'],
    ];
    for (const [def, path, hint] of cases) {
      expect(() => defineIndicator(t.db, { ...base, ...def } as never, mogef), JSON.stringify(def)).toThrow(
        expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path, hint }] }),
      );
    }
    expect(count(t, 'indicator')).toBe(0);
    expect(count(t, 'indicator_target')).toBe(0);
    // The edges are values.
    for (const [kind, v] of [['percent', 0], ['percent', 100], ['yes_no', 0], ['yes_no', 1], ['number', 0]] as const) {
      defineIndicator(t.db, { ...base, kind, baseline: v, targets: [{ periodId, target: v }] }, mogef);
    }
    expect(count(t, 'indicator')).toBe(5);
  });

  it('stores names and unit cleaned (NFC, trimmed)', () => {
    const t = seededDb();
    const id = defineIndicator(t.db, { actionPlanId: t.action('1.1.1'), nameEn: ' Trainees\u00a0', nameKo: '\u3000\u1112\u1161\u11ab국 교육 인원', unit: ' 명 ', kind: 'number' }, mogef);
    expect(t.db.prepare('SELECT name_en, name_ko, unit FROM indicator WHERE id = ?').raw().get(id)).toEqual(['Trainees', '한국 교육 인원', '명']);
  });
});

describe('reported indicator values', () => {
  it('refuses a value that does not fit the kind, and keeps what was there', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const key = { actionPlanId, bodyCode: 'MOFA', periodId: t.period[2022] };
    const count_ = defineIndicator(t.db, { actionPlanId, nameEn: 'Trainees', nameKo: '교육 인원', kind: 'number' }, mogef);
    const share = defineIndicator(t.db, { actionPlanId, nameEn: 'Share', nameKo: '비율', kind: 'percent' }, mogef);
    const done = defineIndicator(t.db, { actionPlanId, nameEn: 'Done', nameKo: '여부', kind: 'yes_no' }, mogef);
    setIndicatorValue(t.db, key, count_, 12, mofa);
    for (const [id, v, hint] of [[count_, 3.5, 'count_format'], [count_, -1, 'count_format'], [share, 100.5, 'percent_range'], [share, -1, 'percent_range'], [done, 2, 'yes_no_format'], [count_, Number.NaN, 'number_format']] as const) {
      expect(() => setIndicatorValue(t.db, key, id, v, mofa), `${id}=${v}`).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path: 'value', hint }] }));
    }
    setIndicatorValue(t.db, key, share, 0, mofa);
    setIndicatorValue(t.db, key, done, 1, mofa);
    // An update of a kept value (no replace: migration 0030), with what was there before in the history.
    setIndicatorValue(t.db, key, count_, 13, mofa);
    setIndicatorValue(t.db, key, count_, null, mofa);
    const entry = getEntry(t.db, key, mofa);
    expect(entry.indicators.map((i) => i.value)).toEqual([null, 0, 1]);
    expect(entryHistory(t.db, entry.id!).filter((h) => h.field === `indicator:${count_}`).map((h) => [h.before, h.after])).toEqual([
      [null, 12],
      [12, 13],
      [13, null],
    ]);
  });
});

describe('evidence', () => {
  it('refuses a date that is not in the calendar and stores the title and reference cleaned', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('1.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    for (const docDate of ['2022-13-45', '2022-02-30', '2022-2-3', '20221201', '']) {
      expect(() => addEvidence(t.db, key, { title: '보고서', docDate, reference: null }, mofa), docDate).toThrow(
        expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path: 'docDate', hint: 'date' }] }),
      );
    }
    expect(() => addEvidence(t.db, key, { title: ' \u3000', docDate: null, reference: null }, mofa)).toThrow(expect.objectContaining({ details: [{ path: 'title', hint: 'required' }] }));
    expect(() => addEvidence(t.db, key, { title: 'x'.repeat(501), docDate: null, reference: null }, mofa)).toThrow(expect.objectContaining({ details: [{ path: 'title', hint: 'too_long' }] }));
    expect(count(t, 'evidence')).toBe(0);
    addEvidence(t.db, key, { title: ' 결과 보고서\u3000', docDate: '2024-02-29', reference: '  ' }, mofa);
    expect(getEntry(t.db, key, mofa).evidence).toMatchObject([{ title: '결과 보고서', docDate: '2024-02-29', reference: null }]);
  });

  it(`holds at most ${EVIDENCE_MAX} items per entry; a removed item frees its place`, () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('1.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    let first = 0;
    for (let i = 0; i < EVIDENCE_MAX; i++) {
      const id = addEvidence(t.db, key, { title: `문서 ${i}`, docDate: null, reference: null }, mofa);
      if (i === 0) first = id;
    }
    const log = count(t, 'change_log');
    expect(() => addEvidence(t.db, key, { title: '하나 더', docDate: null, reference: null }, mofa)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining(`at most ${EVIDENCE_MAX}`) }),
    );
    expect(count(t, 'evidence')).toBe(EVIDENCE_MAX);
    expect(count(t, 'change_log')).toBe(log);
    removeEvidence(t.db, key, first, mofa);
    addEvidence(t.db, key, { title: '하나 더', docDate: null, reference: null }, mofa);
    expect(getEntry(t.db, key, mofa).evidence).toHaveLength(EVIDENCE_MAX);
  });
});
