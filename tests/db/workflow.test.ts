/** The workflow rules as a state machine, on their own. */
import { describe, expect, it } from 'vitest';
import { checkBodyEdit, checkTransition, TRANSITIONS, type ReportAction } from '../../db/workflow';
import type { Installation, ReportStatus } from '../../contract/progress';

const body: Installation = { role: 'body', bodyCode: 'MOFA', userName: 'a' };
const other: Installation = { role: 'body', bodyCode: 'MND', userName: 'b' };
const mogef: Installation = { role: 'coordinator', userName: 'c' };
const STATES: ReportStatus[] = ['draft', 'submitted', 'returned', 'accepted'];

function run(action: ReportAction, from: ReportStatus, actor: Installation, extra: Partial<Parameters<typeof checkTransition>[0]> = {}) {
  return checkTransition({ action, from, actor, bodyCode: 'MOFA', locked: false, reason: 'because', incompleteEntries: 0, ...extra });
}

describe('report workflow', () => {
  it('allows exactly the transitions of the plan\u2019s cycle', () => {
    const allowed: string[] = [];
    for (const action of Object.keys(TRANSITIONS) as ReportAction[])
      for (const from of STATES)
        for (const actor of [body, mogef]) {
          const r = run(action, from, actor);
          if (r.ok) allowed.push(`${actor.role}:${action}:${from}->${r.to}`);
        }
    expect(allowed.sort()).toEqual(
      [
        'body:submit:draft->submitted',
        'body:submit:returned->submitted',
        'coordinator:return:submitted->returned',
        'coordinator:accept:submitted->accepted',
        'coordinator:reopen:accepted->returned',
      ].sort(),
    );
  });

  it('refuses another body, a locked period, a missing reason and an incomplete report', () => {
    expect(run('submit', 'draft', other)).toEqual({ ok: false, why: 'other_body' });
    expect(run('submit', 'draft', body, { locked: true })).toEqual({ ok: false, why: 'locked' });
    expect(run('return', 'submitted', mogef, { reason: '  ' })).toEqual({ ok: false, why: 'reason_required' });
    expect(run('return', 'submitted', mogef, { reason: null })).toEqual({ ok: false, why: 'reason_required' });
    expect(run('submit', 'draft', body, { incompleteEntries: 2 })).toEqual({ ok: false, why: 'incomplete' });
    expect(run('accept', 'draft', mogef)).toEqual({ ok: false, why: 'wrong_state' });
    expect(run('accept', 'submitted', body)).toEqual({ ok: false, why: 'wrong_role' });
  });

  it('lets a body edit its own entries only while draft or returned, and never MOGEF', () => {
    expect(checkBodyEdit(body, 'MOFA', 'draft', false)).toEqual({ ok: true });
    expect(checkBodyEdit(body, 'MOFA', 'returned', false)).toEqual({ ok: true });
    expect(checkBodyEdit(body, 'MOFA', 'submitted', false)).toEqual({ ok: false, why: 'submitted' });
    expect(checkBodyEdit(body, 'MOFA', 'accepted', false)).toEqual({ ok: false, why: 'accepted' });
    expect(checkBodyEdit(body, 'MOFA', 'draft', true)).toEqual({ ok: false, why: 'locked' });
    expect(checkBodyEdit(other, 'MOFA', 'draft', false)).toEqual({ ok: false, why: 'other_body' });
    expect(checkBodyEdit(mogef, 'MOFA', 'draft', false)).toEqual({ ok: false, why: 'coordinator' });
  });
});
