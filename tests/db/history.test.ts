/** The history keeps every fact of MOGEF's overrides and comments: reasons of removals, what was really there before. */
import { describe, expect, it } from 'vitest';
import { overrideHistory } from '../../db/history';
import { addEntryComment, addPanelComment, listPanelComments, setOverride } from '../../db/review';
import { loadPlanDocument } from '../../db/seed';
import { getEntry } from '../../db/entries';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { mofa, mogef, seededDb } from '../support/app';

function count(t: ReturnType<typeof seededDb>, table: string): number {
  return t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('override history', () => {
  it('keeps the reason of a removal in the history and on the row', () => {
    const t = seededDb();
    const a = t.action('3.1.1');
    const p = t.period[2022];
    setOverride(t.db, a, p, 'limited', '  시민자문단 의견 반영\u3000', mogef);
    setOverride(t.db, a, p, 'substantial', '추가 근거 확인', mogef);
    setOverride(t.db, a, p, null, '재검토 결과 철회', mogef);
    expect(overrideHistory(t.db, a, p).map((h) => [h.before, h.after, h.actor])).toEqual([
      [null, { completion: 'limited', reason: '시민자문단 의견 반영' }, '박조정 (MOGEF)'],
      [{ completion: 'limited', reason: '시민자문단 의견 반영' }, { completion: 'substantial', reason: '추가 근거 확인' }, '박조정 (MOGEF)'],
      [{ completion: 'substantial', reason: '추가 근거 확인' }, { completion: null, reason: '재검토 결과 철회' }, '박조정 (MOGEF)'],
    ]);
    expect(
      t.db.prepare('SELECT completion, reason, removed_by AS removedBy, removed_reason AS removedReason, removed_at IS NOT NULL AS removed FROM consolidated_override').get(),
    ).toEqual({ completion: 'substantial', reason: '추가 근거 확인', removedBy: '박조정 (MOGEF)', removedReason: '재검토 결과 철회', removed: 1 });

    // Set again after a removal: the row is in effect again, the removal's facts stay in the history.
    setOverride(t.db, a, p, 'completed', '최종 확인', mogef);
    expect(t.db.prepare('SELECT completion, removed_at, removed_reason FROM consolidated_override').get()).toEqual({
      completion: 'completed',
      removed_at: null,
      removed_reason: null,
    });
    expect(overrideHistory(t.db, a, p).at(-1)).toMatchObject({ before: null, after: { completion: 'completed', reason: '최종 확인' } });
  });

  it('refuses to remove an override that is not there, and logs nothing', () => {
    const t = seededDb();
    const a = t.action('3.1.1');
    const p = t.period[2022];
    const log = count(t, 'change_log');
    expect(() => setOverride(t.db, a, p, null, '철회', mogef)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', details: [{ path: 'completion' }] }));
    setOverride(t.db, a, p, 'limited', '근거 부족', mogef);
    setOverride(t.db, a, p, null, '철회', mogef);
    expect(() => setOverride(t.db, a, p, null, '다시 철회', mogef)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(count(t, 'change_log')).toBe(log + 2);
  });

  it('does not log a change when the same override is set again', () => {
    const t = seededDb();
    const a = t.action('3.1.1');
    const p = t.period[2022];
    setOverride(t.db, a, p, 'limited', '근거 부족', mogef);
    setOverride(t.db, a, p, 'limited', ' 근거 부족 ', mogef);
    expect(overrideHistory(t.db, a, p)).toHaveLength(1);
  });

  it('refuses an override of a missing action plan or period, or of a period of another plan, storing nothing', () => {
    const t = seededDb();
    const nap4 = loadPlanDocument(t.db, { ...(nap3 as PlanDocumentInput), plan: { ...(nap3 as PlanDocumentInput).plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } });
    const otherPeriod = t.db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? LIMIT 1').pluck().get(nap4.planId) as number;
    const a = t.action('3.1.1');
    const p = t.period[2022];
    const log = count(t, 'change_log');
    const cases: [number, number, string | null, string, string][] = [
      [999_999, p, 'limited', 'NOT_FOUND', 'actionPlanId'],
      [999_999, p, null, 'NOT_FOUND', 'actionPlanId'],
      [a, 999_999, 'limited', 'NOT_FOUND', 'periodId'],
      [a, otherPeriod, 'limited', 'BAD_REQUEST', 'periodId'],
      [a, otherPeriod, null, 'BAD_REQUEST', 'periodId'],
    ];
    for (const [actionPlanId, periodId, completion, code, path] of cases) {
      expect(() => setOverride(t.db, actionPlanId, periodId, completion as never, '근거', mogef), `${actionPlanId}/${periodId}/${completion}`).toThrow(
        expect.objectContaining({ code, details: [{ path }] }),
      );
    }
    expect(() => setOverride(t.db, a, p, 'done' as never, '근거', mogef)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path: 'completion' }] }));
    expect(() => setOverride(t.db, a, p, 'limited', ' \u3000\n', mogef)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path: 'reason', hint: 'required' }] }));
    expect(count(t, 'consolidated_override')).toBe(0);
    expect(count(t, 'change_log')).toBe(log);
  });
});

describe('comments as written', () => {
  it('stores comments cleaned (NFC, trimmed), refuses empty ones, and checks the panel comment\u2019s references', () => {
    const t = seededDb();
    const a = t.action('3.1.1');
    const p = t.period[2022];
    const key = { actionPlanId: a, bodyCode: 'MOFA', periodId: p };
    // "한" typed as decomposed jamo (NFD) with a full-width space around it.
    addEntryComment(t.db, key, '\u3000\u1112\u1161\u11ab 번 더 확인\u00a0', mogef);
    expect(getEntry(t.db, key, mofa).comments.map((c) => c.text)).toEqual(['한 번 더 확인']);
    expect(() => addEntryComment(t.db, key, ' \n\u3000', mogef)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path: 'text', hint: 'required' }] }));
    expect(() => addEntryComment(t.db, key, 'x\uD800', mogef)).toThrow(expect.objectContaining({ details: [{ path: 'text', hint: 'bad_character' }] }));

    addPanelComment(t.db, a, p, ' 시민자문단 의견 ', mogef);
    expect(listPanelComments(t.db, a, p).map((c) => c.text)).toEqual(['시민자문단 의견']);
    const nap4 = loadPlanDocument(t.db, { ...(nap3 as PlanDocumentInput), plan: { ...(nap3 as PlanDocumentInput).plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } });
    const otherPeriod = t.db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? LIMIT 1').pluck().get(nap4.planId) as number;
    expect(() => addPanelComment(t.db, a, otherPeriod, '의견', mogef)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path: 'periodId' }] }));
    expect(() => addPanelComment(t.db, a, 999_999, '의견', mogef)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', details: [{ path: 'periodId' }] }));
    expect(() => addPanelComment(t.db, 999_999, p, '의견', mogef)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', details: [{ path: 'actionPlanId' }] }));
    expect(count(t, 'panel_comment')).toBe(1);
  });
});
