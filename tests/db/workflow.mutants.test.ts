/** The workflow's tables and answers as values (docs/mutation-testing.md): what callers and the history read. */
import { describe, expect, it } from 'vitest';
import { TRANSITIONS, checkCoordinator, checkTransition } from '../../db/workflow';
import type { Installation } from '../../contract/progress';

const body: Installation = { role: 'body', bodyCode: 'MOFA', userName: 'a' };
const mogef: Installation = { role: 'coordinator', userName: 'c' };

describe('the workflow as data', () => {
  it('is the plan\u2019s cycle: who moves a report from where to where, and which steps need a reason', () => {
    expect(TRANSITIONS).toEqual({
      submit: { from: ['draft', 'returned'], to: 'submitted', by: 'reporter', needsReason: false },
      return: { from: ['submitted'], to: 'returned', by: 'coordinator', needsReason: true },
      accept: { from: ['submitted'], to: 'accepted', by: 'coordinator', needsReason: false },
      reopen: { from: ['accepted'], to: 'returned', by: 'coordinator', needsReason: true },
    });
  });

  it('MOGEF\u2019s own fields are the coordinator\u2019s, and a refusal says the role is wrong', () => {
    expect(checkCoordinator(mogef)).toEqual({ ok: true });
    expect(checkCoordinator(body)).toEqual({ ok: false, why: 'wrong_role' });
  });

  it('only a submission needs the report complete: MOGEF returns, accepts and reopens an incomplete one', () => {
    const base = { actor: mogef, bodyCode: 'MOFA', leadBodyCode: 'MOGEF', locked: false, reason: '보완', incompleteEntries: 3 };
    expect(checkTransition({ ...base, action: 'return', from: 'submitted' })).toEqual({ ok: true, to: 'returned', ownReport: false });
    expect(checkTransition({ ...base, action: 'accept', from: 'submitted' })).toEqual({ ok: true, to: 'accepted', ownReport: false });
    expect(checkTransition({ ...base, action: 'reopen', from: 'accepted' })).toEqual({ ok: true, to: 'returned', ownReport: false });
    expect(checkTransition({ ...base, actor: body, action: 'submit', from: 'draft' })).toEqual({ ok: false, why: 'incomplete' });
  });
});
