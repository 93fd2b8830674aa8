/** The workflow rules as a state machine, on their own. */
import { describe, expect, it } from 'vitest';
import { checkBodyEdit, checkTransition, refusalCode, reportingBody, TRANSITIONS, type ReportAction } from '../../db/workflow';
import type { Installation, ReportStatus } from '../../contract/progress';

const body: Installation = { role: 'body', bodyCode: 'MOFA', userName: 'a' };
const other: Installation = { role: 'body', bodyCode: 'MND', userName: 'b' };
const mogef: Installation = { role: 'coordinator', userName: 'c' };
/** A body installation for the lead body's code: the same body as the coordinator reports for. */
const leadBody: Installation = { role: 'body', bodyCode: 'LEAD', userName: 'd' };
const STATES: ReportStatus[] = ['draft', 'submitted', 'returned', 'accepted'];
// The lead body is data (plan_body.is_lead); a made-up code proves nothing here assumes MOGEF's.
const LEAD = 'LEAD';

function run(action: ReportAction, from: ReportStatus, actor: Installation, extra: Partial<Parameters<typeof checkTransition>[0]> = {}) {
  return checkTransition({
    action,
    from,
    actor,
    bodyCode: 'MOFA',
    leadBodyCode: LEAD,
    locked: false,
    reason: 'because',
    incompleteEntries: 0,
    ...extra,
  });
}

function allowed(bodyCode: string, actors: Installation[], extra: Partial<Parameters<typeof checkTransition>[0]> = {}) {
  const list: string[] = [];
  for (const action of Object.keys(TRANSITIONS) as ReportAction[])
    for (const from of STATES)
      for (const actor of actors) {
        const r = run(action, from, actor, { bodyCode, ...extra });
        if (r.ok) list.push(`${actor.role}:${action}:${from}->${r.to}${r.ownReport ? ' own' : ''}`);
      }
  return list.sort();
}

describe('report workflow', () => {
  it('allows exactly the transitions of the plan\u2019s cycle', () => {
    expect(allowed('MOFA', [body, other, mogef, leadBody])).toEqual(
      [
        'body:submit:draft->submitted',
        'body:submit:returned->submitted',
        'coordinator:return:submitted->returned',
        'coordinator:accept:submitted->accepted',
        'coordinator:reopen:accepted->returned',
      ].sort(),
    );
  });

  it('lets the coordinator report for the lead body through the same cycle; accepting it needs a confirmation', () => {
    expect(allowed(LEAD, [body, mogef, leadBody])).toEqual(
      [
        'body:submit:draft->submitted',
        'body:submit:returned->submitted',
        'coordinator:submit:draft->submitted own',
        'coordinator:submit:returned->submitted own',
        'coordinator:return:submitted->returned own',
        'coordinator:reopen:accepted->returned own',
      ].sort(),
    );
    expect(run('accept', 'submitted', mogef, { bodyCode: LEAD })).toEqual({ ok: false, why: 'confirm_own' });
    expect(run('accept', 'submitted', mogef, { bodyCode: LEAD, confirmOwn: true })).toEqual({ ok: true, to: 'accepted', ownReport: true });
    // The confirmation is asked after the state: a draft is not acceptable, confirmed or not.
    expect(run('accept', 'draft', mogef, { bodyCode: LEAD })).toEqual({ ok: false, why: 'wrong_state' });
    // Another body's report needs no confirmation, and one given changes nothing.
    expect(run('accept', 'submitted', mogef, { confirmOwn: true })).toEqual({ ok: true, to: 'accepted', ownReport: false });
    // The lead body's own installation cannot accept its report.
    expect(run('accept', 'submitted', leadBody, { bodyCode: LEAD, confirmOwn: true })).toEqual({ ok: false, why: 'wrong_role' });
    // A submitted own report is as incomplete as any.
    expect(run('submit', 'draft', mogef, { bodyCode: LEAD, incompleteEntries: 1 })).toEqual({ ok: false, why: 'incomplete' });
    expect(run('submit', 'draft', mogef, { bodyCode: LEAD, locked: true })).toEqual({ ok: false, why: 'locked' });
  });

  it('refuses the coordinator another body\u2019s submission, and any submission when the plan has no lead body', () => {
    expect(run('submit', 'draft', mogef)).toEqual({ ok: false, why: 'other_body' });
    expect(run('submit', 'draft', mogef, { bodyCode: LEAD, leadBodyCode: null })).toEqual({ ok: false, why: 'wrong_role' });
    expect(run('accept', 'submitted', mogef, { leadBodyCode: null })).toEqual({ ok: true, to: 'accepted', ownReport: false });
    expect(reportingBody(mogef, LEAD)).toBe(LEAD);
    expect(reportingBody(mogef, null)).toBeNull();
    expect(reportingBody(body, LEAD)).toBe('MOFA');
  });

  it('refuses another body, a locked period, a missing reason and an incomplete report', () => {
    expect(run('submit', 'draft', other)).toEqual({ ok: false, why: 'other_body' });
    expect(run('submit', 'draft', body, { locked: true })).toEqual({ ok: false, why: 'locked' });
    expect(run('return', 'submitted', mogef, { reason: '  ' })).toEqual({ ok: false, why: 'reason_required' });
    expect(run('return', 'submitted', mogef, { reason: '\u3000\u00a0\n' })).toEqual({ ok: false, why: 'reason_required' });
    expect(run('reopen', 'accepted', mogef, { reason: '\u200b' })).toEqual({ ok: false, why: 'reason_required' });
    expect(run('return', 'submitted', mogef, { reason: null })).toEqual({ ok: false, why: 'reason_required' });
    expect(run('reopen', 'accepted', mogef, { reason: undefined })).toEqual({ ok: false, why: 'reason_required' });
    expect(run('submit', 'draft', body, { incompleteEntries: 2 })).toEqual({ ok: false, why: 'incomplete' });
    expect(run('submit', 'draft', body, { incompleteEntries: undefined })).toEqual({ ok: true, to: 'submitted', ownReport: false });
    expect(run('accept', 'draft', mogef)).toEqual({ ok: false, why: 'wrong_state' });
    expect(run('accept', 'submitted', body)).toEqual({ ok: false, why: 'wrong_role' });
    // Accept and submit need no reason.
    expect(run('accept', 'submitted', mogef, { reason: null })).toMatchObject({ ok: true });
    expect(run('submit', 'draft', body, { reason: null })).toMatchObject({ ok: true });
  });

  it('checks who asks before the period, the period before the state', () => {
    expect(run('accept', 'draft', body, { locked: true })).toEqual({ ok: false, why: 'wrong_role' });
    expect(run('submit', 'accepted', other, { locked: true })).toEqual({ ok: false, why: 'other_body' });
    expect(run('submit', 'accepted', body, { locked: true })).toEqual({ ok: false, why: 'locked' });
    expect(run('return', 'draft', mogef, { reason: null })).toEqual({ ok: false, why: 'wrong_state' });
  });

  it('answers FORBIDDEN for who asks and a locked period, CONFLICT for the rest', () => {
    expect(refusalCode('wrong_role')).toBe('FORBIDDEN');
    expect(refusalCode('other_body')).toBe('FORBIDDEN');
    expect(refusalCode('locked')).toBe('FORBIDDEN');
    expect(refusalCode('wrong_state')).toBe('CONFLICT');
    expect(refusalCode('reason_required')).toBe('CONFLICT');
    expect(refusalCode('incomplete')).toBe('CONFLICT');
    expect(refusalCode('confirm_own')).toBe('CONFLICT');
  });

  it('lets a body edit its own entries only while draft or returned, and MOGEF only the lead body\u2019s', () => {
    expect(checkBodyEdit(body, 'MOFA', 'draft', false, LEAD)).toEqual({ ok: true });
    expect(checkBodyEdit(body, 'MOFA', 'returned', false, LEAD)).toEqual({ ok: true });
    expect(checkBodyEdit(body, 'MOFA', 'submitted', false, LEAD)).toEqual({ ok: false, why: 'submitted' });
    expect(checkBodyEdit(body, 'MOFA', 'accepted', false, LEAD)).toEqual({ ok: false, why: 'accepted' });
    expect(checkBodyEdit(body, 'MOFA', 'draft', true, LEAD)).toEqual({ ok: false, why: 'locked' });
    expect(checkBodyEdit(other, 'MOFA', 'draft', false, LEAD)).toEqual({ ok: false, why: 'other_body' });
    expect(checkBodyEdit(body, LEAD, 'draft', false, LEAD)).toEqual({ ok: false, why: 'other_body' });
    expect(checkBodyEdit(mogef, 'MOFA', 'draft', false, LEAD)).toEqual({ ok: false, why: 'coordinator' });
    expect(checkBodyEdit(mogef, 'MOFA', 'draft', false)).toEqual({ ok: false, why: 'coordinator' });

    expect(checkBodyEdit(mogef, LEAD, 'draft', false, LEAD)).toEqual({ ok: true });
    expect(checkBodyEdit(mogef, LEAD, 'returned', false, LEAD)).toEqual({ ok: true });
    expect(checkBodyEdit(mogef, LEAD, 'submitted', false, LEAD)).toEqual({ ok: false, why: 'submitted' });
    expect(checkBodyEdit(mogef, LEAD, 'accepted', false, LEAD)).toEqual({ ok: false, why: 'accepted' });
    expect(checkBodyEdit(mogef, LEAD, 'draft', true, LEAD)).toEqual({ ok: false, why: 'locked' });
    // Without a lead body (none given, or a plan without one) the coordinator edits nothing.
    expect(checkBodyEdit(mogef, LEAD, 'draft', false)).toEqual({ ok: false, why: 'coordinator' });
    expect(checkBodyEdit(mogef, LEAD, 'draft', false, null)).toEqual({ ok: false, why: 'coordinator' });
    // A body installation for the lead body's code is that body, as before.
    expect(checkBodyEdit(leadBody, LEAD, 'draft', false, LEAD)).toEqual({ ok: true });
  });
});
