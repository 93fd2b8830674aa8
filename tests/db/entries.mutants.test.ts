/**
 * Entries as a body and MOGEF meet them, for the cases mutation testing
 * found untested (docs/mutation-testing.md): which key is wrong, the
 * delayed flag's three values, every field stored and read back, a refusal
 * saying why, last year's entry, indicator values of one body only.
 */
import { describe, expect, it } from 'vitest';
import { entryValues, getEntry, previousEntry, reportState, resolveKey, saveEntry, writeEntryFields } from '../../db/entries';
import { loadPlanDocument } from '../../db/seed';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { entryHistory } from '../../db/history';
import { addEvidence, defineIndicator, removeEvidence, setIndicatorValue } from '../../db/indicators';
import { setPeriodLocked, submitReport, transitionReport } from '../../db/reports';
import { addEntryComment } from '../../db/review';
import { refusal } from '../support/refusal';
import { mnd, mofa, mogef, seededDb } from '../support/app';

describe('the key of an entry', () => {
  it('says which part is unknown or does not belong', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    for (const wrong of [{ ...key, actionPlanId: 9999 }, { ...key, bodyCode: 'NOPE' }, { ...key, periodId: 9999 }]) {
      const e = refusal(() => getEntry(t.db, wrong, mofa));
      expect([e.code, e.details]).toEqual(['NOT_FOUND', [{ path: 'key' }]]);
    }
    // MND does not carry 3.1.1.
    const carriers = t.db
      .prepare('SELECT b.code FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id WHERE apb.action_plan_id = ?')
      .pluck()
      .all(key.actionPlanId) as string[];
    const stranger = ['MND', 'MOU', 'KNPA', 'NUAC'].find((c) => !carriers.includes(c))!;
    const e = refusal(() => getEntry(t.db, { ...key, bodyCode: stranger }, mnd));
    expect([e.code, e.details, e.message]).toEqual(['BAD_REQUEST', [{ path: 'key.bodyCode' }], `${stranger} does not carry this action plan.`]);
  });

  it('answers the entry for the key asked, with the key as stored', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2023] };
    expect(getEntry(t.db, key, mofa).key).toEqual(key);
  });
});

describe('the fields of an entry', () => {
  it('stores and reads back every field, budgets included', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const patch = {
      completion: 'limited' as const,
      delayed: true,
      delayReason: '예산 지연',
      achievements: '실적',
      nextSteps: '계획',
      difficulties: '인력 부족',
      budgetAllocated: 1_000_000,
      budgetExecuted: 250_000,
    };
    const saved = saveEntry(t.db, key, 0, patch, mofa, '김외교 (MOFA)');
    expect(saved).toMatchObject({ ...patch, revision: 1, updatedBy: '김외교 (MOFA)' });
    expect(saved.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(getEntry(t.db, key, mofa)).toMatchObject(patch);
    expect(saved.completeness).toEqual({ filled: 5, required: 5, missing: [] });
    // One revision per save, however many fields changed.
    expect(saveEntry(t.db, key, 1, { budgetExecuted: 300_000, difficulties: null }, mofa, 'x').revision).toBe(2);
  });

  it('keeps the delayed flag as yes, no or not said, and clearing it to unknown is a change', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const stored = () => t.db.prepare('SELECT delayed FROM progress_entry WHERE action_plan_id = ? AND period_id = ?').pluck().get(key.actionPlanId, key.periodId);
    let e = saveEntry(t.db, key, 0, { delayed: true }, mofa, 'a');
    expect([e.delayed, stored()]).toEqual([true, 1]);
    expect(e.completeness.missing).toContain('delayReason');
    e = saveEntry(t.db, key, e.revision, { delayed: false }, mofa, 'a');
    expect([e.delayed, stored()]).toEqual([false, 0]);
    expect(e.completeness.missing).not.toContain('delayReason');
    expect(e.completeness.missing).not.toContain('delayed');
    e = saveEntry(t.db, key, e.revision, { delayed: null }, mofa, 'a');
    expect([e.delayed, stored(), e.revision]).toEqual([null, null, 3]);
    expect(e.completeness.missing).toContain('delayed');
    expect(entryHistory(t.db, e.id!).map((h) => [h.field, h.before, h.after])).toEqual([
      ['delayed', null, true],
      ['delayed', true, false],
      ['delayed', false, null],
    ]);
  });

  it('a patch that changes nothing writes nothing, even on a new entry', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const e = saveEntry(t.db, key, 0, { achievements: null, delayed: null }, mofa, 'a');
    expect([e.id, e.revision]).toEqual([null, 0]);
    expect(t.db.prepare('SELECT count(*) FROM progress_entry').pluck().get()).toBe(0);
  });

  it('a stale save says the revision the entry is at', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    saveEntry(t.db, key, 0, { achievements: 'a' }, mofa, 'a');
    saveEntry(t.db, key, 1, { achievements: 'b' }, mofa, 'a');
    const e = refusal(() => saveEntry(t.db, key, 1, { achievements: 'c' }, mofa, 'a'));
    expect([e.code, e.details]).toEqual(['CONFLICT', [{ path: 'baseRevision', hint: '2' }]]);
    // An empty patch against a stale revision is a conflict too (nothing to recognise as a retry).
    expect(refusal(() => saveEntry(t.db, key, 0, {}, mofa, 'a')).code).toBe('CONFLICT');
  });
});

describe('an entry that cannot be changed', () => {
  it('says why in its message and hint, and the entry says it is read-only and why', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const cases: [() => unknown, string, RegExp][] = [
      [() => saveEntry(t.db, key, 0, { achievements: 'x' }, mogef, 'c'), 'coordinator', /MOGEF.s installation does not change/],
      [() => saveEntry(t.db, key, 0, { achievements: 'x' }, mnd, 'c'), 'other_body', /reports for MND, not MOFA/],
    ];
    for (const [f, hint, message] of cases) {
      const e = refusal(f);
      expect([e.code, e.details]).toEqual(['FORBIDDEN', [{ path: 'key', hint }]]);
      expect(e.message).toMatch(message);
    }
    expect(getEntry(t.db, key, mnd)).toMatchObject({ editable: false, readOnlyReason: 'other_body' });
    expect(getEntry(t.db, key, mogef)).toMatchObject({ editable: false, readOnlyReason: 'coordinator' });
    expect(getEntry(t.db, key, mofa)).toMatchObject({ editable: true, readOnlyReason: null });

    setPeriodLocked(t.db, t.period[2022], true, mogef);
    let e = refusal(() => saveEntry(t.db, key, 0, { achievements: 'x' }, mofa, 'a'));
    expect([e.details, e.message]).toEqual([[{ path: 'key', hint: 'locked' }], 'This entry cannot be changed: MOGEF has locked this reporting period.']);
    expect(getEntry(t.db, key, mofa)).toMatchObject({ editable: false, readOnlyReason: 'locked' });
    setPeriodLocked(t.db, t.period[2022], false, mogef);

    // Submitted, then accepted: read-only for the body, each saying so.
    t.db.prepare("INSERT INTO report (body_id, period_id, status, updated_by, updated_at) SELECT id, ?, 'submitted', 'x', 'x' FROM implementing_body WHERE code = 'MOFA'").run(t.period[2022]);
    e = refusal(() => addEvidence(t.db, key, { title: '근거', docDate: null, reference: null }, mofa));
    expect([e.details, e.message]).toEqual([
      [{ path: 'key', hint: 'submitted' }],
      'This entry cannot be changed: the report is submitted; it can be changed again if MOGEF returns it.',
    ]);
    transitionReport(t.db, 'accept', 'MOFA', t.period[2022], mogef);
    e = refusal(() => addEvidence(t.db, key, { title: '근거', docDate: null, reference: null }, mofa));
    expect([e.details, e.message]).toEqual([[{ path: 'key', hint: 'accepted' }], 'This entry cannot be changed: MOGEF has accepted the report.']);
    expect(getEntry(t.db, key, mofa)).toMatchObject({ editable: false, readOnlyReason: 'accepted' });
  });

  it('the coordinator reports for the lead body: MOGEF\u2019s entries are editable from the coordinator installation', () => {
    const t = seededDb();
    const own = t.db
      .prepare("SELECT apb.action_plan_id FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = 'MOGEF' LIMIT 1")
      .pluck()
      .get() as number;
    const key = { actionPlanId: own, bodyCode: 'MOGEF', periodId: t.period[2022] };
    expect(getEntry(t.db, key, mogef)).toMatchObject({ editable: true, readOnlyReason: null });
    expect(saveEntry(t.db, key, 0, { achievements: '여가부 실적' }, mogef, '박조정 (MOGEF)')).toMatchObject({ achievements: '여가부 실적', revision: 1 });
    // A body installation of another body still cannot.
    expect(refusal(() => saveEntry(t.db, key, 1, { achievements: 'x' }, mofa, 'a')).details).toEqual([{ path: 'key', hint: 'other_body' }]);
  });
});

describe('last year\u2019s entry', () => {
  it('is the previous period\u2019s entry of the same body, or none', () => {
    const t = seededDb();
    const k21 = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2021] };
    const k22 = { ...k21, periodId: t.period[2022] };
    const k23 = { ...k21, periodId: t.period[2023] };
    // The first year has no previous one; a year whose previous entry was never written has none either.
    expect(previousEntry(t.db, k21, mofa)).toBeNull();
    expect(previousEntry(t.db, k22, mofa)).toBeNull();
    saveEntry(t.db, k21, 0, { achievements: '2021 실적' }, mofa, 'a');
    saveEntry(t.db, k22, 0, { achievements: '2022 실적' }, mofa, 'a');
    expect(previousEntry(t.db, k22, mofa)).toMatchObject({ key: k21, achievements: '2021 실적' });
    // The nearest year before, not the first.
    expect(previousEntry(t.db, k23, mofa)).toMatchObject({ key: k22, achievements: '2022 실적' });
  });
});

describe('indicators, evidence and comments in the entry', () => {
  it('shows the indicator with its target for the period and this body\u2019s value only', () => {
    const t = seededDb();
    const actionPlanId = t.action('1.1.1');
    const bodies = t.db
      .prepare('SELECT b.code FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id WHERE apb.action_plan_id = ? ORDER BY b.id')
      .pluck()
      .all(actionPlanId) as string[];
    expect(bodies.length).toBeGreaterThan(1);
    const [a, b] = bodies as [string, string];
    const id = defineIndicator(
      t.db,
      {
        actionPlanId,
        nameEn: 'Share trained',
        nameKo: '교육 비율',
        unit: '%',
        kind: 'percent',
        baseline: 10,
        targets: [
          { periodId: t.period[2022], target: 50 },
          { periodId: t.period[2023], target: 80 },
        ],
      },
      mogef,
    );
    const actorOf = (code: string) => ({ role: 'body' as const, bodyCode: code, userName: code });
    const ka = { actionPlanId, bodyCode: a, periodId: t.period[2022] };
    const kb = { actionPlanId, bodyCode: b, periodId: t.period[2022] };
    if (a !== 'MOGEF') setIndicatorValue(t.db, ka, id, 40, actorOf(a));
    else setIndicatorValue(t.db, ka, id, 40, mogef);
    expect(getEntry(t.db, ka, mogef).indicators).toEqual([
      { indicatorId: id, nameEn: 'Share trained', nameKo: '교육 비율', unit: '%', kind: 'percent', baseline: 10, target: 50, value: 40 },
    ]);
    expect(getEntry(t.db, kb, mogef).indicators[0]).toMatchObject({ target: 50, value: null });
    expect(getEntry(t.db, { ...ka, periodId: t.period[2023] }, mogef).indicators[0]).toMatchObject({ target: 80, value: null });
    expect(getEntry(t.db, { ...ka, periodId: t.period[2021] }, mogef).indicators[0]).toMatchObject({ target: null, value: null });
    // The other action plans do not show it.
    expect(getEntry(t.db, { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] }, mofa).indicators).toEqual([]);
  });

  it('lists evidence and comments in order, without removed evidence', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const first = addEvidence(t.db, key, { title: '첫째', docDate: '2022-03-01', reference: 'A-1' }, mofa);
    const second = addEvidence(t.db, key, { title: '둘째', docDate: null, reference: null }, mofa);
    removeEvidence(t.db, key, first, mofa);
    addEntryComment(t.db, key, '첫 의견', mogef);
    addEntryComment(t.db, key, '둘째 의견', mogef);
    const e = getEntry(t.db, key, mofa);
    expect(e.evidence).toEqual([{ id: second, title: '둘째', docDate: null, reference: null }]);
    expect(e.comments.map((c) => [c.text, c.author])).toEqual([
      ['첫 의견', '박조정 (MOGEF)'],
      ['둘째 의견', '박조정 (MOGEF)'],
    ]);
    expect(e.revision).toBe(3);
  });

  it('an entry never written has no evidence, no comments, no id', () => {
    const t = seededDb();
    const e = getEntry(t.db, { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] }, mofa);
    expect(e).toMatchObject({ id: null, evidence: [], comments: [], revision: 0, updatedBy: null, updatedAt: null });
  });

  it('the coordinator submits MOGEF\u2019s report through the same rule', () => {
    const t = seededDb();
    expect(refusal(() => submitReport(t.db, t.period[2022], mogef)).code).toBe('CONFLICT');
  });
});

describe('the survivors of the 04:56 Stryker run (docs/mutation-testing.md)', () => {
  it('a key of nothing says so, and a period of another plan is named as the wrong part', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    expect(refusal(() => getEntry(t.db, { ...key, periodId: 9999 }, mofa)).message).toBe('No such action plan, body or reporting period.');
    const nap4 = loadPlanDocument(t.db, { ...(nap3 as PlanDocumentInput), plan: { ...(nap3 as PlanDocumentInput).plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } });
    const otherPeriod = t.db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? LIMIT 1').pluck().get(nap4.planId) as number;
    for (const f of [() => getEntry(t.db, { ...key, periodId: otherPeriod }, mofa), () => saveEntry(t.db, { ...key, periodId: otherPeriod }, 0, { achievements: 'x' }, mofa, 'a')]) {
      const e = refusal(f);
      expect([e.code, e.message, e.details]).toEqual(['BAD_REQUEST', 'The reporting period is not one of the action plan\u2019s plan.', [{ path: 'key.periodId' }]]);
    }
    expect(t.db.prepare('SELECT count(*) FROM progress_entry').pluck().get()).toBe(0);
  });

  it('the state of a report of no period is a draft, not locked', () => {
    const t = seededDb();
    const bodyId = t.db.prepare("SELECT id FROM implementing_body WHERE code = 'MOFA'").pluck().get() as number;
    expect(reportState(t.db, bodyId, 999_999)).toEqual({ status: 'draft', locked: false });
    expect(reportState(t.db, bodyId, t.period[2022])).toEqual({ status: 'draft', locked: false });
  });

  it('a save of some fields keeps the others, texts included', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    saveEntry(t.db, key, 0, { achievements: '실적', nextSteps: '계획', delayed: true, delayReason: '예산', difficulties: '인력' }, mofa, 'a');
    const e = saveEntry(t.db, key, 1, { completion: 'limited' }, mofa, 'a');
    expect(e).toMatchObject({ completion: 'limited', achievements: '실적', nextSteps: '계획', delayed: true, delayReason: '예산', difficulties: '인력', revision: 2 });
    // The second save logs its one field; nothing of the first is cleared.
    expect(entryHistory(t.db, e.id!).map((h) => [h.field, h.after])).toHaveLength(6);
    expect(entryHistory(t.db, e.id!).at(-1)).toMatchObject({ field: 'completion', before: null, after: 'limited' });
    expect(entryHistory(t.db, e.id!).filter((h) => h.field === 'completion')).toHaveLength(1);
  });

  it('a field given as undefined is not part of the save, nor of its history', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const e = saveEntry(t.db, key, 0, { completion: undefined, achievements: '실적' }, mofa, 'a');
    expect(entryHistory(t.db, e.id!).map((h) => [h.field, h.before, h.after])).toEqual([['achievements', null, '실적']]);
    // A retried save of the same, against an older revision, is recognised as a retry.
    expect(saveEntry(t.db, key, 0, { completion: undefined, achievements: '실적' }, mofa, 'a').revision).toBe(1);
  });

  it('a stale save says both revisions and what to do', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    saveEntry(t.db, key, 0, { achievements: 'a' }, mofa, 'a');
    expect(refusal(() => saveEntry(t.db, key, 0, { achievements: 'b' }, mofa, 'a')).message).toBe(
      'This entry was changed elsewhere (revision 1, the form had 0). Reload it; your text is kept in the form.',
    );
  });

  it('the importer\u2019s write takes only the fields that differ, and writes nothing when none does', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const k = resolveKey(t.db, key);
    const at = '2026-01-02T03:04:05.000Z';
    expect(writeEntryFields(t.db, k, { completion: 'limited', achievements: null }, mofa, '김외교 (MOFA)', at)).toEqual(['completion']);
    expect(entryValues(t.db, k)).toEqual({
      completion: 'limited',
      delayed: null,
      delayReason: null,
      achievements: null,
      nextSteps: null,
      difficulties: null,
      budgetAllocated: null,
      budgetExecuted: null,
    });
    const revision = () => t.db.prepare('SELECT revision, updated_by, updated_at FROM progress_entry').get();
    expect(revision()).toEqual({ revision: 1, updated_by: '김외교 (MOFA)', updated_at: at });
    expect(writeEntryFields(t.db, k, { completion: 'limited', achievements: undefined }, mofa, 'other', '2027-01-01T00:00:00.000Z')).toEqual([]);
    expect(writeEntryFields(t.db, k, {}, mofa, 'other', '2027-01-01T00:00:00.000Z')).toEqual([]);
    expect(revision()).toEqual({ revision: 1, updated_by: '김외교 (MOFA)', updated_at: at });
    expect(t.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(1);
    // Nothing to write on an entry not yet made: no row is made either.
    const other = resolveKey(t.db, { ...key, periodId: t.period[2023] });
    expect(writeEntryFields(t.db, other, { completion: null }, mofa, 'x', at)).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM progress_entry').pluck().get()).toBe(1);
  });
});
