/**
 * Everything a meeting's pack prints, read from the database in a handful of
 * set-based queries (so that the 100× plan reads in well under a second):
 * the meeting, the plan's outline (area → objective → strategy → action
 * plan), each body's entry for the meeting's period (level, delay,
 * achievements, next steps, difficulties, budgets, indicators against their
 * targets, evidence counted, MOGEF's comments), the reports' states and
 * return reasons, the civic advisory panel's comments, the consolidated
 * levels (db/matrix.ts) and the open follow-ups of earlier meetings —
 * for all bodies or for one.
 *
 * The levels, their consolidation and the indicator's actual value are
 * db/matrix.ts's and contract/rules.ts's; nothing here decides them again.
 */
import type { Db } from '../../db/connection';
import { getPlanOutline } from '../../db/plan';
import { bodyMatrix, dashboard } from '../../db/matrix';
import type { Area, ImplementingBody, PlanSummary, ReportingPeriod } from '../../contract/domain';
import type { CompletionLevel, ConsolidatedLevel, IndicatorKind, ReportStatus } from '../../contract/progress';
import { isBehindTarget as behindTarget } from '../../contract/rules';
import type { FollowUp, Meeting } from '../../contract/meetings';
import { DomainError } from '../../contract/result';
import { getMeeting, openFollowUps } from '../../db/meetings';

/** One body's indicator value against the indicator's target for the period. */
export interface PackIndicatorValue {
  indicatorId: number;
  nameEn: string;
  nameKo: string;
  unit: string;
  kind: IndicatorKind;
  baseline: number | null;
  target: number | null;
  value: number | null;
}

/** A comment of MOGEF on an entry, or of the civic advisory panel on an action plan. */
export interface PackComment {
  text: string;
  author: string;
  createdAt: string;
}

/** One body's entry for an action plan in the meeting's period (every field null when it wrote nothing). */
export interface PackEntry {
  bodyCode: string;
  completion: CompletionLevel | null;
  delayed: boolean | null;
  delayReason: string | null;
  achievements: string | null;
  nextSteps: string | null;
  difficulties: string | null;
  budgetAllocated: number | null;
  budgetExecuted: number | null;
  evidenceCount: number;
  indicators: PackIndicatorValue[];
  comments: PackComment[];
  /** The state of the body's report for the period. */
  reportStatus: ReportStatus;
}

/** An indicator of an action plan across the bodies in scope: the actual value as db/matrix.ts's dashboard counts it (all bodies) or the one body's value. */
export interface PackIndicator {
  indicatorId: number;
  actionPlanCode: string;
  nameEn: string;
  nameKo: string;
  unit: string;
  kind: IndicatorKind;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  reported: number;
}

export interface PackActionPlan {
  id: number;
  code: string;
  textEn: string;
  textKo: string | null;
  /** The bodies carrying it, within the scope, in the plan's order. */
  bodyCodes: string[];
  /** The consolidated level (all bodies: db/matrix.ts, override included); one body in scope: that body's level. */
  level: CompletionLevel | null;
  consolidated: ConsolidatedLevel;
  entries: PackEntry[];
  panelComments: PackComment[];
  indicators: PackIndicator[];
}

export interface PackStrategy {
  code: string;
  textEn: string;
  textKo: string | null;
  actionPlans: PackActionPlan[];
}
export interface PackObjective {
  number: number;
  textEn: string;
  textKo: string | null;
  strategies: PackStrategy[];
}
export interface PackArea {
  seq: number;
  nameEn: string;
  nameKo: string;
  objectives: PackObjective[];
}

/** A report's state for the period, with MOGEF's reason while it is returned. */
export interface PackReport {
  bodyCode: string;
  status: ReportStatus;
  returnedReason: string | null;
}

export interface PackData {
  meeting: Meeting;
  plan: PlanSummary;
  period: ReportingPeriod;
  /** null: every body (MOGEF's meeting); else the one body's code. */
  scope: string | null;
  /** The bodies in scope, in the plan's order. */
  bodies: ImplementingBody[];
  /** The plan's tree, only the action plans carried by a body in scope (empty branches dropped). */
  areas: PackArea[];
  reports: PackReport[];
  /** Open follow-ups of meetings before this one (owned by the body in scope, or all). */
  followUps: FollowUp[];
}

/** An indicator of the pack is behind its target: contract/rules.ts isBehindTarget (a yes/no indicator's actual value is the share of "yes"). */
export function isBehindTarget(indicator: { kind: IndicatorKind; target: number | null; actual: number | null }): boolean {
  return behindTarget(indicator.kind, indicator.target, indicator.actual);
}

/** Every action plan of the pack's tree, in the plan's order. */
export function actionPlansOf(data: Pick<PackData, 'areas'>): PackActionPlan[] {
  return data.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans)));
}

interface EntryRow {
  id: number;
  a: number;
  body: string;
  completion: CompletionLevel | null;
  delayed: number | null;
  delayReason: string | null;
  achievements: string | null;
  nextSteps: string | null;
  difficulties: string | null;
  budgetAllocated: number | null;
  budgetExecuted: number | null;
  evidence: number;
}

/**
 * Reads a pack's data. The meeting and the follow-ups come from db/meetings.ts
 * (the caller reads them: getMeeting, openFollowUps with before: the meeting's
 * date); bodyCode scopes it to one body (refused if the body does not take part in the plan).
 */
export function readPackData(db: Db, input: { meeting: Meeting; followUps: readonly FollowUp[]; bodyCode: string | null }): PackData {
  const { meeting, bodyCode } = input;
  const periodId = meeting.periodId;
  const planId = db.prepare('SELECT plan_id FROM reporting_period WHERE id = ?').pluck().get(periodId) as number | undefined;
  if (planId === undefined) {
    throw new DomainError('NOT_FOUND', `회의가 점검하는 보고 기간(${periodId})이 없습니다. / The meeting reviews a reporting period (${periodId}) that does not exist.`, [
      { path: 'periodId' },
    ]);
  }
  const outline = getPlanOutline(db, planId);
  const period = outline.periods.find((p) => p.id === periodId);
  if (!period) throw new DomainError('NOT_FOUND', `There is no reporting period ${periodId}.`, [{ path: 'periodId' }]);
  const bodies = bodyCode === null ? outline.bodies : outline.bodies.filter((b) => b.code === bodyCode);
  if (bodyCode !== null && bodies.length === 0) {
    throw new DomainError(
      'NOT_FOUND',
      `이행기관 ${bodyCode}은(는) 이 계획에 참여하지 않습니다. 계획의 기관 중에서 고르십시오. / The body ${bodyCode} does not take part in this plan: choose one of the plan's bodies.`,
      [{ path: 'bodyCode' }],
    );
  }
  const inScope = new Set(bodies.map((b) => b.code));
  const bodyFilter = bodyCode === null ? '' : 'AND b.code = @bodyCode';
  const params = { period: periodId, plan: planId, bodyCode };

  // Reports' states and the reason of the last return (while returned).
  const statusRows = db
    .prepare(
      `SELECT b.code AS bodyCode, coalesce(r.status, 'draft') AS status,
              (SELECT ev.reason FROM report_event ev WHERE ev.body_id = b.id AND ev.period_id = @period AND ev.to_status = 'returned' ORDER BY ev.id DESC LIMIT 1) AS reason
       FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id
       LEFT JOIN report r ON r.body_id = b.id AND r.period_id = @period
       WHERE pb.plan_id = @plan ${bodyFilter} ORDER BY pb.seq`,
    )
    .all(params) as { bodyCode: string; status: ReportStatus; reason: string | null }[];
  const reports: PackReport[] = statusRows.map((r) => ({ bodyCode: r.bodyCode, status: r.status, returnedReason: r.status === 'returned' ? r.reason : null }));
  const statusOf = new Map(reports.map((r) => [r.bodyCode, r.status]));

  // Entries with their evidence counted.
  const entries = db
    .prepare(
      `SELECT e.id, e.action_plan_id AS a, b.code AS body, e.completion, e.delayed, e.delay_reason AS delayReason, e.achievements,
              e.next_steps AS nextSteps, e.difficulties, e.budget_allocated AS budgetAllocated, e.budget_executed AS budgetExecuted,
              (SELECT count(*) FROM evidence ev WHERE ev.entry_id = e.id AND ev.removed_at IS NULL) AS evidence
       FROM progress_entry e JOIN implementing_body b ON b.id = e.body_id JOIN action_plan ap ON ap.id = e.action_plan_id
       WHERE e.period_id = @period AND ap.plan_id = @plan ${bodyFilter}`,
    )
    .all(params) as EntryRow[];
  const entryByKey = new Map(entries.map((e) => [`${e.a}/${e.body}`, e]));

  // MOGEF's comments on the entries.
  const commentsByEntry = new Map<number, PackComment[]>();
  for (const c of db
    .prepare(
      `SELECT c.entry_id AS entry, c.text, c.author, c.created_at AS createdAt FROM entry_comment c
       JOIN progress_entry e ON e.id = c.entry_id JOIN implementing_body b ON b.id = e.body_id
       WHERE e.period_id = @period AND c.removed_at IS NULL ${bodyFilter} ORDER BY c.id`,
    )
    .all(params) as (PackComment & { entry: number })[]) {
    const list = commentsByEntry.get(c.entry) ?? [];
    list.push({ text: c.text, author: c.author, createdAt: c.createdAt });
    commentsByEntry.set(c.entry, list);
  }

  // The panel's comments on the action plans.
  const panelByAction = new Map<number, PackComment[]>();
  for (const c of db
    .prepare(
      `SELECT action_plan_id AS a, text, recorded_by AS author, created_at AS createdAt FROM panel_comment
       WHERE period_id = ? AND removed_at IS NULL ORDER BY id`,
    )
    .all(periodId) as (PackComment & { a: number })[]) {
    const list = panelByAction.get(c.a) ?? [];
    list.push({ text: c.text, author: c.author, createdAt: c.createdAt });
    panelByAction.set(c.a, list);
  }

  // Indicators with the period's target, and each body's value.
  const indicatorRows = db
    .prepare(
      `SELECT i.id AS indicatorId, i.action_plan_id AS a, i.name_en AS nameEn, i.name_ko AS nameKo, i.unit, i.kind, i.baseline, t.target
       FROM indicator i JOIN action_plan ap ON ap.id = i.action_plan_id
       LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.period_id = @period
       WHERE ap.plan_id = @plan AND i.removed_at IS NULL ORDER BY i.id`,
    )
    .all({ period: periodId, plan: planId }) as (Omit<PackIndicatorValue, 'value'> & { a: number })[];
  const indicatorsByAction = new Map<number, (Omit<PackIndicatorValue, 'value'> & { a: number })[]>();
  for (const i of indicatorRows) {
    const list = indicatorsByAction.get(i.a) ?? [];
    list.push(i);
    indicatorsByAction.set(i.a, list);
  }
  const values = new Map(
    (
      db
        .prepare(
          `SELECT v.indicator_id || '/' || b.code, v.value FROM indicator_value v JOIN implementing_body b ON b.id = v.body_id
           WHERE v.period_id = @period ${bodyFilter}`,
        )
        .raw()
        .all(params) as [string, number | null][]
    ),
  );
  // The actual value across every body as the dashboard counts it; for one body, its own value.
  const actualAll = new Map(dashboard(db, periodId).indicators.map((i) => [i.indicatorId, i]));
  const consolidated = new Map(bodyMatrix(db, periodId).rows.map((r) => [r.actionPlanId, r.consolidated]));

  const actionOf = (ap: Area['objectives'][number]['strategies'][number]['actionPlans'][number]): PackActionPlan | null => {
    const codes = ap.bodyCodes.filter((c) => inScope.has(c));
    if (codes.length === 0) return null;
    const defs = indicatorsByAction.get(ap.id) ?? [];
    const packEntries: PackEntry[] = codes.map((code) => {
      const e = entryByKey.get(`${ap.id}/${code}`);
      return {
        bodyCode: code,
        completion: e?.completion ?? null,
        delayed: e?.delayed === null || e?.delayed === undefined ? null : e.delayed === 1,
        delayReason: e?.delayReason ?? null,
        achievements: e?.achievements ?? null,
        nextSteps: e?.nextSteps ?? null,
        difficulties: e?.difficulties ?? null,
        budgetAllocated: e?.budgetAllocated ?? null,
        budgetExecuted: e?.budgetExecuted ?? null,
        evidenceCount: e?.evidence ?? 0,
        indicators: defs.map(({ a: _a, ...d }) => ({ ...d, value: values.get(`${d.indicatorId}/${code}`) ?? null })),
        comments: e ? (commentsByEntry.get(e.id) ?? []) : [],
        reportStatus: statusOf.get(code) ?? 'draft',
      };
    });
    const cons = consolidated.get(ap.id) ?? { derived: null, override: null, effective: null, reported: 0, expected: codes.length };
    const indicators: PackIndicator[] = defs.map(({ a: _a, ...d }) => {
      if (bodyCode === null) {
        const all = actualAll.get(d.indicatorId);
        return { ...d, actionPlanCode: ap.code, actual: all?.actual ?? null, reported: all?.reported ?? 0 };
      }
      // One body's value; a yes/no one as the share of "yes" (0 or 100), as the dashboard counts it across bodies.
      const own = values.get(`${d.indicatorId}/${bodyCode}`) ?? null;
      const actual = own !== null && d.kind === 'yes_no' ? own * 100 : own;
      return { ...d, actionPlanCode: ap.code, actual, reported: own === null ? 0 : 1 };
    });
    return {
      id: ap.id,
      code: ap.code,
      textEn: ap.textEn,
      textKo: ap.textKo,
      bodyCodes: codes,
      level: bodyCode === null ? cons.effective : (packEntries[0]?.completion ?? null),
      consolidated: cons,
      entries: packEntries,
      panelComments: panelByAction.get(ap.id) ?? [],
      indicators,
    };
  };

  const areas: PackArea[] = [];
  for (const area of outline.areas) {
    const objectives: PackObjective[] = [];
    for (const o of area.objectives) {
      const strategies: PackStrategy[] = [];
      for (const s of o.strategies) {
        const actionPlans = s.actionPlans.map(actionOf).filter((a): a is PackActionPlan => a !== null);
        if (actionPlans.length > 0) strategies.push({ code: s.code, textEn: s.textEn, textKo: s.textKo, actionPlans });
      }
      if (strategies.length > 0) objectives.push({ number: o.number, textEn: o.textEn, textKo: o.textKo, strategies });
    }
    if (objectives.length > 0) areas.push({ seq: area.seq, nameEn: area.nameEn, nameKo: area.nameKo, objectives });
  }

  const followUps = input.followUps.filter((f) => bodyCode === null || f.ownerBody === bodyCode);
  return { meeting, plan: outline.plan, period, scope: bodyCode, bodies, areas, reports, followUps };
}

/**
 * A pack's data for a meeting: the meeting (db/meetings.ts getMeeting), the
 * follow-ups still open from meetings before its date (openFollowUps), and
 * readPackData's reading of the meeting's period, for every body or one.
 */
export function loadPackData(db: Db, { meetingUid, bodyCode }: { meetingUid: string; bodyCode: string | null }): PackData {
  const meeting = getMeeting(db, meetingUid);
  const followUps = openFollowUps(db, { ownerBody: bodyCode, before: meeting.date });
  return readPackData(db, { meeting, followUps, bodyCode });
}
