/**
 * Meetings through the exchange, between two real database files: MOGEF's
 * (the coordinator) and MOFA's, the payload passed as JSON text as a
 * workbook's metadata carries it. MOGEF's meetings reach MOFA with what
 * concerns it; MOFA's own meeting and the states it moved reach MOGEF; each
 * side changes only what it owns, the newest state wins, anything else is
 * ignored and counted; an import twice changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { initializeInstallation } from '../../db/installation';
import { installationId } from '../../db/identity';
import { addDecision, addFollowUp, exportMeetings, getMeeting, importMeetings, openFollowUps, saveMeeting, setFollowUpState, type PayloadSender } from '../../db/meetings';
import type { Installation } from '../../contract/progress';
import type { MeetingDraft, MeetingsPayload } from '../../contract/meetings';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';

const MOGEF: Installation = { role: 'coordinator', userName: '박조정' };
const MOFA: Installation = { role: 'body', bodyCode: 'MOFA', userName: '김외교' };

function database(who: Installation): Db {
  const db = openDatabase(tempDbFile());
  loadPlanDocument(db, nap3 as PlanDocumentInput);
  initializeInstallation(db, who);
  return db;
}

const periodOf = (db: Db, year: number) => db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(year) as number;

const draft = (db: Db, kind: MeetingDraft['kind'], title: string, bodyCode: string | null = null): MeetingDraft => ({
  kind,
  bodyCode,
  periodId: periodOf(db, 2022),
  date: '2023-03-02',
  title,
  place: '정부서울청사',
  participants: [
    { kind: 'body', bodyCode: 'MOFA', name: '', affiliation: '외교부', role: '담당관' },
    { kind: 'civic_advisor', bodyCode: null, name: '이시민', affiliation: '시민자문단', role: '위원' },
  ],
  agenda: '2022년 이행 점검',
  minutes: '논의 내용',
});

/** The payload as it travels: JSON text in the workbook, read back. */
const travel = (p: MeetingsPayload): MeetingsPayload => JSON.parse(JSON.stringify(p)) as MeetingsPayload;

/** Waits for the clock to move on, so that the next change is newer than the last. */
function tick(): void {
  const t = Date.now();
  while (Date.now() === t);
}

function content(db: Db): string {
  return JSON.stringify(['meeting', 'meeting_decision', 'follow_up', 'change_log'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all()));
}

describe('meetings through the exchange', () => {
  it('goes from MOGEF to MOFA and back, each side changing only what it owns', () => {
    const mogef = database(MOGEF);
    const mofa = database(MOFA);
    const fromMogef: PayloadSender = { installationId: installationId(mogef), role: 'coordinator', bodyCode: null, userName: '박조정' };
    const fromMofa: PayloadSender = { installationId: installationId(mofa), role: 'body', bodyCode: 'MOFA', userName: '김외교' };
    const period = periodOf(mogef, 2022);

    // MOGEF: an inter-ministerial meeting (follow-ups for MOFA and MND) and a panel session (one decision for MND, one for MOFA).
    const m1 = saveMeeting(mogef, null, 0, draft(mogef, 'inter_ministerial', '제1차 관계부처 점검 회의'), MOGEF);
    const d1 = addDecision(mogef, m1.uid, '교육 확대', MOGEF).decisions[0]!;
    addFollowUp(mogef, d1.uid, { ownerBody: 'MOFA', actionPlanCode: '1.1.1', text: '교육 계획 제출', dueDate: '2023-06-30' }, MOGEF);
    const m1full = addFollowUp(mogef, d1.uid, { ownerBody: 'MND', actionPlanCode: null, text: '현황 보고', dueDate: '2023-05-31' }, MOGEF);
    const [f1, f2] = m1full.decisions[0]!.followUps;
    const m2 = saveMeeting(mogef, null, 0, { ...draft(mogef, 'civic_panel', '시민자문단 회의'), date: '2023-04-01' }, MOGEF);
    const d2a = addDecision(mogef, m2.uid, '국방부 의견 반영', MOGEF).decisions[0]!;
    addFollowUp(mogef, d2a.uid, { ownerBody: 'MND', actionPlanCode: null, text: '반영 결과 보고', dueDate: null }, MOGEF);
    const d2b = addDecision(mogef, m2.uid, '외교부 의견 반영', MOGEF).decisions[1]!;
    addFollowUp(mogef, d2b.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: '결과 공유', dueDate: '2023-07-31' }, MOGEF);

    // MOGEF's request workbook for MOFA: the inter-ministerial meeting whole, the panel's decision for MOFA only.
    const request = travel(exportMeetings(mogef, { bodyCode: 'MOFA', periodId: period, direction: 'request' }));
    expect(request.meetings.map((m) => m.uid)).toEqual([m1.uid, m2.uid]);
    expect(request.meetings[1]!.decisions.map((d) => d.uid)).toEqual([d2b.uid]);
    expect(request.meetings[0]!.planCode).toBe('KOR-NAP-3');
    // Nothing of it for another period's plan before it: 2021's request has none (the meetings review 2022).
    expect(exportMeetings(mogef, { bodyCode: 'MOFA', periodId: periodOf(mogef, 2021), direction: 'request' }).meetings).toEqual([]);

    const counts = mofa.transaction(() => importMeetings(mofa, request, fromMogef))();
    expect(counts).toEqual({ added: 7, changed: 0, ignored: 0 }); // 2 meetings, 2 decisions, 3 follow-ups
    const atMofa = getMeeting(mofa, m1.uid);
    expect(atMofa).toMatchObject({ ownHere: false, origin: installationId(mogef), title: '제1차 관계부처 점검 회의', revision: 1 });
    expect(atMofa.participants).toEqual(m1.participants);
    expect(getMeeting(mofa, m2.uid).decisions).toHaveLength(1);
    expect(openFollowUps(mofa, { ownerBody: 'MOFA' }).map((f) => f.text)).toEqual(['교육 계획 제출', '결과 공유']);
    // Twice: nothing new, nothing changed, the database as it was.
    const once = content(mofa);
    expect(importMeetings(mofa, request, fromMogef)).toEqual({ added: 0, changed: 0, ignored: 0 });
    expect(content(mofa)).toBe(once);

    // MOFA: closes its follow-up of MOGEF's meeting; cannot touch MND's or MOGEF's meeting; records its own meeting.
    tick();
    setFollowUpState(mofa, f1!.uid, 'closed', '계획 제출 완료', MOFA);
    expect(() => setFollowUpState(mofa, f2!.uid, 'closed', '완료', MOFA)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => saveMeeting(mofa, m1.uid, 1, draft(mofa, 'inter_ministerial', '바꿈'), MOFA)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => addDecision(mofa, m1.uid, '결정', MOFA)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    const m3 = saveMeeting(mofa, null, 0, draft(mofa, 'body', '외교부 자체 점검 회의', 'MOFA'), MOFA);
    const d3 = addDecision(mofa, m3.uid, '자체 개선', MOFA).decisions[0]!;
    const f3 = addFollowUp(mofa, d3.uid, { ownerBody: 'MOFA', actionPlanCode: '1.1.1', text: '개선 계획', dueDate: '2023-08-31' }, MOFA).decisions[0]!.followUps[0]!;

    // MOFA's report workbook: its own meeting, and the state it moved.
    const report = travel(exportMeetings(mofa, { bodyCode: 'MOFA', periodId: period, direction: 'report' }));
    expect(report.meetings.map((m) => m.uid)).toEqual([m3.uid]);
    expect(report.followUpStates).toEqual([expect.objectContaining({ uid: f1!.uid, state: 'closed', closingNote: '계획 제출 완료' })]);
    expect(mogef.transaction(() => importMeetings(mogef, report, fromMofa))()).toEqual({ added: 3, changed: 1, ignored: 0 });
    expect(getMeeting(mogef, m3.uid)).toMatchObject({ ownHere: false, kind: 'body', bodyCode: 'MOFA', origin: installationId(mofa) });
    const closedAtMogef = getMeeting(mogef, m1.uid).decisions[0]!.followUps[0]!;
    expect(closedAtMogef).toMatchObject({ state: 'closed', closingNote: '계획 제출 완료' });
    // The history at MOGEF: the state before (open) and after, by MOFA's installation.
    const log = mogef
      .prepare("SELECT actor, actor_role, actor_installation, before, after FROM change_log WHERE entity = 'follow_up' AND field = 'state'")
      .all() as { actor: string; actor_role: string; actor_installation: string; before: string; after: string }[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: '김외교 (MOFA)', actor_role: 'body', actor_installation: installationId(mofa) });
    expect(JSON.parse(log[0]!.before)).toMatchObject({ state: 'open', closingNote: null });
    expect(JSON.parse(log[0]!.after)).toMatchObject({ state: 'closed', closingNote: '계획 제출 완료' });
    expect(importMeetings(mogef, report, fromMofa)).toEqual({ added: 0, changed: 0, ignored: 0 });

    // MOGEF: changes its meeting and adds a decision; reopens MOFA's closed follow-up; moves MOFA's own meeting's follow-up on.
    tick();
    const m1v2 = saveMeeting(mogef, m1.uid, 1, { ...draft(mogef, 'inter_ministerial', '제1차 관계부처 점검 회의 (수정)') }, MOGEF);
    expect(m1v2.revision).toBe(2);
    addDecision(mogef, m1.uid, '예산 점검', MOGEF);
    setFollowUpState(mogef, f1!.uid, 'open', null, MOGEF);
    setFollowUpState(mogef, f3.uid, 'in_progress', null, MOGEF);
    expect(() => saveMeeting(mogef, m3.uid, 1, draft(mogef, 'body', '바꿈', 'MOFA'), MOGEF)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));

    const second = travel(exportMeetings(mogef, { bodyCode: 'MOFA', periodId: periodOf(mogef, 2023), direction: 'request' }));
    // MOGEF's meetings (not MOFA's, which it only holds), and the state MOGEF moved of MOFA's own follow-up.
    expect(second.meetings.map((m) => m.uid)).toEqual([m1.uid, m2.uid]);
    expect(second.followUpStates).toEqual([expect.objectContaining({ uid: f3.uid, state: 'in_progress' })]);
    // Meeting changed (1), the new decision (1), f1 reopened (newer than MOFA's close: 1), f3 moved (1).
    expect(importMeetings(mofa, second, fromMogef)).toEqual({ added: 1, changed: 3, ignored: 0 });
    const back = getMeeting(mofa, m1.uid);
    expect(back).toMatchObject({ title: '제1차 관계부처 점검 회의 (수정)', revision: 2 });
    expect(back.decisions.map((d) => d.text)).toEqual(['교육 확대', '예산 점검']);
    expect(back.decisions[0]!.followUps[0]).toMatchObject({ state: 'open', closingNote: null, closedAt: null });
    expect(getMeeting(mofa, m3.uid).decisions[0]!.followUps[0]).toMatchObject({ state: 'in_progress' });
    const titleLog = mofa.prepare("SELECT before, after FROM change_log WHERE entity = 'meeting' AND field = 'title'").get() as { before: string; after: string };
    expect(JSON.parse(titleLog.before)).toBe('제1차 관계부처 점검 회의');
    mogef.close();
    mofa.close();
  });

  it('ignores and counts what the sender does not own, an older state, and what this database does not know', () => {
    const mogef = database(MOGEF);
    const mofa = database(MOFA);
    const fromMogef: PayloadSender = { installationId: installationId(mogef), role: 'coordinator', bodyCode: null };
    const fromMofa: PayloadSender = { installationId: installationId(mofa), role: 'body', bodyCode: 'MOFA' };
    const period = periodOf(mogef, 2022);
    const m1 = saveMeeting(mogef, null, 0, draft(mogef, 'inter_ministerial', '관계부처 회의'), MOGEF);
    const d1 = addDecision(mogef, m1.uid, '결정', MOGEF).decisions[0]!;
    addFollowUp(mogef, d1.uid, { ownerBody: 'MOFA', actionPlanCode: null, text: '외교부 조치', dueDate: null }, MOGEF);
    const full = addFollowUp(mogef, d1.uid, { ownerBody: 'MND', actionPlanCode: null, text: '국방부 조치', dueDate: null }, MOGEF);
    const [forMofa, forMnd] = full.decisions[0]!.followUps;
    const request = travel(exportMeetings(mogef, { bodyCode: 'MOFA', periodId: period, direction: 'request' }));
    importMeetings(mofa, request, fromMogef);
    const before = content(mogef);

    // A MOFA payload that rewrites MOGEF's meeting (a newer revision), adds a decision to it, moves MND's follow-up,
    // brings a MOGEF-kind meeting of its own, a state older than MOGEF's, and a follow-up MOGEF does not have.
    const m = request.meetings[0]!;
    const forged: MeetingsPayload = {
      meetings: [
        { ...m, title: '위조', revision: 5, decisions: [...m.decisions, { uid: '66666666-6666-4666-8666-666666666666', text: '위조 결정', createdAt: m.createdAt, followUps: [] }] },
        { ...m, uid: '77777777-7777-4777-8777-777777777777', origin: installationId(mofa), decisions: [] },
        { ...m, uid: '88888888-8888-4888-8888-888888888888', origin: installationId(mofa), kind: 'body', bodyCode: 'MOFA', planCode: 'NO-SUCH-PLAN', decisions: [] },
      ],
      followUpStates: [
        { uid: forMnd!.uid, state: 'closed', closingNote: '대신 종결', closedAt: '2099-01-01T00:00:00.000Z', updatedAt: '2099-01-01T00:00:00.000Z' },
        { uid: forMofa!.uid, state: 'closed', closingNote: '옛 상태', closedAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z' },
        { uid: '99999999-9999-4999-8999-999999999999', state: 'in_progress', closingNote: null, closedAt: null, updatedAt: '2099-01-01T00:00:00.000Z' },
      ],
    };
    // meeting (1) and its new decision (1), the MOGEF-kind meeting (1), the unknown plan (1), three states (3).
    expect(importMeetings(mogef, forged, fromMofa)).toEqual({ added: 0, changed: 0, ignored: 7 });
    expect(content(mogef)).toBe(before);
    // A closing without its note is no state to take.
    const noNote: MeetingsPayload = {
      meetings: [],
      followUpStates: [{ uid: forMofa!.uid, state: 'closed', closingNote: ' ', closedAt: '2099-01-01T00:00:00.000Z', updatedAt: '2099-01-01T00:00:00.000Z' }],
    };
    expect(importMeetings(mogef, noNote, fromMofa)).toEqual({ added: 0, changed: 0, ignored: 1 });
    expect(content(mogef)).toBe(before);
    // MOFA's own meetings that cannot be stored as they are: too long a title, a date not in the calendar, a time not ours,
    // a follow-up owned by another body; each ignored whole, and a good one beside them still comes in.
    const own = (uid: string, over: Partial<MeetingsPayload['meetings'][number]>): MeetingsPayload['meetings'][number] => ({
      ...m,
      uid,
      origin: installationId(mofa),
      kind: 'body',
      bodyCode: 'MOFA',
      decisions: [],
      ...over,
    });
    const decision = (uid: string, ownerBody: string) => ({
      uid,
      text: '자체 결정',
      createdAt: m.createdAt,
      followUps: [{ ...m.decisions[0]!.followUps[0]!, uid: uid.replace(/^a/, 'b'), decisionUid: uid, ownerBody, state: 'open' as const, closingNote: null, closedAt: null }],
    });
    const broken: MeetingsPayload = {
      meetings: [
        own('a0000000-0000-4000-8000-000000000001', { title: '가'.repeat(301) }),
        own('a0000000-0000-4000-8000-000000000002', { date: '2023-02-30' }),
        own('a0000000-0000-4000-8000-000000000003', { updatedAt: 'tomorrow' }),
        own('a0000000-0000-4000-8000-000000000004', { revision: 0 }),
        own('a0000000-0000-4000-8000-000000000005', { title: ' 좋은 회의 ', decisions: [decision('a0000000-0000-4000-8000-000000000006', 'MND'), decision('a0000000-0000-4000-8000-000000000007', 'MOFA')] }),
      ],
      followUpStates: [],
    };
    // The good meeting, its two decisions and MOFA's follow-up are added; the four meetings and MND's follow-up ignored.
    expect(importMeetings(mogef, broken, fromMofa)).toEqual({ added: 4, changed: 0, ignored: 5 });
    expect(getMeeting(mogef, 'a0000000-0000-4000-8000-000000000005')).toMatchObject({ title: '좋은 회의', ownHere: false, openFollowUps: 1 });
    // A payload that is not one is refused, naming where.
    expect(() => importMeetings(mogef, { meetings: [{ uid: 'x' }], followUpStates: [] } as never, fromMofa)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', details: [expect.objectContaining({ path: expect.stringMatching(/^meetings\.0/) })] }),
    );
    mogef.close();
    mofa.close();
  });
});
