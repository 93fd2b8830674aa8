/**
 * Indicators and evidence, for the paths mutation testing found untested
 * (docs/mutation-testing.md): a missing action plan or a target period of
 * another plan, the definition in the history, a value set again or
 * cleared, an indicator of another action plan, evidence of another entry.
 */
import { describe, expect, it } from 'vitest';
import { addEvidence, defineIndicator, removeEvidence, setIndicatorValue, writeIndicatorValue } from '../../db/indicators';
import { getEntry, resolveKey } from '../../db/entries';
import { entryHistory } from '../../db/history';
import { loadPlanDocument } from '../../db/seed';
import { refusal } from '../support/refusal';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { EVIDENCE_MAX } from '../../contract/rules';
import { mofa, mogef, seededDb } from '../support/app';

const count = (t: ReturnType<typeof seededDb>, table: string) => t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('defining an indicator', () => {
  it('stores the definition and its targets, and logs it', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const id = defineIndicator(
      t.db,
      { actionPlanId, nameEn: 'Trainees', nameKo: '교육 인원', unit: '명', kind: 'number', baseline: 3, targets: [{ periodId: t.period[2022], target: 10 }] },
      mogef,
    );
    expect(t.db.prepare('SELECT action_plan_id, name_en, name_ko, unit, kind, baseline, created_by FROM indicator WHERE id = ?').raw().get(id)).toEqual([
      actionPlanId,
      'Trainees',
      '교육 인원',
      '명',
      'number',
      3,
      '박조정 (MOGEF)',
    ]);
    expect(t.db.prepare('SELECT period_id, target FROM indicator_target WHERE indicator_id = ?').raw().all(id)).toEqual([[t.period[2022], 10]]);
    const log = t.db.prepare("SELECT entity_id, field, before, after FROM change_log WHERE entity = 'indicator'").raw().all() as [number, string, string | null, string][];
    expect(log.map(([eid, field, before]) => [eid, field, before])).toEqual([[id, 'definition', null]]);
    expect(JSON.parse(log[0]![3])).toMatchObject({ nameEn: 'Trainees', kind: 'number', baseline: 3 });
    // Without a unit or a baseline: empty unit, no baseline.
    const bare = defineIndicator(t.db, { actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'yes_no' }, mogef);
    expect(t.db.prepare('SELECT unit, baseline FROM indicator WHERE id = ?').raw().get(bare)).toEqual(['', null]);
  });

  it('refuses a missing action plan (NOT_FOUND), a target period of another plan (BAD_REQUEST), a body (FORBIDDEN); stores nothing', () => {
    const t = seededDb();
    const doc = nap3 as PlanDocumentInput;
    const nap4 = loadPlanDocument(t.db, { ...doc, plan: { ...doc.plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } });
    const otherPeriod = t.db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? LIMIT 1').pluck().get(nap4.planId) as number;
    const before = [count(t, 'indicator'), count(t, 'indicator_target'), count(t, 'change_log')];
    let e = refusal(() => defineIndicator(t.db, { actionPlanId: 999_999, nameEn: 'n', nameKo: 'n', kind: 'number' }, mogef));
    expect([e.code, e.details]).toEqual(['NOT_FOUND', [{ path: 'actionPlanId' }]]);
    e = refusal(() =>
      defineIndicator(
        t.db,
        { actionPlanId: t.action('1.1.1'), nameEn: 'n', nameKo: 'n', kind: 'number', targets: [{ periodId: t.period[2022], target: 1 }, { periodId: otherPeriod, target: 2 }] },
        mogef,
      ),
    );
    expect([e.code, e.details, e.message]).toEqual(['BAD_REQUEST', [{ path: 'targets.1.periodId' }], 'Target 2: the period is not one of the plan\u2019s.']);
    e = refusal(() => defineIndicator(t.db, { actionPlanId: t.action('1.1.1'), nameEn: 'n', nameKo: 'n', kind: 'number' }, mofa));
    expect([e.code, e.message]).toEqual(['FORBIDDEN', 'Only MOGEF\u2019s installation can define indicators.']);
    expect([count(t, 'indicator'), count(t, 'indicator_target'), count(t, 'change_log')]).toEqual(before);
  });
});

describe('reporting a value', () => {
  it('stores it, changes it, clears it, each once in the history; setting the same value again changes nothing', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const key = { actionPlanId, bodyCode: 'MOFA', periodId: t.period[2022] };
    const id = defineIndicator(t.db, { actionPlanId, nameEn: 'Share', nameKo: '비율', kind: 'percent' }, mogef);
    const value = () => t.db.prepare('SELECT value, updated_by FROM indicator_value WHERE indicator_id = ?').raw().get(id);
    setIndicatorValue(t.db, key, id, 0, mofa);
    expect(value()).toEqual([0, '김외교 (MOFA)']);
    expect(getEntry(t.db, key, mofa).revision).toBe(1);
    setIndicatorValue(t.db, key, id, 0, mofa);
    expect(getEntry(t.db, key, mofa).revision).toBe(1);
    setIndicatorValue(t.db, key, id, 100, mofa);
    expect(value()).toEqual([100, '김외교 (MOFA)']);
    setIndicatorValue(t.db, key, id, null, mofa);
    expect(value()).toEqual([null, '김외교 (MOFA)']);
    // Clearing a value never set changes nothing either.
    setIndicatorValue(t.db, key, id, null, mofa);
    const entry = getEntry(t.db, key, mofa);
    expect(entry.revision).toBe(3);
    expect(entryHistory(t.db, entry.id!).map((h) => [h.field, h.before, h.after])).toEqual([
      [`indicator:${id}`, null, 0],
      [`indicator:${id}`, 0, 100],
      [`indicator:${id}`, 100, null],
    ]);
    expect(count(t, 'indicator_value')).toBe(1);
  });

  it('a value never set, cleared, writes nothing', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const id = defineIndicator(t.db, { actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'number' }, mogef);
    setIndicatorValue(t.db, { actionPlanId, bodyCode: 'MOFA', periodId: t.period[2022] }, id, null, mofa);
    expect([count(t, 'indicator_value'), count(t, 'progress_entry')]).toEqual([0, 0]);
  });

  it('refuses an indicator of another action plan as NOT_FOUND', () => {
    const t = seededDb();
    const other = defineIndicator(t.db, { actionPlanId: t.action('1.1.2'), nameEn: 'n', nameKo: 'n', kind: 'number' }, mogef);
    const e = refusal(() => setIndicatorValue(t.db, { actionPlanId: t.action('1.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] }, other, 1, mofa));
    expect([e.code, e.details]).toEqual(['NOT_FOUND', [{ path: 'indicatorId' }]]);
    expect(count(t, 'indicator_value')).toBe(0);
  });
});

describe('evidence', () => {
  it('is removed once, from its own entry only, and both steps are in the history', () => {
    const t = seededDb();
    const k1 = { actionPlanId: t.action('1.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const k2 = { ...k1, periodId: t.period[2023] };
    const id = addEvidence(t.db, k1, { title: '결과 보고서', docDate: '2022-12-01', reference: 'R-1' }, mofa);
    expect(t.db.prepare('SELECT title, doc_date, reference, created_by FROM evidence WHERE id = ?').raw().get(id)).toEqual(['결과 보고서', '2022-12-01', 'R-1', '김외교 (MOFA)']);
    let e = refusal(() => removeEvidence(t.db, k2, id, mofa));
    expect([e.code, e.details]).toEqual(['NOT_FOUND', [{ path: 'evidenceId' }]]);
    removeEvidence(t.db, k1, id, mofa);
    expect(t.db.prepare('SELECT removed_at IS NOT NULL FROM evidence WHERE id = ?').pluck().get(id)).toBe(1);
    e = refusal(() => removeEvidence(t.db, k1, id, mofa));
    expect(e.code).toBe('NOT_FOUND');
    const entry = getEntry(t.db, k1, mofa);
    expect(entry.evidence).toEqual([]);
    expect(entry.revision).toBe(2);
    expect(entryHistory(t.db, entry.id!).map((h) => [h.field, h.before, h.after])).toEqual([
      ['evidence', null, { title: '결과 보고서', docDate: '2022-12-01', reference: 'R-1' }],
      ['evidence', { title: '결과 보고서', docDate: '2022-12-01', reference: 'R-1' }, null],
    ]);
  });

  it('an empty reference is none', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('1.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const id = addEvidence(t.db, key, { title: '근거', docDate: null, reference: ' ' }, mofa);
    expect(t.db.prepare('SELECT doc_date, reference FROM evidence WHERE id = ?').raw().get(id)).toEqual([null, null]);
  });
});

describe('what a refused indicator or evidence says', () => {
  const BAD = 'holds a character that cannot be stored (half of a UTF-16 pair).';

  it('names the field and the problem of a name, a unit, a title, a reference, a date', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const key = { actionPlanId, bodyCode: 'MOFA', periodId: t.period[2022] };
    const base = { actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'number' as const };
    const cases: [() => unknown, string, string, string][] = [
      [() => defineIndicator(t.db, { ...base, nameEn: 'a\uD800' }, mogef), 'nameEn', 'bad_character', `The English name ${BAD}`],
      [() => defineIndicator(t.db, { ...base, nameKo: 'a\uD800' }, mogef), 'nameKo', 'bad_character', `The Korean name ${BAD}`],
      [() => defineIndicator(t.db, { ...base, unit: 'a\uD800' }, mogef), 'unit', 'bad_character', `The unit ${BAD}`],
      [() => addEvidence(t.db, key, { title: ' \u3000', docDate: null, reference: null }, mofa), 'title', 'required', 'The evidence title is empty.'],
      [() => addEvidence(t.db, key, { title: '근거', docDate: null, reference: 'a\uD800' }, mofa), 'reference', 'bad_character', `The evidence reference ${BAD}`],
      [() => addEvidence(t.db, key, { title: '근거', docDate: '2022-02-30', reference: null }, mofa), 'docDate', 'date', 'A date is YYYY-MM-DD and exists in the calendar.'],
    ];
    for (const [f, path, hint, message] of cases) {
      const e = refusal(f);
      expect([e.code, e.details, e.message], path).toEqual(['BAD_REQUEST', [{ path, hint }], message]);
    }
    expect(count(t, 'indicator') + count(t, 'evidence')).toBe(0);
  });

  it('says which target repeats a period, and what is not found', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const p = t.period[2022];
    let e = refusal(() =>
      defineIndicator(t.db, { actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'number', targets: [{ periodId: p, target: 1 }, { periodId: t.period[2023], target: 1 }, { periodId: p, target: 2 }] }, mogef),
    );
    expect([e.message, e.details]).toEqual(['Target 3: that period has a target already.', [{ path: 'targets.2.periodId', hint: 'duplicate' }]]);
    e = refusal(() => defineIndicator(t.db, { actionPlanId: 999_999, nameEn: 'n', nameKo: 'n', kind: 'number' }, mogef));
    expect(e.message).toBe('No such action plan.');
    const key = { actionPlanId, bodyCode: 'MOFA', periodId: p };
    e = refusal(() => setIndicatorValue(t.db, key, 999_999, 1, mofa));
    expect(e.message).toBe('That indicator does not belong to this action plan.');
    e = refusal(() => removeEvidence(t.db, key, 999_999, mofa));
    expect(e.message).toBe('That evidence is not part of this entry.');
  });

  it('a full entry says so, on the title', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('1.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    for (let i = 0; i < EVIDENCE_MAX; i++) addEvidence(t.db, key, { title: `근거 ${i}`, docDate: null, reference: null }, mofa);
    const e = refusal(() => addEvidence(t.db, key, { title: '하나 더', docDate: null, reference: null }, mofa));
    expect([e.code, e.details]).toEqual(['CONFLICT', [{ path: 'title', hint: 'evidence_max' }]]);
  });
});

describe('the importer\u2019s write of an indicator value (a survivor of the 05:18 Stryker run)', () => {
  it('answers whether it changed the value: a new value and a change yes, the same value or none no', () => {
    const t = seededDb();
    const actionPlanId = t.action('3.1.1');
    const indicatorId = defineIndicator(t.db, { actionPlanId, nameEn: 'Trainees', nameKo: '교육 인원', kind: 'number' }, mogef);
    const k = resolveKey(t.db, { actionPlanId, bodyCode: 'MOFA', periodId: t.period[2022] });
    const at = '2026-01-02T03:04:05.000Z';
    const log = () => t.db.prepare("SELECT count(*) FROM change_log WHERE entity = 'entry'").pluck().get();
    expect(writeIndicatorValue(t.db, k, indicatorId, null, mofa, 'a', at)).toBe(false);
    expect(writeIndicatorValue(t.db, k, indicatorId, 12, mofa, 'a', at)).toBe(true);
    expect(writeIndicatorValue(t.db, k, indicatorId, 12, mofa, 'a', at)).toBe(false);
    expect(writeIndicatorValue(t.db, k, indicatorId, 13, mofa, 'a', at)).toBe(true);
    expect(writeIndicatorValue(t.db, k, indicatorId, null, mofa, 'a', at)).toBe(true);
    expect(log()).toBe(3);
  });
});
