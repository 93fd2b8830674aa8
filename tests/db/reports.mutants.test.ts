/**
 * A body's report as the report screen shows it, for the cases mutation
 * testing found untested (docs/mutation-testing.md): each item's columns,
 * co-bodies in the plan's order, delay and comment counts, the events in
 * order, the reason and note only while they apply, unknown bodies and
 * periods, the list of report states, and the lock's author.
 */
import { describe, expect, it } from 'vitest';
import { saveEntry } from '../../db/entries';
import { defineIndicator, setIndicatorValue } from '../../db/indicators';
import { getBodyReport, leadBodyCode, listReportStates, setPeriodLocked, submitReport, transitionReport } from '../../db/reports';
import { addEntryComment } from '../../db/review';
import { refusal } from '../support/refusal';
import type { EntryPatch, Installation } from '../../contract/progress';
import { mofa, mogef, seededDb, type SeededDb } from '../support/app';

const full: EntryPatch = { completion: 'substantial', delayed: false, achievements: '실적', nextSteps: '계획' };

function fill(t: SeededDb, bodyCode: string, as: Installation) {
  for (const item of getBodyReport(t.db, bodyCode, t.period[2022]).items) {
    saveEntry(t.db, { actionPlanId: item.actionPlanId, bodyCode, periodId: t.period[2022] }, 0, full, as, 'x');
  }
}

describe('the items of a report', () => {
  it('list the body\u2019s action plans in the plan\u2019s order with their columns and the other bodies in the plan\u2019s order', () => {
    const t = seededDb();
    const report = getBodyReport(t.db, 'MOFA', t.period[2022]);
    const expected = t.db
      .prepare(
        `SELECT ap.id, ap.code, ap.text_en, s.code AS strategy FROM action_plan ap
         JOIN action_plan_body apb ON apb.action_plan_id = ap.id JOIN implementing_body b ON b.id = apb.body_id
         JOIN strategy s ON s.id = ap.strategy_id JOIN objective o ON o.id = s.objective_id
         WHERE b.code = 'MOFA' ORDER BY o.number, s.seq, ap.seq`,
      )
      .raw()
      .all() as [number, string, string, string][];
    expect(report.items.map((i) => [i.actionPlanId, i.code, i.textEn, i.strategyCode])).toEqual(expected);
    const order = t.db.prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id ORDER BY pb.seq').pluck().all() as string[];
    for (const item of report.items) {
      const carriers = t.db
        .prepare('SELECT b.code FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id WHERE apb.action_plan_id = ?')
        .pluck()
        .all(item.actionPlanId) as string[];
      expect(item.coBodies).toEqual(order.filter((c) => c !== 'MOFA' && carriers.includes(c)));
    }
    // Some item is MOFA's alone, some shared: both shapes are met.
    expect(report.items.some((i) => i.coBodies.length === 0)).toBe(true);
    expect(report.items.some((i) => i.coBodies.length > 1)).toBe(true);
    expect(report.items.every((i) => i.completion === null && i.delayed === null && i.updatedAt === null && i.commentCount === 0)).toBe(true);
  });

  it('carry the level, the delay, the completeness with indicators, the comment count and when it changed', () => {
    const t = seededDb();
    const [first, second] = getBodyReport(t.db, 'MOFA', t.period[2022]).items;
    const k1 = { actionPlanId: first!.actionPlanId, bodyCode: 'MOFA', periodId: t.period[2022] };
    const k2 = { actionPlanId: second!.actionPlanId, bodyCode: 'MOFA', periodId: t.period[2022] };
    saveEntry(t.db, k1, 0, { ...full, delayed: true, delayReason: '예산' }, mofa, 'x');
    saveEntry(t.db, k2, 0, full, mofa, 'x');
    const indicator = defineIndicator(t.db, { actionPlanId: k2.actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'yes_no' }, mogef);
    addEntryComment(t.db, k1, '하나', mogef);
    addEntryComment(t.db, k1, '둘', mogef);
    const [a, b0] = getBodyReport(t.db, 'MOFA', t.period[2022]).items;
    let b = b0;
    expect(a).toMatchObject({ completion: 'substantial', delayed: true, commentCount: 2, completeness: { missing: [], filled: 5, required: 5 } });
    expect(a!.updatedAt).toMatch(/^\d{4}-/);
    expect(b).toMatchObject({ delayed: false, commentCount: 0, completeness: { missing: [`indicator:${indicator}`] } });
    setIndicatorValue(t.db, k2, indicator, 0, mofa);
    [, b] = getBodyReport(t.db, 'MOFA', t.period[2022]).items;
    // "No" is a value: the indicator is answered.
    expect(b!.completeness).toEqual({ filled: 5, required: 5, missing: [] });
  });

  it('are not another body\u2019s values', () => {
    const t = seededDb();
    const shared = getBodyReport(t.db, 'MOFA', t.period[2022]).items.find((i) => i.coBodies.length > 0)!;
    const other = shared.coBodies[0]!;
    const actor: Installation = other === 'MOGEF' ? mogef : { role: 'body', bodyCode: other, userName: other };
    saveEntry(t.db, { actionPlanId: shared.actionPlanId, bodyCode: other, periodId: t.period[2022] }, 0, full, actor, 'x');
    expect(getBodyReport(t.db, 'MOFA', t.period[2022]).items.find((i) => i.actionPlanId === shared.actionPlanId)!.completion).toBeNull();
    expect(getBodyReport(t.db, 'MOFA', t.period[2023]).items.every((i) => i.completion === null)).toBe(true);
  });
});

describe('the state of a report', () => {
  it('shows the events in order, the return reason only while returned and the note only while accepted', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', mofa);
    let r = getBodyReport(t.db, 'MOFA', p);
    expect(r).toMatchObject({ bodyCode: 'MOFA', periodId: p, year: 2022, status: 'draft', locked: false, events: [], returnedReason: null, acceptedNote: null, ownReport: false });
    transitionReport(t.db, 'submit', 'MOFA', p, mofa);
    transitionReport(t.db, 'return', 'MOFA', p, mogef, { reason: '첫 반려' });
    transitionReport(t.db, 'submit', 'MOFA', p, mofa);
    r = getBodyReport(t.db, 'MOFA', p);
    expect([r.status, r.returnedReason]).toEqual(['submitted', null]);
    transitionReport(t.db, 'return', 'MOFA', p, mogef, { reason: '둘째 반려' });
    expect(getBodyReport(t.db, 'MOFA', p).returnedReason).toBe('둘째 반려');
    transitionReport(t.db, 'submit', 'MOFA', p, mofa);
    r = transitionReport(t.db, 'accept', 'MOFA', p, mogef, { note: '수고하셨습니다' });
    expect([r.status, r.acceptedNote, r.returnedReason]).toEqual(['accepted', '수고하셨습니다', null]);
    r = transitionReport(t.db, 'reopen', 'MOFA', p, mogef, { reason: '수치 정정' });
    expect([r.status, r.acceptedNote, r.returnedReason]).toEqual(['returned', null, '수치 정정']);
    expect(r.events.map((e) => [e.fromStatus, e.toStatus, e.reason, e.actor])).toEqual([
      ['draft', 'submitted', null, '김외교 (MOFA)'],
      ['submitted', 'returned', '첫 반려', '박조정 (MOGEF)'],
      ['returned', 'submitted', null, '김외교 (MOFA)'],
      ['submitted', 'returned', '둘째 반려', '박조정 (MOGEF)'],
      ['returned', 'submitted', null, '김외교 (MOFA)'],
      ['submitted', 'accepted', '수고하셨습니다', '박조정 (MOGEF)'],
      ['accepted', 'returned', '수치 정정', '박조정 (MOGEF)'],
    ]);
    // An accept without a note shows none (not the last return's reason).
    transitionReport(t.db, 'submit', 'MOFA', p, mofa);
    expect(transitionReport(t.db, 'accept', 'MOFA', p, mogef).acceptedNote).toBeNull();
  });

  it('reopen without a reason is refused as CONFLICT, naming the reason', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', mofa);
    transitionReport(t.db, 'submit', 'MOFA', p, mofa);
    transitionReport(t.db, 'accept', 'MOFA', p, mogef);
    for (const reason of [undefined, null, '', ' \u3000\n']) {
      const e = refusal(() => transitionReport(t.db, 'reopen', 'MOFA', p, mogef, { reason }));
      expect([e.code, e.details]).toEqual(['CONFLICT', [{ path: 'reason', hint: 'reason_required' }]]);
    }
    expect(getBodyReport(t.db, 'MOFA', p).status).toBe('accepted');
  });

  it('says which body or period does not exist', () => {
    const t = seededDb();
    let e = refusal(() => getBodyReport(t.db, 'NOPE', t.period[2022]));
    expect([e.code, e.details, e.message]).toEqual(['NOT_FOUND', [{ path: 'bodyCode' }], 'There is no implementing body NOPE.']);
    e = refusal(() => getBodyReport(t.db, 'MOFA', 9999));
    expect([e.code, e.details, e.message]).toEqual(['NOT_FOUND', [{ path: 'periodId' }], 'There is no reporting period 9999.']);
    e = refusal(() => transitionReport(t.db, 'accept', 'NOPE', t.period[2022], mogef));
    expect(e.code).toBe('NOT_FOUND');
    e = refusal(() => submitReport(t.db, 9999, mofa));
    expect(e.code).toBe('NOT_FOUND');
  });

  it('the refusal message names the action, the body and the state', () => {
    const t = seededDb();
    const e = refusal(() => transitionReport(t.db, 'accept', 'MOFA', t.period[2022], mogef));
    expect(e.message).toBe('Cannot accept the MOFA report (draft): the report is not in a state that allows it.');
    expect(e.details).toEqual([{ path: 'report', hint: 'wrong_state' }]);
  });
});

describe('the reports of a period', () => {
  it('lists every body of the plan in order with its report\u2019s state, draft when none', () => {
    const t = seededDb();
    fill(t, 'MOFA', mofa);
    submitReport(t.db, t.period[2022], mofa);
    const states = listReportStates(t.db, t.planId, t.period[2022]);
    const order = t.db.prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id ORDER BY pb.seq').pluck().all();
    expect(states.map((s) => s.bodyCode)).toEqual(order);
    expect(states.filter((s) => s.status !== 'draft')).toEqual([{ bodyCode: 'MOFA', status: 'submitted' }]);
    expect(listReportStates(t.db, t.planId, t.period[2023]).every((s) => s.status === 'draft')).toBe(true);
    expect(leadBodyCode(t.db, t.planId)).toBe('MOGEF');
    expect(leadBodyCode(t.db, 9999)).toBeNull();
  });

  it('a lock records who locked it and when; unlocking clears both', () => {
    const t = seededDb();
    const p = t.period[2022];
    const row = () => t.db.prepare('SELECT locked_at AS at, locked_by AS by FROM reporting_period WHERE id = ?').get(p) as { at: string | null; by: string | null };
    setPeriodLocked(t.db, p, true, mogef);
    expect(row().by).toBe('박조정 (MOGEF)');
    expect(row().at).toMatch(/^\d{4}-/);
    expect(getBodyReport(t.db, 'MOFA', p).locked).toBe(true);
    expect(getBodyReport(t.db, 'MOFA', t.period[2023]).locked).toBe(false);
    setPeriodLocked(t.db, p, false, mogef);
    expect(row()).toEqual({ at: null, by: null });
    const e = refusal(() => setPeriodLocked(t.db, p, true, mofa));
    expect([e.code, e.message]).toEqual(['FORBIDDEN', 'Only MOGEF\u2019s installation can lock a reporting period.']);
  });
});

describe('the survivors of the 05:06 Stryker run (docs/mutation-testing.md)', () => {
  const message = (f: () => unknown) => {
    const e = refusal(f);
    return [e.code, e.message, e.details];
  };

  it('each refusal of a transition says why, in words', () => {
    const t = seededDb();
    const p = t.period[2022];
    const mnd: Installation = { role: 'body', bodyCode: 'MND', userName: '이국방' };
    expect(message(() => transitionReport(t.db, 'submit', 'MOFA', p, mofa))).toEqual([
      'CONFLICT',
      'Cannot submit the MOFA report (draft): some action plans still miss required fields.',
      expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^actionPlan:/) })]),
    ]);
    expect(message(() => transitionReport(t.db, 'submit', 'MOFA', p, mnd))).toEqual([
      'FORBIDDEN',
      'Cannot submit the MOFA report (draft): this installation reports for another body.',
      [{ path: 'report', hint: 'other_body' }],
    ]);
    fill(t, 'MOFA', mofa);
    submitReport(t.db, p, mofa);
    expect(message(() => transitionReport(t.db, 'accept', 'MOFA', p, mofa))).toEqual([
      'FORBIDDEN',
      'Cannot accept the MOFA report (submitted): this installation does not have that role.',
      [{ path: 'report', hint: 'wrong_role' }],
    ]);
    expect(message(() => transitionReport(t.db, 'return', 'MOFA', p, mogef, { reason: ' ' }))).toEqual([
      'CONFLICT',
      'Cannot return the MOFA report (submitted): a reason is required.',
      [{ path: 'reason', hint: 'reason_required' }],
    ]);
    setPeriodLocked(t.db, p, true, mogef);
    expect(message(() => transitionReport(t.db, 'return', 'MOFA', p, mogef, { reason: '보완' }))).toEqual([
      'FORBIDDEN',
      'Cannot return the MOFA report (submitted): MOGEF has locked this reporting period.',
      [{ path: 'report', hint: 'locked' }],
    ]);
  });

  it('accepting the coordinator\u2019s own report asks for the confirmation, in words', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOGEF', mogef);
    submitReport(t.db, p, mogef);
    expect(message(() => transitionReport(t.db, 'accept', 'MOGEF', p, mogef))).toEqual([
      'CONFLICT',
      'Cannot accept the MOGEF report (submitted): it is this installation\u2019s own body\u2019s report: confirm that you accept your own report (confirmOwn).',
      [{ path: 'confirmOwn', hint: 'confirm_own' }],
    ]);
  });

  it('a body outside the period\u2019s plan is named, and nothing is written', () => {
    const t = seededDb();
    t.db.prepare("INSERT INTO implementing_body (code, name_en, name_ko) VALUES ('NEWB', 'New body', '신설 기관')").run();
    const log = t.db.prepare('SELECT count(*) FROM change_log').pluck().get();
    expect(message(() => transitionReport(t.db, 'return', 'NEWB', t.period[2022], mogef, { reason: '보완' }))).toEqual([
      'NOT_FOUND',
      'NEWB is not one of the implementing bodies of that period\u2019s plan.',
      [{ path: 'bodyCode' }],
    ]);
    expect(t.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(log);
  });

  it('a reason too long to store is refused saying which text and why', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', mofa);
    submitReport(t.db, p, mofa);
    expect(message(() => transitionReport(t.db, 'return', 'MOFA', p, mogef, { reason: '가'.repeat(4001) }))).toEqual([
      'BAD_REQUEST',
      'The reason cannot be stored (too_long).',
      [{ path: 'reason', hint: 'too_long' }],
    ]);
    expect(message(() => transitionReport(t.db, 'accept', 'MOFA', p, mogef, { note: 'a\uD800' }))).toEqual([
      'BAD_REQUEST',
      'The note cannot be stored (bad_character).',
      [{ path: 'note', hint: 'bad_character' }],
    ]);
    expect(getBodyReport(t.db, 'MOFA', p).status).toBe('submitted');
  });

  it('the coordinator of a plan without a lead body cannot submit, and is told why', () => {
    const t = seededDb();
    t.db.prepare('UPDATE plan_body SET is_lead = 0').run();
    expect(message(() => submitReport(t.db, t.period[2022], mogef))).toEqual([
      'FORBIDDEN',
      'This plan has no lead body for MOGEF\u2019s installation to report for.',
      [{ path: 'report', hint: 'wrong_role' }],
    ]);
  });

  it('locking a period that does not exist names it; a lock is logged as the period\u2019s "locked"', () => {
    const t = seededDb();
    expect(message(() => setPeriodLocked(t.db, 999_999, true, mogef))).toEqual([
      'NOT_FOUND',
      'There is no reporting period 999999.',
      [{ path: 'periodId' }],
    ]);
    const p = t.period[2022];
    setPeriodLocked(t.db, p, true, mogef);
    setPeriodLocked(t.db, p, false, mogef);
    expect(t.db.prepare("SELECT entity, entity_id, field, before, after FROM change_log WHERE entity = 'period' ORDER BY id").all()).toEqual([
      { entity: 'period', entity_id: p, field: 'locked', before: 'false', after: 'true' },
      { entity: 'period', entity_id: p, field: 'locked', before: 'true', after: 'false' },
    ]);
  });

  it('a report whose state has no event (a database written otherwise) shows no reason and no note', () => {
    const t = seededDb();
    const p = t.period[2022];
    const bodyId = t.db.prepare("SELECT id FROM implementing_body WHERE code = 'MOFA'").pluck().get() as number;
    const state = t.db.prepare("INSERT INTO report (body_id, period_id, status, updated_by, updated_at) VALUES (?, ?, ?, 'x', '2026-01-01T00:00:00.000Z') ON CONFLICT (body_id, period_id) DO UPDATE SET status = excluded.status");
    state.run(bodyId, p, 'returned');
    expect(getBodyReport(t.db, 'MOFA', p)).toMatchObject({ status: 'returned', returnedReason: null, acceptedNote: null, events: [] });
    state.run(bodyId, p, 'accepted');
    expect(getBodyReport(t.db, 'MOFA', p)).toMatchObject({ status: 'accepted', returnedReason: null, acceptedNote: null, events: [] });
  });
});
