/**
 * Monitoring meetings in a real database file (db/meetings.ts): who records
 * and changes what (each role), optimistic concurrency, decisions,
 * follow-ups (closing with and without a note, reopening), the open
 * follow-ups' list, the history with the real values before, and text as it
 * is stored (NFC, trimmed, white space only is empty). Every refusal names
 * its field in Korean and English and leaves the database as it was.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { initializeInstallation, resetInstallation } from '../../db/installation';
import { addDecision, addFollowUp, getMeeting, listMeetings, openFollowUps, saveMeeting, setFollowUpState } from '../../db/meetings';
import { canChangeMeeting, canCreateMeeting, canSetFollowUp, followUpStateProblem, type MeetingDraft } from '../../contract/meetings';
import type { Installation } from '../../contract/progress';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';

const MOGEF: Installation = { role: 'coordinator', userName: '박조정' };
const MOFA: Installation = { role: 'body', bodyCode: 'MOFA', userName: '김외교' };
const MND: Installation = { role: 'body', bodyCode: 'MND', userName: '이국방' };

function database(who: Installation = MOGEF): Db {
  const db = openDatabase(tempDbFile());
  loadPlanDocument(db, nap3 as PlanDocumentInput);
  initializeInstallation(db, who);
  return db;
}

function becomes(db: Db, who: Installation): void {
  resetInstallation(db);
  initializeInstallation(db, who);
}

const periodOf = (db: Db, year: number) => db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(year) as number;

function draft(db: Db, over: Partial<MeetingDraft> = {}): MeetingDraft {
  return {
    kind: 'inter_ministerial',
    bodyCode: null,
    periodId: periodOf(db, 2022),
    date: '2023-03-02',
    title: '관계부처 이행점검 회의',
    place: '정부서울청사',
    participants: [{ kind: 'expert', bodyCode: null, name: '김전문', affiliation: '대학교', role: '자문위원' }],
    agenda: '1. 2022년 점검',
    minutes: '',
    ...over,
  };
}

/** The meeting tables and the history, to compare before and after a refusal. */
function content(db: Db): string {
  return JSON.stringify(['meeting', 'meeting_decision', 'follow_up', 'change_log'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all()));
}

/** The refusal a call throws: its code, the field it names, the hint, and a message in both languages. */
function refused(f: () => unknown, code: string, path: string, hint?: string): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${code} at ${path}`).toMatchObject({ code, details: [{ path, ...(hint ? { hint } : {}) }] });
  const message = (error as Error).message;
  expect(message).toMatch(/[\uAC00-\uD7A3]/);
  expect(message).toMatch(/ \/ [A-Z]/);
}

function historyOf(db: Db, entity: string, field: string): { before: unknown; after: unknown; actor: string }[] {
  return (db.prepare('SELECT actor, before, after FROM change_log WHERE entity = ? AND field = ? ORDER BY id').all(entity, field) as { actor: string; before: string | null; after: string | null }[]).map(
    (r) => ({ actor: r.actor, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }),
  );
}

describe('who records and changes meetings', () => {
  it('the pure rules: MOGEF its inter-ministerial meetings and panel sessions; a body only its own meetings; changes only where made', () => {
    const meeting = (kind: 'inter_ministerial' | 'body' | 'civic_panel', bodyCode: string | null, ownHere: boolean) => ({ kind, bodyCode, ownHere });
    expect(canCreateMeeting(MOGEF, 'inter_ministerial', null)).toBe(true);
    expect(canCreateMeeting(MOGEF, 'civic_panel', null)).toBe(true);
    expect(canCreateMeeting(MOGEF, 'body', 'MOGEF')).toBe(false);
    expect(canCreateMeeting(MOFA, 'body', 'MOFA')).toBe(true);
    expect(canCreateMeeting(MOFA, 'body', 'MND')).toBe(false);
    expect(canCreateMeeting(MOFA, 'inter_ministerial', null)).toBe(false);
    expect(canCreateMeeting(MOFA, 'civic_panel', null)).toBe(false);
    expect(canCreateMeeting(null, 'inter_ministerial', null)).toBe(false);
    expect(canChangeMeeting(MOGEF, meeting('inter_ministerial', null, true))).toBe(true);
    expect(canChangeMeeting(MOGEF, meeting('inter_ministerial', null, false))).toBe(false);
    expect(canChangeMeeting(MOFA, meeting('body', 'MOFA', true))).toBe(true);
    expect(canChangeMeeting(MOFA, meeting('body', 'MOFA', false))).toBe(false);
    expect(canChangeMeeting(MOGEF, meeting('body', 'MOFA', true))).toBe(false);
    expect(canChangeMeeting(MND, meeting('body', 'MOFA', true))).toBe(false);
    expect(canSetFollowUp(MOGEF, { ownerBody: 'MOFA' })).toBe(true);
    expect(canSetFollowUp(MOFA, { ownerBody: 'MOFA' })).toBe(true);
    expect(canSetFollowUp(MND, { ownerBody: 'MOFA' })).toBe(false);
    expect(canSetFollowUp(null, { ownerBody: 'MOFA' })).toBe(false);
    expect(followUpStateProblem('closed', null)).toBe('closing_note_required');
    expect(followUpStateProblem('closed', ' \u3000\u200b')).toBe('closing_note_required');
    expect(followUpStateProblem('closed', '완료')).toBeNull();
    expect(followUpStateProblem('open', '메모')).toBe('closing_note_only_when_closed');
    expect(followUpStateProblem('in_progress', null)).toBeNull();
  });

  it('MOGEF records inter-ministerial meetings and panel sessions, not a body’s meeting', () => {
    const db = database(MOGEF);
    const m = saveMeeting(db, null, 0, draft(db), MOGEF);
    expect(m).toMatchObject({ kind: 'inter_ministerial', bodyCode: null, revision: 1, ownHere: true, year: 2022, decisions: [], openFollowUps: 0 });
    expect(saveMeeting(db, null, 0, draft(db, { kind: 'civic_panel', title: '시민자문단 회의' }), MOGEF).kind).toBe('civic_panel');
    const before = content(db);
    refused(() => saveMeeting(db, null, 0, draft(db, { kind: 'body', bodyCode: 'MOGEF' }), MOGEF), 'FORBIDDEN', 'kind', 'wrong_kind');
    refused(() => saveMeeting(db, null, 0, draft(db, { kind: 'inter_ministerial', bodyCode: 'MOFA' }), MOGEF), 'BAD_REQUEST', 'bodyCode', 'body_only_for_body');
    expect(content(db)).toBe(before);
    db.close();
  });

  it('a body records only its own meetings', () => {
    const db = database(MOFA);
    const m = saveMeeting(db, null, 0, draft(db, { kind: 'body', bodyCode: 'MOFA', title: '외교부 자체 점검 회의' }), MOFA);
    expect(m).toMatchObject({ kind: 'body', bodyCode: 'MOFA', ownHere: true });
    const before = content(db);
    refused(() => saveMeeting(db, null, 0, draft(db, { kind: 'body', bodyCode: 'MND' }), MOFA), 'FORBIDDEN', 'bodyCode', 'other_body');
    refused(() => saveMeeting(db, null, 0, draft(db), MOFA), 'FORBIDDEN', 'kind', 'wrong_kind');
    refused(() => saveMeeting(db, null, 0, draft(db, { kind: 'civic_panel' }), MOFA), 'FORBIDDEN', 'kind', 'wrong_kind');
    // Its own meeting cannot become MOGEF's kind.
    refused(() => saveMeeting(db, m.uid, 1, draft(db), MOFA), 'FORBIDDEN', 'kind', 'wrong_kind');
    expect(content(db)).toBe(before);
    db.close();
  });

  it('a meeting, its decisions and follow-ups change only under the role that made them', () => {
    const db = database(MOGEF);
    const m = saveMeeting(db, null, 0, draft(db), MOGEF);
    const d = addDecision(db, m.uid, '교육 확대', MOGEF).decisions[0]!;
    const f = addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: '1.1.1', text: '계획 제출', dueDate: '2023-06-30' }, MOGEF).decisions[0]!.followUps[0]!;
    // The same database set up again for MOFA: MOGEF's meeting is read only for it, but MOFA moves its own follow-up.
    becomes(db, MOFA);
    const before = content(db);
    refused(() => saveMeeting(db, m.uid, 1, draft(db, { title: '바꿈' }), MOFA), 'FORBIDDEN', 'uid', 'wrong_kind');
    refused(() => addDecision(db, m.uid, '결정', MOFA), 'FORBIDDEN', 'meetingUid', 'wrong_kind');
    refused(() => addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: '조치', dueDate: null }, MOFA), 'FORBIDDEN', 'decisionUid', 'wrong_kind');
    expect(content(db)).toBe(before);
    expect(setFollowUpState(db, f.uid, 'in_progress', null, MOFA).state).toBe('in_progress');
    becomes(db, MND);
    const now = content(db);
    refused(() => setFollowUpState(db, f.uid, 'closed', '완료', MND), 'FORBIDDEN', 'uid', 'not_owner');
    expect(content(db)).toBe(now);
    db.close();
  });

  it('refuses what does not exist: a meeting, a decision, a follow-up', () => {
    const db = database(MOGEF);
    const nobody = '00000000-0000-4000-8000-000000000000';
    refused(() => getMeeting(db, nobody), 'NOT_FOUND', 'uid', 'unknown_meeting');
    refused(() => saveMeeting(db, nobody, 1, draft(db), MOGEF), 'NOT_FOUND', 'uid', 'unknown_meeting');
    refused(() => addDecision(db, nobody, '결정', MOGEF), 'NOT_FOUND', 'meetingUid', 'unknown_meeting');
    refused(() => addFollowUp(db, nobody, { ownerBody: 'MOFA', actionPlanCode: null, text: '조치', dueDate: null }, MOGEF), 'NOT_FOUND', 'decisionUid', 'unknown_decision');
    refused(() => setFollowUpState(db, nobody, 'open', null, MOGEF), 'NOT_FOUND', 'uid', 'unknown_follow_up');
    db.close();
  });
});

describe('saving a meeting', () => {
  it('checks the period, the bodies and every field, naming it; nothing is written', () => {
    const db = database(MOGEF);
    const before = content(db);
    refused(() => saveMeeting(db, null, 0, draft(db, { periodId: 9999 }), MOGEF), 'NOT_FOUND', 'periodId', 'unknown_period');
    refused(
      () => saveMeeting(db, null, 0, draft(db, { participants: [{ kind: 'body', bodyCode: 'NOPE', name: '', affiliation: '', role: '' }] }), MOGEF),
      'NOT_FOUND',
      'participants.0.bodyCode',
      'unknown_body',
    );
    refused(
      () => saveMeeting(db, null, 0, draft(db, { participants: [{ kind: 'body', bodyCode: null, name: '', affiliation: '', role: '' }] }), MOGEF),
      'BAD_REQUEST',
      'participants.0.bodyCode',
      'required',
    );
    refused(
      () => saveMeeting(db, null, 0, draft(db, { participants: [{ kind: 'expert', bodyCode: 'MOFA', name: '김', affiliation: '', role: '' }] }), MOGEF),
      'BAD_REQUEST',
      'participants.0.bodyCode',
      'body_only_for_body',
    );
    refused(
      () => saveMeeting(db, null, 0, draft(db, { participants: [{ kind: 'civic_advisor', bodyCode: null, name: ' \u3000', affiliation: '', role: '' }] }), MOGEF),
      'BAD_REQUEST',
      'participants.0.name',
      'required',
    );
    refused(() => saveMeeting(db, null, 0, draft(db, { title: ' \n\u3000 ' }), MOGEF), 'BAD_REQUEST', 'title', 'required');
    refused(() => saveMeeting(db, null, 0, draft(db, { date: '2023-02-30' }), MOGEF), 'BAD_REQUEST', 'date', 'invalid');
    refused(() => saveMeeting(db, null, 0, draft(db, { kind: 'party' as never }), MOGEF), 'BAD_REQUEST', 'kind', 'invalid');
    refused(() => saveMeeting(db, null, 0, draft(db, { title: '가'.repeat(301) }), MOGEF), 'BAD_REQUEST', 'title', 'invalid');
    refused(() => saveMeeting(db, null, 0, draft(db, { minutes: 'a\uD800b' }), MOGEF), 'BAD_REQUEST', 'minutes', 'invalid');
    expect(content(db)).toBe(before);
    db.close();
  });

  it('stores text as NFC, trimmed, with white space only as empty', () => {
    const db = database(MOGEF);
    const decomposed = '\u1100\u1161\u11A8 회의'; // 각 as three jamo
    const m = saveMeeting(
      db,
      null,
      0,
      draft(db, {
        title: `\u3000 ${decomposed}\u00a0\n`,
        place: ' \u200b ',
        agenda: '\t\n',
        minutes: '  첫 줄\n둘째 줄  ',
        participants: [{ kind: 'body', bodyCode: 'MOFA', name: ' ', affiliation: ' 외교부 ', role: '\u3000담당관' }],
      }),
      MOGEF,
    );
    expect(m.title).toBe('각 회의');
    expect(m.title).toBe(m.title.normalize('NFC'));
    expect(m).toMatchObject({ place: '', agenda: '', minutes: '첫 줄\n둘째 줄' });
    expect(m.participants).toEqual([{ kind: 'body', bodyCode: 'MOFA', name: '', affiliation: '외교부', role: '담당관' }]);
    const d = addDecision(db, m.uid, ' \u1100\u1161 결정 ', MOGEF).decisions[0]!;
    expect(d.text).toBe('가 결정');
    refused(() => addDecision(db, m.uid, ' \u3000\n', MOGEF), 'BAD_REQUEST', 'text', 'required');
    const f = addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: '  조치\u3000', dueDate: null }, MOGEF).decisions[0]!.followUps[0]!;
    expect(f.text).toBe('조치');
    expect(setFollowUpState(db, f.uid, 'closed', ' \u1100\u1161 완료 ', MOGEF).closingNote).toBe('가 완료');
    db.close();
  });

  it('refuses a stale form (CONFLICT), and saving what is stored changes nothing', () => {
    const db = database(MOGEF);
    const m = saveMeeting(db, null, 0, draft(db), MOGEF);
    const v2 = saveMeeting(db, m.uid, 1, draft(db, { title: '제목 2' }), MOGEF);
    expect(v2.revision).toBe(2);
    const before = content(db);
    refused(() => saveMeeting(db, m.uid, 1, draft(db, { title: '다른 창의 제목' }), MOGEF), 'CONFLICT', 'baseRevision', '2');
    expect(content(db)).toBe(before);
    // The same draft again, even from the stale form: nothing changes, no revision, no history.
    expect(saveMeeting(db, m.uid, 2, draft(db, { title: '제목 2' }), MOGEF).revision).toBe(2);
    expect(saveMeeting(db, m.uid, 1, draft(db, { title: ' 제목 2 ' }), MOGEF).revision).toBe(2);
    expect(content(db)).toBe(before);
    expect(saveMeeting(db, m.uid, 2, draft(db, { title: '제목 3' }), MOGEF).revision).toBe(3);
    db.close();
  });

  it('keeps each change in the history with the real value before', () => {
    const db = database(MOGEF);
    const m = saveMeeting(db, null, 0, draft(db), MOGEF);
    const participants = [{ kind: 'civic_advisor' as const, bodyCode: null, name: '이시민', affiliation: '시민자문단', role: '위원' }];
    saveMeeting(db, m.uid, 1, draft(db, { title: '바뀐 제목', participants, date: '2023-03-09' }), MOGEF);
    const made = historyOf(db, 'meeting', 'meeting');
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ actor: '박조정 (MOGEF)', before: null, after: { uid: m.uid, title: '관계부처 이행점검 회의', kind: 'inter_ministerial' } });
    expect(historyOf(db, 'meeting', 'title')).toEqual([{ actor: '박조정 (MOGEF)', before: '관계부처 이행점검 회의', after: '바뀐 제목' }]);
    expect(historyOf(db, 'meeting', 'date')).toEqual([{ actor: '박조정 (MOGEF)', before: '2023-03-02', after: '2023-03-09' }]);
    expect(historyOf(db, 'meeting', 'participants')[0]).toMatchObject({ before: [{ kind: 'expert', name: '김전문' }], after: [{ kind: 'civic_advisor', name: '이시민' }] });
    expect(historyOf(db, 'meeting', 'place')).toEqual([]); // unchanged fields are not logged
    addDecision(db, m.uid, '교육 확대', MOGEF);
    expect(historyOf(db, 'meeting', 'decision')).toEqual([{ actor: '박조정 (MOGEF)', before: null, after: { uid: expect.any(String), text: '교육 확대' } }]);
    db.close();
  });
});

describe('decisions and follow-ups', () => {
  it('adds follow-ups on action plans of the meeting’s plan, owned by a body; a body’s own meeting’s by that body', () => {
    const db = database(MOGEF);
    const m = saveMeeting(db, null, 0, draft(db), MOGEF);
    const d = addDecision(db, m.uid, '교육 확대', MOGEF).decisions[0]!;
    const before = content(db);
    refused(() => addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: '9.9.9', text: '조치', dueDate: null }, MOGEF), 'NOT_FOUND', 'actionPlanCode', 'unknown_action_plan');
    refused(() => addFollowUp(db, d.uid, { ownerBody: 'ZZZ', actionPlanCode: null, text: '조치', dueDate: null }, MOGEF), 'NOT_FOUND', 'ownerBody', 'unknown_body');
    refused(() => addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: ' ', dueDate: null }, MOGEF), 'BAD_REQUEST', 'text', 'invalid');
    refused(() => addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: '조치', dueDate: '2023-13-01' }, MOGEF), 'BAD_REQUEST', 'dueDate', 'invalid');
    expect(content(db)).toBe(before);
    const after = addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: '1.1.1', text: '계획 제출', dueDate: '2023-06-30' }, MOGEF);
    expect(after.decisions[0]!.followUps[0]).toMatchObject({
      ownerBody: 'MOFA',
      actionPlanCode: '1.1.1',
      state: 'open',
      closingNote: null,
      closedAt: null,
      meetingUid: m.uid,
      meetingKind: 'inter_ministerial',
      meetingTitle: '관계부처 이행점검 회의',
      decisionUid: d.uid,
    });
    expect(after.openFollowUps).toBe(1);

    const body = database(MOFA);
    const own = saveMeeting(body, null, 0, draft(body, { kind: 'body', bodyCode: 'MOFA' }), MOFA);
    const od = addDecision(body, own.uid, '자체 개선', MOFA).decisions[0]!;
    refused(() => addFollowUp(body, od.uid, { ownerBody: 'MND', actionPlanCode: null, text: '조치', dueDate: null }, MOFA), 'BAD_REQUEST', 'ownerBody', 'owner_not_meeting_body');
    expect(addFollowUp(body, od.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: '조치', dueDate: null }, MOFA).openFollowUps).toBe(1);
    db.close();
    body.close();
  });

  it('closes a follow-up only with a closing note; reopens it; the history keeps every state', () => {
    const db = database(MOGEF);
    const m = saveMeeting(db, null, 0, draft(db), MOGEF);
    const d = addDecision(db, m.uid, '교육 확대', MOGEF).decisions[0]!;
    const f = addFollowUp(db, d.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: '계획 제출', dueDate: null }, MOGEF).decisions[0]!.followUps[0]!;
    becomes(db, MOFA);
    const before = content(db);
    refused(() => setFollowUpState(db, f.uid, 'closed', null, MOFA), 'BAD_REQUEST', 'closingNote', 'closing_note_required');
    refused(() => setFollowUpState(db, f.uid, 'closed', ' \u3000\n', MOFA), 'BAD_REQUEST', 'closingNote', 'closing_note_required');
    refused(() => setFollowUpState(db, f.uid, 'in_progress', '메모', MOFA), 'BAD_REQUEST', 'closingNote', 'closing_note_only_when_closed');
    refused(() => setFollowUpState(db, f.uid, 'closed', '가'.repeat(4001), MOFA), 'BAD_REQUEST', 'closingNote', 'too_long');
    expect(content(db)).toBe(before);

    const closed = setFollowUpState(db, f.uid, 'closed', '계획 제출 완료', MOFA);
    expect(closed).toMatchObject({ state: 'closed', closingNote: '계획 제출 완료', closedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(getMeeting(db, m.uid).openFollowUps).toBe(0);
    // Again the same: nothing changes.
    const same = content(db);
    setFollowUpState(db, f.uid, 'closed', '계획 제출 완료', MOFA);
    expect(content(db)).toBe(same);
    becomes(db, MOGEF);
    const reopened = setFollowUpState(db, f.uid, 'open', null, MOGEF);
    expect(reopened).toMatchObject({ state: 'open', closingNote: null, closedAt: null });
    expect(historyOf(db, 'follow_up', 'state')).toEqual([
      { actor: '김외교 (MOFA)', before: { state: 'open', closingNote: null, closedAt: null }, after: { state: 'closed', closingNote: '계획 제출 완료', closedAt: closed.closedAt } },
      { actor: '박조정 (MOGEF)', before: { state: 'closed', closingNote: '계획 제출 완료', closedAt: closed.closedAt }, after: { state: 'open', closingNote: null, closedAt: null } },
    ]);
    expect(historyOf(db, 'follow_up', 'follow_up')[0]).toMatchObject({ before: null, after: { ownerBody: 'MOFA', text: '계획 제출', state: 'open' } });
    db.close();
  });
});

describe('listing', () => {
  it('lists meetings by period, newest first, with their counts; open follow-ups by due date, of one body, before a date', () => {
    const db = database(MOGEF);
    const p2022 = periodOf(db, 2022);
    const p2023 = periodOf(db, 2023);
    const first = saveMeeting(db, null, 0, draft(db, { date: '2023-03-02', title: '2022년 점검 회의' }), MOGEF);
    const panel = saveMeeting(db, null, 0, draft(db, { kind: 'civic_panel', date: '2023-04-10', title: '시민자문단' }), MOGEF);
    const next = saveMeeting(db, null, 0, draft(db, { periodId: p2023, date: '2024-03-05', title: '2023년 점검 회의' }), MOGEF);
    const d1 = addDecision(db, first.uid, '결정 1', MOGEF).decisions[0]!;
    const d2 = addDecision(db, panel.uid, '결정 2', MOGEF).decisions[0]!;
    const d3 = addDecision(db, next.uid, '결정 3', MOGEF).decisions[0]!;
    const fu = (d: string, ownerBody: string, text: string, dueDate: string | null) =>
      addFollowUp(db, d, { ownerBody, actionPlanCode: null, text, dueDate }, MOGEF).decisions.flatMap((x) => x.followUps).find((f) => f.text === text)!;
    fu(d1.uid, 'MOFA', '늦은 기한', '2023-12-31');
    fu(d1.uid, 'MOFA', '기한 없음', null);
    const early = fu(d2.uid, 'MOFA', '이른 기한', '2023-05-31');
    fu(d2.uid, 'MND', '국방부 조치', '2023-01-31');
    fu(d3.uid, 'MOFA', '다음 해 조치', '2024-06-30');
    const closed = fu(d1.uid, 'MOFA', '끝난 조치', '2023-02-01');
    setFollowUpState(db, closed.uid, 'closed', '완료', MOGEF);
    setFollowUpState(db, early.uid, 'in_progress', null, MOGEF);

    expect(listMeetings(db, { periodId: p2022 }).map((m) => m.title)).toEqual(['시민자문단', '2022년 점검 회의']);
    expect(listMeetings(db, { periodId: null }).map((m) => m.title)).toEqual(['2023년 점검 회의', '시민자문단', '2022년 점검 회의']);
    expect(listMeetings(db, { periodId: p2022 }).find((m) => m.uid === first.uid)).toMatchObject({ decisions: 1, openFollowUps: 2, ownHere: true, year: 2022 });

    expect(openFollowUps(db, { ownerBody: 'MOFA' }).map((f) => f.text)).toEqual(['이른 기한', '늦은 기한', '다음 해 조치', '기한 없음']);
    expect(openFollowUps(db, { ownerBody: null }).map((f) => f.text)).toEqual(['국방부 조치', '이른 기한', '늦은 기한', '다음 해 조치', '기한 없음']);
    // What the 2023 meeting's pack shows: open follow-ups of meetings before it.
    expect(openFollowUps(db, { ownerBody: 'MOFA', before: '2024-03-05' }).map((f) => f.text)).toEqual(['이른 기한', '늦은 기한', '기한 없음']);
    expect(openFollowUps(db, { ownerBody: 'MOFA', before: '2023-03-02' })).toEqual([]);
    expect(openFollowUps(db, { ownerBody: 'MOFA' })[0]).toMatchObject({ state: 'in_progress', meetingTitle: '시민자문단', meetingKind: 'civic_panel', meetingDate: '2023-04-10' });
    db.close();
  });
});
