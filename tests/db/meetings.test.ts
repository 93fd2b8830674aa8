/** Smoke (expanded below). */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';
import { addDecision, addFollowUp, getMeeting, listMeetings, openFollowUps, saveMeeting, setFollowUpState } from '../../db/meetings';

describe('smoke', () => {
  it('works', () => {
    const db = openDatabase(tempDbFile());
    loadPlanDocument(db, nap3 as PlanDocumentInput);
    const periodId = db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
    const mogef = { role: 'coordinator' as const, userName: '박조정' };
    const m = saveMeeting(db, null, 0, { kind: 'inter_ministerial', periodId, date: '2023-03-01', title: ' 점검 회의 ', place: '서울', participants: [], agenda: '', minutes: '' }, mogef);
    expect(m.revision).toBe(1);
    const d = addDecision(db, m.uid, '결정', mogef);
    const f = addFollowUp(db, d.decisions[0]!.uid, { ownerBody: 'MOFA', actionPlanCode: '3.1.1', text: '조치', dueDate: '2023-06-30' }, mogef);
    const fu = f.decisions[0]!.followUps[0]!;
    expect(openFollowUps(db, { ownerBody: 'MOFA' })).toHaveLength(1);
    setFollowUpState(db, fu.uid, 'closed', '완료', { role: 'body', bodyCode: 'MOFA', userName: '김' });
    expect(openFollowUps(db, { ownerBody: 'MOFA' })).toHaveLength(0);
    expect(listMeetings(db, { periodId })[0]!.title).toBe('점검 회의');
    expect(getMeeting(db, m.uid).decisions[0]!.followUps[0]!.state).toBe('closed');
  });
});
