/** Entries, history, permissions and the report workflow on a real database file. */
import { describe, expect, it } from 'vitest';
import { getEntry, previousEntry, saveEntry } from '../../db/entries';
import { entryHistory } from '../../db/history';
import { getBodyReport, setPeriodLocked, transitionReport } from '../../db/reports';
import { addEvidence, defineIndicator, removeEvidence, setIndicatorValue } from '../../db/indicators';
import { addEntryComment, setOverride } from '../../db/review';
import { bodyMatrix, dashboard, periodMatrix } from '../../db/matrix';
import { mnd, mofa, mogef, seededDb } from '../support/app';
import type { EntryPatch } from '../../contract/progress';

const full: EntryPatch = {
  completion: 'substantial',
  delayed: false,
  achievements: '여성·평화·안보 교육을 3회 실시했다.',
  nextSteps: '2023년에 교재를 개정한다.',
};

describe('progress entries', () => {
  it('saves a patch, bumps the revision and keeps every change in the history', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    const empty = getEntry(t.db, key, mofa);
    expect(empty).toMatchObject({ id: null, revision: 0, editable: true, completeness: { filled: 0, required: 4 } });

    const first = saveEntry(t.db, key, 0, { completion: 'limited', achievements: '초안' }, mofa, '김외교 (MOFA)');
    expect(first).toMatchObject({ revision: 1, completion: 'limited', achievements: '초안', updatedBy: '김외교 (MOFA)' });
    const second = saveEntry(t.db, key, 1, { completion: 'substantial', achievements: '초안을 고쳤다' }, mofa, '김외교 (MOFA)');
    expect(second.revision).toBe(2);

    const history = entryHistory(t.db, second.id!);
    expect(history.map((h) => [h.field, h.before, h.after])).toEqual([
      ['completion', null, 'limited'],
      ['achievements', null, '초안'],
      ['completion', 'limited', 'substantial'],
      ['achievements', '초안', '초안을 고쳤다'],
    ]);
    expect(history.every((h) => h.actor === '김외교 (MOFA)' && h.actorRole === 'body')).toBe(true);
    // The history cannot be rewritten, nor an entry deleted.
    expect(() => t.db.prepare('DELETE FROM change_log').run()).toThrow(/append-only/);
    expect(() => t.db.prepare('UPDATE change_log SET after = NULL').run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM progress_entry').run()).toThrow(/never deleted/);
  });

  it('does not count an unchanged value as a change', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    saveEntry(t.db, key, 0, { completion: 'limited' }, mofa, 'x');
    const again = saveEntry(t.db, key, 1, { completion: 'limited' }, mofa, 'x');
    expect(again.revision).toBe(1);
    expect(entryHistory(t.db, again.id!)).toHaveLength(1);
  });

  it('refuses a save against a stale revision, and changes nothing', () => {
    const t = seededDb();
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    saveEntry(t.db, key, 0, { achievements: 'A' }, mofa, 'x');
    expect(() => saveEntry(t.db, key, 0, { achievements: 'B' }, mofa, 'x')).toThrow(/changed elsewhere/);
    expect(getEntry(t.db, key, mofa).achievements).toBe('A');
  });

  it('lets a body change only its own entries, and MOGEF none', () => {
    const t = seededDb();
    const mofaKey = { actionPlanId: t.action('1.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    expect(() => saveEntry(t.db, mofaKey, 0, { achievements: 'x' }, mnd, 'x')).toThrow(/reports for MND, not MOFA/);
    expect(() => saveEntry(t.db, mofaKey, 0, { achievements: 'x' }, mogef, 'x')).toThrow(/MOGEF.*does not change/);
    expect(getEntry(t.db, mofaKey, mnd)).toMatchObject({ editable: false, readOnlyReason: 'other_body' });
    // A body that does not carry the action plan has no entry for it.
    const notCarried = { actionPlanId: t.action('4.1.1'), bodyCode: 'MOFA', periodId: t.period[2022] };
    expect(() => getEntry(t.db, notCarried, mofa)).toThrow(/does not carry/);
  });

  it('keeps indicator values and evidence in the entry and its history', () => {
    const t = seededDb();
    const actionPlanId = t.action('5.1.2');
    const indicatorId = defineIndicator(
      t.db,
      {
        actionPlanId,
        nameEn: 'Share of women among military officers',
        nameKo: '여군 간부 비율',
        unit: '%',
        kind: 'percent',
        baseline: 7.4,
        targets: [{ periodId: t.period[2022], target: 8.8 }],
      },
      mogef,
    );
    expect(() => defineIndicator(t.db, { actionPlanId, nameEn: 'x', nameKo: 'x', kind: 'number' }, mnd)).toThrow(/Only MOGEF/);
    const key = { actionPlanId, bodyCode: 'MND', periodId: t.period[2022] };
    expect(getEntry(t.db, key, mnd).completeness).toEqual({
      filled: 0,
      required: 5,
      missing: ['completion', 'delayed', 'achievements', 'nextSteps', `indicator:${indicatorId}`],
    });
    expect(() => setIndicatorValue(t.db, key, indicatorId, 120, mnd)).toThrow(/between 0 and 100/);
    setIndicatorValue(t.db, key, indicatorId, 8.1, mnd);
    const evidenceId = addEvidence(t.db, key, { title: '2022 국방 인사 통계', docDate: '2023-01-15', reference: '인사기획관리과-123' }, mnd);
    removeEvidence(t.db, key, evidenceId, mnd);
    const entry = getEntry(t.db, key, mnd);
    expect(entry.indicators).toEqual([
      expect.objectContaining({ indicatorId, value: 8.1, target: 8.8, baseline: 7.4, kind: 'percent' }),
    ]);
    expect(entry.evidence).toEqual([]);
    // Removed, not deleted.
    expect(t.db.prepare('SELECT count(*) FROM evidence WHERE removed_at IS NOT NULL').pluck().get()).toBe(1);
    expect(entryHistory(t.db, entry.id!).map((h) => h.field)).toEqual([`indicator:${indicatorId}`, 'evidence', 'evidence']);
  });

  it('shows last year\u2019s entry for reference', () => {
    const t = seededDb();
    const key2021 = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId: t.period[2021] };
    saveEntry(t.db, key2021, 0, { achievements: '2021년 실적' }, mofa, 'x');
    const prev = previousEntry(t.db, { ...key2021, periodId: t.period[2022] }, mofa);
    expect(prev?.achievements).toBe('2021년 실적');
    expect(previousEntry(t.db, key2021, mofa)).toBeNull();
  });
});

describe('report workflow on the database', () => {
  function fillAll(t: ReturnType<typeof seededDb>, periodId: number) {
    for (const item of getBodyReport(t.db, 'MOFA', periodId).items) {
      saveEntry(t.db, { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId }, 0, full, mofa, 'x');
    }
  }

  it('goes draft → submitted → returned → submitted → accepted, read-only while submitted', () => {
    const t = seededDb();
    const periodId = t.period[2022];
    const report = getBodyReport(t.db, 'MOFA', periodId);
    expect(report.status).toBe('draft');
    expect(report.items.length).toBe(23); // MOFA carries 21 action plans, and the two "All"
    expect(() => transitionReport(t.db, 'submit', 'MOFA', periodId, mofa)).toThrow(/miss required fields/);

    fillAll(t, periodId);
    const key = { actionPlanId: report.items[0]!.actionPlanId, bodyCode: 'MOFA', periodId };
    expect(transitionReport(t.db, 'submit', 'MOFA', periodId, mofa).status).toBe('submitted');
    expect(() => saveEntry(t.db, key, 1, { achievements: 'late' }, mofa, 'x')).toThrow(/submitted/);
    expect(() => transitionReport(t.db, 'accept', 'MOFA', periodId, mofa)).toThrow(/does not have that role/);

    addEntryComment(t.db, key, '예산 집행액을 적어 주세요.', mogef);
    const returned = transitionReport(t.db, 'return', 'MOFA', periodId, mogef, { reason: '예산 집행액이 빠졌습니다' });
    expect(returned).toMatchObject({ status: 'returned', returnedReason: '예산 집행액이 빠졌습니다' });
    expect(getEntry(t.db, key, mofa).comments.map((c) => c.text)).toEqual(['예산 집행액을 적어 주세요.']);

    saveEntry(t.db, key, 1, { budgetAllocated: 50_000_000, budgetExecuted: 42_500_000 }, mofa, 'x');
    transitionReport(t.db, 'submit', 'MOFA', periodId, mofa);
    const accepted = transitionReport(t.db, 'accept', 'MOFA', periodId, mogef);
    expect(accepted.status).toBe('accepted');
    expect(accepted.events.map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual([
      'draft>submitted',
      'submitted>returned',
      'returned>submitted',
      'submitted>accepted',
    ]);
    expect(accepted.returnedReason).toBeNull();
  });

  it('a locked period refuses every change by bodies', () => {
    const t = seededDb();
    const periodId = t.period[2021];
    expect(() => setPeriodLocked(t.db, periodId, true, mofa)).toThrow(/Only MOGEF/);
    setPeriodLocked(t.db, periodId, true, mogef);
    const key = { actionPlanId: t.action('3.1.1'), bodyCode: 'MOFA', periodId };
    expect(() => saveEntry(t.db, key, 0, { achievements: 'x' }, mofa, 'x')).toThrow(/locked/);
    setPeriodLocked(t.db, periodId, false, mogef);
    expect(saveEntry(t.db, key, 0, { achievements: 'x' }, mofa, 'x').achievements).toBe('x');
  });
});

describe('where the plan stands', () => {
  it('derives the consolidated level, and MOGEF overrides it with a reason', () => {
    const t = seededDb();
    const periodId = t.period[2022];
    const a = t.action('3.1.1'); // MOFA, MOGEF
    saveEntry(t.db, { actionPlanId: a, bodyCode: 'MOFA', periodId }, 0, { completion: 'completed', delayed: true }, mofa, 'x');
    let row = bodyMatrix(t.db, periodId).rows.find((r) => r.actionPlanId === a)!;
    expect(row.cells).toEqual({
      MOGEF: { completion: null, delayed: null, status: 'draft' },
      MOFA: { completion: 'completed', delayed: true, status: 'draft' },
    });
    expect(row.consolidated).toMatchObject({ derived: 'completed', effective: 'completed', reported: 1, expected: 2 });

    expect(() => setOverride(t.db, a, periodId, 'limited', '', mogef)).toThrow(/needs a reason/);
    expect(() => setOverride(t.db, a, periodId, 'limited', 'x', mofa)).toThrow(/Only MOGEF/);
    setOverride(t.db, a, periodId, 'limited', '시민자문단 의견 반영', mogef);
    row = bodyMatrix(t.db, periodId).rows.find((r) => r.actionPlanId === a)!;
    expect(row.consolidated).toMatchObject({ derived: 'completed', effective: 'limited', override: { reason: '시민자문단 의견 반영' } });

    const periods = periodMatrix(t.db, t.planId).find((r) => r.actionPlanId === a)!;
    expect(periods.levels).toEqual({ [t.period[2021]]: null, [t.period[2022]]: 'limited', [t.period[2023]]: null });
    expect(periods.delayed).toEqual({ [t.period[2022]]: true });

    setOverride(t.db, a, periodId, null, '재검토 결과 철회', mogef);
    row = bodyMatrix(t.db, periodId).rows.find((r) => r.actionPlanId === a)!;
    expect(row.consolidated).toMatchObject({ effective: 'completed', override: null });
  });

  it('counts levels by area and body, submissions and indicators for the dashboard', () => {
    const t = seededDb();
    const periodId = t.period[2022];
    const a = t.action('7.2.1'); // MOFA, KOICA — area 3 (Protection)
    saveEntry(t.db, { actionPlanId: a, bodyCode: 'MOFA', periodId }, 0, { ...full, completion: 'limited' }, mofa, 'x');
    const ind = defineIndicator(t.db, { actionPlanId: a, nameEn: 'GBV projects', nameKo: '젠더기반폭력 사업 수', kind: 'number', targets: [{ periodId, target: 5 }] }, mogef);
    setIndicatorValue(t.db, { actionPlanId: a, bodyCode: 'MOFA', periodId }, ind, 3, mofa);
    const d = dashboard(t.db, periodId);
    const protection = d.byArea.find((x) => x.areaSeq === 3)!;
    expect(protection.total).toBe(9);
    expect(protection.counts).toMatchObject({ limited: 1, none: 8 });
    expect(d.byBody.find((b) => b.bodyCode === 'MOFA')).toMatchObject({ total: 23, counts: { limited: 1, none: 22 } });
    expect(d.submissions.find((s) => s.bodyCode === 'MOFA')).toEqual({ bodyCode: 'MOFA', status: 'draft', filled: 1, required: 23 });
    expect(d.indicators).toEqual([
      expect.objectContaining({ indicatorId: ind, actionPlanCode: '7.2.1', target: 5, actual: 3, reported: 1 }),
    ]);
  });
});

describe('the derived levels the matrices read', () => {
  it('agree between the triggers (periods matrix, dashboard) and the rule in code (bodies matrix)', () => {
    const t = seededDb();
    const levels = ['not_started', 'limited', 'substantial', 'completed', 'no_evidence', null] as const;
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const periodId = t.period[2022];
    const rows = t.db
      .prepare(
        `SELECT ap.id AS a, b.code FROM action_plan_body apb JOIN action_plan ap ON ap.id = apb.action_plan_id
         JOIN implementing_body b ON b.id = apb.body_id`,
      )
      .all() as { a: number; code: string }[];
    // Entries written straight into the table (as an import would), twice, so the update trigger runs too.
    const upsert = t.db.prepare(
      `INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, delayed)
       VALUES (?, (SELECT id FROM implementing_body WHERE code = ?), ?, ?, ?)
       ON CONFLICT (action_plan_id, body_id, period_id) DO UPDATE SET completion = excluded.completion, delayed = excluded.delayed`,
    );
    for (let round = 0; round < 2; round++) {
      for (const r of rows) if (next() < 0.8) upsert.run(r.a, r.code, periodId, levels[Math.floor(next() * levels.length)] ?? null, next() < 0.2 ? 1 : 0);
    }
    const byBodies = new Map(bodyMatrix(t.db, periodId).rows.map((r) => [r.actionPlanId, r.consolidated.effective]));
    const byPeriods = new Map(periodMatrix(t.db, t.planId).map((r) => [r.actionPlanId, r.levels[periodId]]));
    expect(byPeriods).toEqual(byBodies);
    expect([...byBodies.values()].filter((l) => l !== null).length).toBeGreaterThan(30);
    // The dashboard's counts by area are the same levels.
    const d = dashboard(t.db, periodId);
    const fromMatrix: Record<string, number> = {};
    for (const level of byBodies.values()) fromMatrix[level ?? 'none'] = (fromMatrix[level ?? 'none'] ?? 0) + 1;
    const fromDashboard: Record<string, number> = {};
    for (const area of d.byArea) for (const [k, n] of Object.entries(area.counts)) if (n) fromDashboard[k] = (fromDashboard[k] ?? 0) + n;
    expect(fromDashboard).toEqual(fromMatrix);
  });

  it('count complete entries on the dashboard as the report does', () => {
    const t = seededDb();
    const periodId = t.period[2022];
    const items = getBodyReport(t.db, 'MOFA', periodId).items;
    items.slice(0, 5).forEach((item, i) =>
      saveEntry(t.db, { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId }, 0, i === 4 ? { ...full, delayed: true } : full, mofa, 'x'),
    );
    const complete = getBodyReport(t.db, 'MOFA', periodId).items.filter((i) => i.completeness.missing.length === 0).length;
    expect(complete).toBe(4); // the fifth is delayed without a reason
    expect(dashboard(t.db, periodId).submissions.find((s) => s.bodyCode === 'MOFA')?.filled).toBe(complete);
  });
});
