/**
 * A body's report on a real database file: which refusal answers which
 * code and details, what every transition leaves in the history, MOGEF's
 * own report (the plan's lead body) from the coordinator installation, the
 * acceptance note, and period locks.
 */
import { describe, expect, it } from 'vitest';
import { getEntry, saveEntry } from '../../db/entries';
import { defineIndicator } from '../../db/indicators';
import { getBodyReport, leadBodyCode, setPeriodLocked, submitReport, transitionReport, type TransitionRequest } from '../../db/reports';
import type { ReportAction } from '../../db/workflow';
import { startAppCore } from '../../main/app-core';
import type { EntryPatch, Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';
import { mnd, mofa, mogef, seededDb, type SeededDb } from '../support/app';
import { tempDir } from '../support/tmp';

const full: EntryPatch = {
  completion: 'substantial',
  delayed: false,
  achievements: '여성·평화·안보 교육을 3회 실시했다.',
  nextSteps: '2023년에 교재를 개정한다.',
};
/** A body installation for MOGEF: the same body as the coordinator reports for. */
const mogefBody: Installation = { role: 'body', bodyCode: 'MOGEF', userName: '최여가' };

function fill(t: SeededDb, bodyCode: string, periodId: number, as: Installation, skip: (code: string) => EntryPatch | null = () => null) {
  for (const item of getBodyReport(t.db, bodyCode, periodId).items) {
    saveEntry(t.db, { actionPlanId: item.actionPlanId, bodyCode, periodId }, 0, skip(item.code) ?? full, as, 'x');
  }
}

/** What a transition may touch, to show that a refusal changed nothing. */
function snapshot(t: SeededDb) {
  return {
    reports: t.db.prepare('SELECT body_id, period_id, status FROM report ORDER BY 1, 2').all(),
    events: t.db.prepare('SELECT count(*) FROM report_event').pluck().get(),
    log: t.db.prepare('SELECT count(*) FROM change_log').pluck().get(),
    locks: t.db.prepare('SELECT id, locked_at, locked_by FROM reporting_period ORDER BY id').all(),
  };
}

/** The refusal a call throws, as the dispatcher would answer it; the database must be as it was. */
function refusal(t: SeededDb, call: () => unknown) {
  const before = snapshot(t);
  let caught: unknown;
  try {
    call();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'the call was refused').toBeInstanceOf(DomainError);
  expect(snapshot(t)).toEqual(before);
  const e = caught as DomainError;
  return { code: e.code, details: e.details };
}

function bodyId(t: SeededDb, code: string): number {
  return t.db.prepare('SELECT id FROM implementing_body WHERE code = ?').pluck().get(code) as number;
}

function reportLog(t: SeededDb, bodyCode: string, periodId: number) {
  return (
    t.db
      .prepare(`SELECT actor, actor_role, before, after FROM change_log WHERE entity = 'report' AND entity_id = ? AND field = ? ORDER BY id`)
      .all(bodyId(t, bodyCode), `period:${periodId}`) as { actor: string; actor_role: string; before: string; after: string }[]
  ).map((r) => ({ actor: r.actor, role: r.actor_role, before: JSON.parse(r.before), after: JSON.parse(r.after) }));
}

const go = (t: SeededDb, action: ReportAction, bodyCode: string, periodId: number, actor: Installation, request: TransitionRequest = {}) =>
  transitionReport(t.db, action, bodyCode, periodId, actor, request);

describe('refused transitions', () => {
  it('answer FORBIDDEN for who asks and a locked period, CONFLICT for the report\u2019s state, and change nothing', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', p, mofa);
    const hint = (why: string) => [{ path: 'report', hint: why }];
    expect(refusal(t, () => go(t, 'accept', 'MOFA', p, mofa))).toEqual({ code: 'FORBIDDEN', details: hint('wrong_role') });
    expect(refusal(t, () => go(t, 'return', 'MOFA', p, mofa, { reason: 'x' }))).toEqual({ code: 'FORBIDDEN', details: hint('wrong_role') });
    expect(refusal(t, () => go(t, 'submit', 'MOFA', p, mnd))).toEqual({ code: 'FORBIDDEN', details: hint('other_body') });
    // The coordinator reports for MOGEF, not for MOFA.
    expect(refusal(t, () => go(t, 'submit', 'MOFA', p, mogef))).toEqual({ code: 'FORBIDDEN', details: hint('other_body') });
    expect(refusal(t, () => go(t, 'accept', 'MOFA', p, mogef))).toEqual({ code: 'CONFLICT', details: hint('wrong_state') });
    expect(refusal(t, () => go(t, 'reopen', 'MOFA', p, mogef, { reason: '정정' }))).toEqual({ code: 'CONFLICT', details: hint('wrong_state') });

    setPeriodLocked(t.db, p, true, mogef);
    expect(refusal(t, () => go(t, 'submit', 'MOFA', p, mofa))).toEqual({ code: 'FORBIDDEN', details: hint('locked') });
    setPeriodLocked(t.db, p, false, mogef);

    go(t, 'submit', 'MOFA', p, mofa);
    expect(refusal(t, () => go(t, 'submit', 'MOFA', p, mofa))).toEqual({ code: 'CONFLICT', details: hint('wrong_state') });
    expect(refusal(t, () => go(t, 'return', 'MOFA', p, mogef))).toEqual({ code: 'CONFLICT', details: [{ path: 'reason', hint: 'reason_required' }] });
    expect(refusal(t, () => go(t, 'accept', 'NOPE', p, mogef))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(t, () => go(t, 'accept', 'MOFA', 999_999, mogef))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('name each incomplete action plan with its missing fields', () => {
    const t = seededDb();
    const p = t.period[2022];
    const indicatorId = defineIndicator(t.db, { actionPlanId: t.action('3.1.1'), nameEn: 'Trainings', nameKo: '교육 횟수', kind: 'number' }, mogef);
    fill(t, 'MOFA', p, mofa, (code) =>
      code === '1.1.1'
        ? { ...full, nextSteps: '\u3000' }
        : code === '2.1.1'
          ? { ...full, delayed: true, delayReason: '\u00a0' }
          : code === '4.2.2'
            ? { completion: null, achievements: full.achievements }
            : null,
    );
    const codes = new Set(getBodyReport(t.db, 'MOFA', p).items.map((i) => i.code));
    expect([...codes].filter((c) => ['1.1.1', '2.1.1', '3.1.1', '4.2.2'].includes(c)).sort()).toEqual(['1.1.1', '2.1.1', '3.1.1', '4.2.2']);
    expect(refusal(t, () => go(t, 'submit', 'MOFA', p, mofa))).toEqual({
      code: 'CONFLICT',
      details: [
        { path: 'actionPlan:1.1.1', hint: 'nextSteps' },
        { path: 'actionPlan:2.1.1', hint: 'delayReason' },
        { path: 'actionPlan:3.1.1', hint: `indicator:${indicatorId}` },
        { path: 'actionPlan:4.2.2', hint: 'completion, delayed, nextSteps' },
      ],
    });
  });

  it('refuse a return or a reopen whose reason is only white space, and keep the latest return\u2019s reason', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', p, mofa);
    go(t, 'submit', 'MOFA', p, mofa);
    const required = { code: 'CONFLICT', details: [{ path: 'reason', hint: 'reason_required' }] };
    for (const reason of ['\u3000', '\u00a0', ' \u3000\u00a0\n\t', '\u200b', '', null])
      expect(refusal(t, () => go(t, 'return', 'MOFA', p, mogef, { reason })), JSON.stringify(reason)).toEqual(required);

    // Stored as every user text is: NFC (a decomposed 예 is composed), trimmed of Unicode white space.
    go(t, 'return', 'MOFA', p, mogef, { reason: '\u3000\u110b\u1168\uc0b0 집행액이 빠졌습니다\u00a0' });
    go(t, 'submit', 'MOFA', p, mofa);
    const second = go(t, 'return', 'MOFA', p, mogef, { reason: '근거 문서를 첨부해 주세요' });
    expect(second).toMatchObject({ status: 'returned', returnedReason: '근거 문서를 첨부해 주세요' });
    expect(second.events.map((e) => e.reason)).toEqual([null, '예산 집행액이 빠졌습니다', null, '근거 문서를 첨부해 주세요']);

    go(t, 'submit', 'MOFA', p, mofa);
    go(t, 'accept', 'MOFA', p, mogef);
    expect(refusal(t, () => go(t, 'reopen', 'MOFA', p, mogef))).toEqual(required);
    expect(refusal(t, () => go(t, 'reopen', 'MOFA', p, mogef, { reason: '\u3000' }))).toEqual(required);
    const reopened = go(t, 'reopen', 'MOFA', p, mogef, { reason: ' 수치 정정 ' });
    expect(reopened).toMatchObject({ status: 'returned', returnedReason: '수치 정정', acceptedNote: null });
  });

  it('refuse a reason or a note that cannot be stored', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', p, mofa);
    go(t, 'submit', 'MOFA', p, mofa);
    expect(refusal(t, () => go(t, 'return', 'MOFA', p, mogef, { reason: '가'.repeat(4001) }))).toEqual({
      code: 'BAD_REQUEST',
      details: [{ path: 'reason', hint: 'too_long' }],
    });
    expect(refusal(t, () => go(t, 'accept', 'MOFA', p, mogef, { note: 'half \ud800' }))).toEqual({
      code: 'BAD_REQUEST',
      details: [{ path: 'note', hint: 'bad_character' }],
    });
    expect(go(t, 'return', 'MOFA', p, mogef, { reason: `  ${'가'.repeat(4000)}  ` }).returnedReason).toHaveLength(4000);
  });
});

describe('the history of a report', () => {
  it('logs every transition against the body and the period, with the status before and after and the reason', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', p, mofa);
    go(t, 'submit', 'MOFA', p, mofa);
    go(t, 'return', 'MOFA', p, mogef, { reason: ' 보완 요청 ' });
    go(t, 'submit', 'MOFA', p, mofa);
    go(t, 'accept', 'MOFA', p, mogef, { note: '\u3000잘 정리되었습니다.\n' });
    go(t, 'reopen', 'MOFA', p, mogef, { reason: '수치 정정' });
    expect(reportLog(t, 'MOFA', p)).toEqual([
      { actor: '김외교 (MOFA)', role: 'body', before: { status: 'draft' }, after: { status: 'submitted' } },
      { actor: '박조정 (MOGEF)', role: 'coordinator', before: { status: 'submitted' }, after: { status: 'returned', reason: '보완 요청' } },
      { actor: '김외교 (MOFA)', role: 'body', before: { status: 'returned' }, after: { status: 'submitted' } },
      { actor: '박조정 (MOGEF)', role: 'coordinator', before: { status: 'submitted' }, after: { status: 'accepted', note: '잘 정리되었습니다.' } },
      { actor: '박조정 (MOGEF)', role: 'coordinator', before: { status: 'accepted' }, after: { status: 'returned', reason: '수치 정정' } },
    ]);
    // The log and the report's own events say the same.
    const events = getBodyReport(t.db, 'MOFA', p).events;
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.reason, e.actor])).toEqual(
      reportLog(t, 'MOFA', p).map((l) => [l.before.status, l.after.status, l.after.reason ?? l.after.note ?? null, l.actor]),
    );
    // Another period's report is another history.
    expect(reportLog(t, 'MOFA', t.period[2021])).toEqual([]);
  });
});

describe('the acceptance note', () => {
  it('is kept as the accept event\u2019s reason and shown while the report is accepted', () => {
    const t = seededDb();
    const p = t.period[2022];
    fill(t, 'MOFA', p, mofa);
    go(t, 'submit', 'MOFA', p, mofa);
    expect(go(t, 'accept', 'MOFA', p, mogef, { note: '  우수 사례로 보고하겠습니다.  ' })).toMatchObject({
      status: 'accepted',
      acceptedNote: '우수 사례로 보고하겠습니다.',
      returnedReason: null,
    });
    expect(t.db.prepare("SELECT reason FROM report_event WHERE to_status = 'accepted'").pluck().get()).toBe('우수 사례로 보고하겠습니다.');

    // Reopened, the report is no longer accepted: no note is shown.
    expect(go(t, 'reopen', 'MOFA', p, mogef, { reason: '수치 정정' })).toMatchObject({ status: 'returned', acceptedNote: null });
    // A later acceptance without a note shows none (not the earlier one's).
    go(t, 'submit', 'MOFA', p, mofa);
    expect(go(t, 'accept', 'MOFA', p, mogef, { note: '\u3000\u00a0' })).toMatchObject({ acceptedNote: null });
    go(t, 'reopen', 'MOFA', p, mogef, { reason: '다시 정정' });
    go(t, 'submit', 'MOFA', p, mofa);
    // A reason given to an acceptance is not its note: the note is what is kept.
    expect(go(t, 'accept', 'MOFA', p, mogef, { reason: '반려 사유 아님', note: '두 번째 메모' }).acceptedNote).toBe('두 번째 메모');
    expect(getBodyReport(t.db, 'MOFA', p).events.at(-1)).toMatchObject({ toStatus: 'accepted', reason: '두 번째 메모' });
  });
});

describe('MOGEF\u2019s own report (the plan\u2019s lead body)', () => {
  it('is submitted from the coordinator installation, and accepting it there needs a confirmation that the history keeps', () => {
    const t = seededDb();
    const p = t.period[2022];
    expect(leadBodyCode(t.db, t.planId)).toBe('MOGEF');
    expect(getBodyReport(t.db, 'MOGEF', p).ownReport).toBe(true);
    expect(getBodyReport(t.db, 'MOFA', p).ownReport).toBe(false);
    // A MOGEF body installation and the coordinator are the same body: either fills in its entries.
    fill(t, 'MOGEF', p, mogefBody);
    const submitted = submitReport(t.db, p, mogef);
    expect(submitted).toMatchObject({ bodyCode: 'MOGEF', status: 'submitted', ownReport: true });

    expect(refusal(t, () => go(t, 'accept', 'MOGEF', p, mogef, { note: '자체 검토' }))).toEqual({
      code: 'CONFLICT',
      details: [{ path: 'confirmOwn', hint: 'confirm_own' }],
    });
    // The MOGEF body installation cannot accept its own report either.
    expect(refusal(t, () => go(t, 'accept', 'MOGEF', p, mogefBody, { confirmOwn: true }))).toMatchObject({ code: 'FORBIDDEN' });
    const accepted = go(t, 'accept', 'MOGEF', p, mogef, { note: '자체 검토', confirmOwn: true });
    expect(accepted).toMatchObject({ status: 'accepted', acceptedNote: '자체 검토' });
    expect(accepted.events.map((e) => `${e.fromStatus}>${e.toStatus} ${e.actor}`)).toEqual([
      'draft>submitted 박조정 (MOGEF)',
      'submitted>accepted 박조정 (MOGEF)',
    ]);
    expect(reportLog(t, 'MOGEF', p).map((l) => l.after)).toEqual([
      { status: 'submitted', ownReport: true },
      { status: 'accepted', note: '자체 검토', ownReport: true },
    ]);
    // Returning it needs no confirmation, and is marked as the coordinator's own too.
    go(t, 'reopen', 'MOGEF', p, mogef, { reason: '수치 정정' });
    expect(reportLog(t, 'MOGEF', p).at(-1)?.after).toEqual({ status: 'returned', reason: '수치 정정', ownReport: true });
  });

  it('follows the workflow of any report: incomplete, locked, submitted twice', () => {
    const t = seededDb();
    const p = t.period[2022];
    const incomplete = refusal(t, () => submitReport(t.db, p, mogef));
    expect(incomplete.code).toBe('CONFLICT');
    const items = getBodyReport(t.db, 'MOGEF', p).items;
    expect(items.length).toBe(28);
    expect(incomplete.details).toEqual(items.map((i) => ({ path: `actionPlan:${i.code}`, hint: 'completion, delayed, achievements, nextSteps' })));

    fill(t, 'MOGEF', p, mogefBody);
    setPeriodLocked(t.db, p, true, mogef);
    expect(refusal(t, () => submitReport(t.db, p, mogef))).toEqual({ code: 'FORBIDDEN', details: [{ path: 'report', hint: 'locked' }] });
    setPeriodLocked(t.db, p, false, mogef);
    submitReport(t.db, p, mogef);
    expect(refusal(t, () => submitReport(t.db, p, mogef))).toEqual({ code: 'CONFLICT', details: [{ path: 'report', hint: 'wrong_state' }] });
    // Submitted by the coordinator, the MOGEF body installation sees it read-only, as any submitted report.
    expect(getEntry(t.db, { actionPlanId: items[0]!.actionPlanId, bodyCode: 'MOGEF', periodId: p }, mogefBody)).toMatchObject({
      editable: false,
      readOnlyReason: 'submitted',
    });
    expect(refusal(t, () => submitReport(t.db, 999_999, mogef))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is whichever body the plan names as its lead: no body code is written in the rules', () => {
    const t = seededDb();
    const p = t.period[2022];
    t.db.prepare('UPDATE plan_body SET is_lead = 0 WHERE plan_id = ?').run(t.planId);
    t.db.prepare('UPDATE plan_body SET is_lead = 1 WHERE plan_id = ? AND body_id = ?').run(t.planId, bodyId(t, 'MOFA'));
    fill(t, 'MOFA', p, mofa);
    fill(t, 'MOGEF', p, mogefBody);
    expect(submitReport(t.db, p, mogef)).toMatchObject({ bodyCode: 'MOFA', ownReport: true });
    expect(refusal(t, () => go(t, 'accept', 'MOFA', p, mogef))).toMatchObject({ code: 'CONFLICT', details: [{ hint: 'confirm_own' }] });
    // MOGEF is now a body like another: its report needs no confirmation, and the coordinator cannot submit it.
    expect(refusal(t, () => go(t, 'submit', 'MOGEF', p, mogef))).toMatchObject({ code: 'FORBIDDEN' });
    submitReport(t.db, p, mogefBody);
    expect(go(t, 'accept', 'MOGEF', p, mogef)).toMatchObject({ status: 'accepted', ownReport: false });

    // A plan without a lead body: the coordinator has no report of its own.
    t.db.prepare('UPDATE plan_body SET is_lead = 0 WHERE plan_id = ?').run(t.planId);
    expect(leadBodyCode(t.db, t.planId)).toBeNull();
    expect(refusal(t, () => submitReport(t.db, t.period[2023], mogef))).toEqual({
      code: 'FORBIDDEN',
      details: [{ path: 'report', hint: 'wrong_role' }],
    });
  });
});

describe('period locks', () => {
  it('log what was really there before; locking a locked period changes nothing and logs nothing', () => {
    const t = seededDb();
    const p = t.period[2021];
    const log = () =>
      (t.db.prepare(`SELECT before, after FROM change_log WHERE entity = 'period' AND entity_id = ? ORDER BY id`).all(p) as {
        before: string;
        after: string;
      }[]).map((r) => [JSON.parse(r.before), JSON.parse(r.after)]);
    const lockedAt = () => t.db.prepare('SELECT locked_at, locked_by FROM reporting_period WHERE id = ?').get(p);

    setPeriodLocked(t.db, p, false, mogef);
    expect(log()).toEqual([]);
    setPeriodLocked(t.db, p, true, mogef);
    const first = lockedAt();
    expect(first).toMatchObject({ locked_by: '박조정 (MOGEF)' });
    expect(refusal(t, () => setPeriodLocked(t.db, p, true, mofa))).toMatchObject({ code: 'FORBIDDEN' });
    const before = snapshot(t);
    setPeriodLocked(t.db, p, true, { role: 'coordinator', userName: '다른 사람' });
    expect(snapshot(t)).toEqual(before);
    expect(lockedAt()).toEqual(first);
    setPeriodLocked(t.db, p, false, mogef);
    expect(lockedAt()).toEqual({ locked_at: null, locked_by: null });
    expect(log()).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('refuse a period that does not exist', () => {
    const t = seededDb();
    expect(refusal(t, () => setPeriodLocked(t.db, 999_999, true, mogef))).toEqual({ code: 'NOT_FOUND', details: [{ path: 'periodId' }] });
    expect(refusal(t, () => setPeriodLocked(t.db, 999_999, false, mogef))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the report channels', () => {
  const ORIGIN = 'app://nap-monitor';
  const OWN = { url: `${ORIGIN}/index.html` };

  function start(installation: Installation) {
    const app = startAppCore({ dataDir: tempDir(), appVersion: '1', trustedOrigins: [ORIGIN] });
    const call = (channel: string, payload: unknown) => app.dispatcher(channel, payload, OWN);
    const periodId = app.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
    const fillAs = (code: string, as: Installation) => {
      const items = getBodyReport(app.db, code, periodId).items;
      for (const item of items) saveEntry(app.db, { actionPlanId: item.actionPlanId, bodyCode: code, periodId }, 0, full, as, 'x');
    };
    expect(call('setup:initialize', installation)).toMatchObject({ ok: true });
    return { app, call, periodId, fillAs };
  }

  it('report:submit from the coordinator submits MOGEF\u2019s report; report:accept takes confirmOwn and a note', () => {
    const { app, call, periodId, fillAs } = start(mogef);
    fillAs('MOGEF', mogefBody);
    expect(call('report:submit', { periodId })).toMatchObject({ ok: true, value: { bodyCode: 'MOGEF', status: 'submitted', ownReport: true } });
    expect(call('report:accept', { bodyCode: 'MOGEF', periodId, note: '확인' })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'CONFLICT', details: [{ path: 'confirmOwn', hint: 'confirm_own' }] }),
    });
    expect(call('report:accept', { bodyCode: 'MOGEF', periodId, note: ' 확인 ', confirmOwn: true })).toMatchObject({
      ok: true,
      value: { status: 'accepted', acceptedNote: '확인' },
    });
    expect(app.db.prepare("SELECT count(*) FROM change_log WHERE entity = 'report'").pluck().get()).toBe(2);

    fillAs('MOFA', mofa);
    submitReport(app.db, periodId, mofa);
    expect(call('report:accept', { bodyCode: 'MOFA', periodId, note: null })).toMatchObject({ ok: true, value: { status: 'accepted', acceptedNote: null } });
    expect(call('report:reopen', { bodyCode: 'MOFA', periodId, reason: '\u3000' })).toMatchObject({ ok: false });
    expect(call('report:reopen', { bodyCode: 'MOFA', periodId, reason: '정정' })).toMatchObject({ ok: true, value: { status: 'returned', returnedReason: '정정' } });
    app.close();
  });

  it('report:submit from a body submits its own report', () => {
    const { app, call, periodId, fillAs } = start(mofa);
    fillAs('MOFA', mofa);
    expect(call('report:submit', { periodId })).toMatchObject({ ok: true, value: { bodyCode: 'MOFA', status: 'submitted', ownReport: false } });
    expect(call('report:accept', { bodyCode: 'MOFA', periodId, confirmOwn: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    app.close();
  });
});

describe('a body outside the period\u2019s plan', () => {
  it('cannot submit a report for it, and nothing is written', async () => {
    const { loadPlanDocument } = await import('../../db/seed');
    const t = seededDb();
    // A fourth plan brings a body the third plan does not have.
    loadPlanDocument(t.db, {
      format: 'nap-monitor/plan@1',
      plan: { code: 'KOR-NAP-4', titleEn: 'Fourth plan', titleKo: '제4차 국가행동계획', startYear: 2024, endYear: 2027, leadBody: 'MOGEF' },
      bodies: [
        { code: 'MOGEF', nameEn: 'Ministry of Gender Equality and Family', nameKo: '여성가족부' },
        { code: 'ME', nameEn: 'Ministry of Environment', nameKo: '환경부' },
      ],
      areas: [
        {
          seq: 1,
          nameEn: 'Prevention',
          nameKo: '예방',
          objectives: [{ number: 1, textEn: 'Goal', strategies: [{ code: '1.1', textEn: 'Task', actionPlans: [{ code: '1.1.1', textEn: 'Act', bodies: 'ALL' }] }] }],
        },
      ],
    });
    const me: Installation = { role: 'body', bodyCode: 'ME', userName: '환경' };
    const before = t.db.prepare('SELECT (SELECT count(*) FROM report) + (SELECT count(*) FROM report_event) + (SELECT count(*) FROM change_log)').pluck().get();
    expect(() => submitReport(t.db, t.period[2022], me)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => transitionReport(t.db, 'accept', 'ME', t.period[2022], mogef)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(t.db.prepare('SELECT (SELECT count(*) FROM report) + (SELECT count(*) FROM report_event) + (SELECT count(*) FROM change_log)').pluck().get()).toBe(before);
  });
});
