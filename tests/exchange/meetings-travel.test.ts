/**
 * Monitoring meetings cross between installations in the workbooks, as the
 * reports do (issue 9): MOGEF's inter-ministerial meeting with a decision and
 * a follow-up owned by MOFA goes out in MOFA's request workbook; MOFA's import
 * shows it (read only there) with the open follow-up; MOFA closes the
 * follow-up with a note and records its own meeting with external experts;
 * both come back in MOFA's report workbook, and MOGEF's import takes them.
 * Real data folders, real .xlsx files written by ExcelJS and read by SheetJS
 * through the command line's core.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { requireInstallation } from '../../db/installation';
import { addDecision, addFollowUp, getMeeting, listMeetings, openFollowUps, saveMeeting, setFollowUpState } from '../../db/meetings';
import { tempDir } from '../support/tmp';
import { apply, bodyActions, ok, period, preview, withDb, YEAR } from './support-cycle';

describe('meetings in the workbooks, MOGEF ⇄ MOFA', { timeout: 240_000 }, () => {
  it('a request carries MOGEF meeting and its follow-up; the report carries the closed follow-up and the body meeting back', async () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    const mofa = path.join(base, 'mofa');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    const code = withDb(mofa, (db) => bodyActions(db, 'MOFA')[0]!);

    const { meetingUid, followUpUid } = withDb(mogef, (db) => {
      const actor = requireInstallation(db);
      const m = saveMeeting(db, null, 0, {
        kind: 'inter_ministerial',
        periodId: period(db),
        date: `${YEAR}-11-20`,
        title: `${YEAR}년 부처 합동 점검회의`,
        place: '정부서울청사',
        participants: [{ kind: 'body', bodyCode: 'MOFA', name: '김외교', affiliation: '외교부', role: '담당관' }],
        agenda: '1. 이행 현황\n2. 후속 조치',
        minutes: '외교부의 교육 실적을 점검함.',
      }, actor);
      const withDecision = addDecision(db, m.uid, '외교부는 교육 대상을 재외공관으로 넓힌다.', actor);
      const decision = withDecision.decisions[0]!;
      const after = addFollowUp(db, decision.uid, { ownerBody: 'MOFA', actionPlanCode: code, text: '재외공관 교육 계획 제출', dueDate: `${YEAR + 1}-03-31` }, actor);
      return { meetingUid: m.uid, followUpUid: after.decisions[0]!.followUps[0]!.uid };
    });

    // MOGEF's request to MOFA carries the meeting; MOFA's preview counts it, the apply takes it.
    const request = path.join(base, 'request-mofa.xlsx');
    await ok('--data-dir', mogef, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', request);
    const p1 = await preview(mofa, request);
    expect(p1.meetings).toEqual({ meetings: 1, followUpStates: 0 });
    const r1 = await apply(mofa, request);
    // The meeting, its decision and its follow-up.
    expect(r1.counts).toMatchObject({ meetingRowsAdded: 3, meetingRowsIgnored: 0 });
    withDb(mofa, (db) => {
      const m = getMeeting(db, meetingUid);
      expect(m).toMatchObject({ title: `${YEAR}년 부처 합동 점검회의`, ownHere: false, minutes: '외교부의 교육 실적을 점검함.' });
      expect(openFollowUps(db, { ownerBody: 'MOFA' }).map((f) => f.uid)).toEqual([followUpUid]);
      // MOFA closes it with a note and records its own meeting with external experts.
      const actor = requireInstallation(db);
      setFollowUpState(db, followUpUid, 'closed', '재외공관 교육 계획을 12월에 제출함.', actor);
      saveMeeting(db, null, 0, {
        kind: 'body',
        bodyCode: 'MOFA',
        periodId: period(db),
        date: `${YEAR}-10-05`,
        title: '외교부 자체 점검회의',
        place: '외교부',
        participants: [{ kind: 'expert', name: '이전문', affiliation: '한국여성정책연구원', role: '외부 전문가' }],
        agenda: '자체 점검',
        minutes: '전문가 의견을 들음.',
      }, actor);
    });

    // MOFA's report carries both back to MOGEF.
    const report = path.join(base, 'report-mofa.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', report);
    const p2 = await preview(mogef, report);
    expect(p2.meetings).toEqual({ meetings: 1, followUpStates: 1 });
    await apply(mogef, report);
    withDb(mogef, (db) => {
      expect(openFollowUps(db, { ownerBody: 'MOFA' })).toEqual([]);
      const closed = getMeeting(db, meetingUid).decisions[0]!.followUps[0]!;
      expect(closed).toMatchObject({ state: 'closed', closingNote: '재외공관 교육 계획을 12월에 제출함.' });
      const own = listMeetings(db, { periodId: period(db) }).find((m) => m.kind === 'body')!;
      expect(own).toMatchObject({ bodyCode: 'MOFA', title: '외교부 자체 점검회의', ownHere: false });
    });

    // The same report again changes nothing.
    const before = withDb(mogef, (db) => JSON.stringify(dumpDatabase(db).meetings));
    await apply(mogef, report, '--confirm', 'older_than_imported').catch(() => undefined);
    expect(withDb(mogef, (db) => JSON.stringify(dumpDatabase(db).meetings))).toBe(before);
  });
});
