/**
 * MOGEF's review fields, for the paths mutation testing found untested
 * (docs/mutation-testing.md): what each refusal says, comments in the
 * history, panel comments listed per action plan and period, an override
 * changed in its level or only its reason.
 */
import { describe, expect, it } from 'vitest';
import { addEntryComment, addPanelComment, listPanelComments, setOverride } from '../../db/review';
import { entryHistory, overrideHistory } from '../../db/history';
import { getEntry } from '../../db/entries';
import { refusal } from '../support/refusal';
import { loadPlanDocument } from '../../db/seed';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { mofa, mogef, seededDb } from '../support/app';

describe('who may review', () => {
  it('only the coordinator, and the refusal says what was asked', () => {
    const t = seededDb();
    const a = t.action('3.1.1');
    const p = t.period[2022];
    const key = { actionPlanId: a, bodyCode: 'MOFA', periodId: p };
    const cases: [() => unknown, string][] = [
      [() => addEntryComment(t.db, key, '의견', mofa), 'Only MOGEF\u2019s installation can comment on entries.'],
      [() => addPanelComment(t.db, a, p, '의견', mofa), 'Only MOGEF\u2019s installation can record the civic advisory panel\u2019s comments.'],
      [() => setOverride(t.db, a, p, 'limited', '근거', mofa), 'Only MOGEF\u2019s installation can override a consolidated level.'],
    ];
    for (const [f, message] of cases) {
      const e = refusal(f);
      expect([e.code, e.message]).toEqual(['FORBIDDEN', message]);
    }
    const tables = ['entry_comment', 'panel_comment', 'consolidated_override', 'change_log', 'progress_entry'];
    expect(tables.map((x) => t.db.prepare(`SELECT count(*) FROM ${x}`).pluck().get())).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('comments', () => {
  it('an entry comment is in the entry\u2019s history, by its author; an unknown entry is NOT_FOUND', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const id = addEntryComment(t.db, key, '근거 문서를 첨부해 주세요', mogef);
    const entry = getEntry(t.db, key, mofa);
    expect(entry.comments).toEqual([{ id, text: '근거 문서를 첨부해 주세요', author: '박조정 (MOGEF)', createdAt: expect.stringMatching(/^\d{4}-/) }]);
    expect(entryHistory(t.db, entry.id!).map((h) => [h.field, h.before, h.after, h.actor])).toEqual([['comment', null, '근거 문서를 첨부해 주세요', '박조정 (MOGEF)']]);
    // A comment does not change the body's revision (the body's autosave must not conflict with it).
    expect(entry.revision).toBe(0);
    expect(refusal(() => addEntryComment(t.db, { ...key, actionPlanId: 999_999 }, '의견', mogef)).code).toBe('NOT_FOUND');
  });

  it('panel comments are listed per action plan and period, in order, with who recorded them; each is in the history', () => {
    const t = seededDb();
    const a = t.action('3.1.1');
    const b = t.action('3.1.2');
    const p = t.period[2022];
    const first = addPanelComment(t.db, a, p, '첫째', mogef);
    const second = addPanelComment(t.db, a, p, '둘째', mogef);
    addPanelComment(t.db, b, p, '다른 과제', mogef);
    addPanelComment(t.db, a, t.period[2023], '다른 해', mogef);
    expect(listPanelComments(t.db, a, p)).toEqual([
      { id: first, text: '첫째', recordedBy: '박조정 (MOGEF)', createdAt: expect.stringMatching(/^\d{4}-/) },
      { id: second, text: '둘째', recordedBy: '박조정 (MOGEF)', createdAt: expect.stringMatching(/^\d{4}-/) },
    ]);
    expect(listPanelComments(t.db, a, t.period[2021])).toEqual([]);
    expect(
      t.db.prepare("SELECT entity_id, field, before, after FROM change_log WHERE entity = 'panel_comment' ORDER BY id").raw().all(),
    ).toEqual([
      [first, 'text', null, JSON.stringify('첫째')],
      [second, 'text', null, JSON.stringify('둘째')],
      [expect.any(Number), 'text', null, JSON.stringify('다른 과제')],
      [expect.any(Number), 'text', null, JSON.stringify('다른 해')],
    ]);
  });
});

describe('overrides', () => {
  it('a new level with the same reason, or the same level with a new reason, is a change; each is logged', () => {
    const t = seededDb();
    const a = t.action('3.1.1');
    const p = t.period[2022];
    const row = () => t.db.prepare('SELECT completion, reason, set_by FROM consolidated_override').raw().all();
    setOverride(t.db, a, p, 'limited', '근거 부족', mogef);
    setOverride(t.db, a, p, 'substantial', '근거 부족', mogef);
    setOverride(t.db, a, p, 'substantial', '추가 확인', mogef);
    expect(row()).toEqual([['substantial', '추가 확인', '박조정 (MOGEF)']]);
    expect(overrideHistory(t.db, a, p).map((h) => [h.before, h.after])).toEqual([
      [null, { completion: 'limited', reason: '근거 부족' }],
      [{ completion: 'limited', reason: '근거 부족' }, { completion: 'substantial', reason: '근거 부족' }],
      [{ completion: 'substantial', reason: '근거 부족' }, { completion: 'substantial', reason: '추가 확인' }],
    ]);
    // Another period or action plan has its own override.
    setOverride(t.db, a, t.period[2023], 'completed', '확인', mogef);
    expect(t.db.prepare('SELECT count(*) FROM consolidated_override').pluck().get()).toBe(2);
    expect(overrideHistory(t.db, a, p)).toHaveLength(3);
  });

  it('an override needs a reason: the refusal names it', () => {
    const t = seededDb();
    const e = refusal(() => setOverride(t.db, t.action('3.1.1'), t.period[2022], 'limited', '', mogef));
    expect([e.code, e.message, e.details]).toEqual(['BAD_REQUEST', 'An override needs a reason.', [{ path: 'reason', hint: 'required' }]]);
    const level = refusal(() => setOverride(t.db, t.action('3.1.1'), t.period[2022], 'done' as never, '근거', mogef));
    expect(level.message).toBe('No such completion level.');
    const removal = refusal(() => setOverride(t.db, t.action('3.1.1'), t.period[2022], null, '철회', mogef));
    expect(removal.message).toBe('There is no override to remove.');
  });
});

describe('what a refused comment or override says', () => {
  const BAD = 'holds a character that cannot be stored (half of a UTF-16 pair).';

  it('names the text, the reason and the reference that are wrong', () => {
    const t = seededDb();
    const doc = nap3 as PlanDocumentInput;
    const nap4 = loadPlanDocument(t.db, { ...doc, plan: { ...doc.plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } });
    const otherPeriod = t.db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? LIMIT 1').pluck().get(nap4.planId) as number;
    const a = t.action('3.1.1');
    const p = t.period[2022];
    const key = { actionPlanId: a, bodyCode: 'MOFA', periodId: p };
    const cases: [() => unknown, string, [string, { path: string; hint?: string }[], string]][] = [
      [() => addEntryComment(t.db, key, ' ', mogef), 'entry comment', ['BAD_REQUEST', [{ path: 'text', hint: 'required' }], 'The comment is empty.']],
      [() => addPanelComment(t.db, a, p, '\u3000', mogef), 'panel comment', ['BAD_REQUEST', [{ path: 'text', hint: 'required' }], 'The comment is empty.']],
      [() => setOverride(t.db, a, p, 'limited', 'a\uD800', mogef), 'override reason', ['BAD_REQUEST', [{ path: 'reason', hint: 'bad_character' }], `The reason ${BAD}`]],
      [() => addPanelComment(t.db, 999_999, p, '의견', mogef), 'action plan', ['NOT_FOUND', [{ path: 'actionPlanId' }], 'No such action plan.']],
      [() => addPanelComment(t.db, a, 999_999, '의견', mogef), 'period', ['NOT_FOUND', [{ path: 'periodId' }], 'No such reporting period.']],
      [() => addPanelComment(t.db, a, otherPeriod, '의견', mogef), 'other plan', ['BAD_REQUEST', [{ path: 'periodId' }], 'The reporting period is not one of the action plan\u2019s plan.']],
    ];
    for (const [f, label, want] of cases) {
      const e = refusal(f);
      expect([e.code, e.details, e.message], label).toEqual(want);
    }
  });
});
