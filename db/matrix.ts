/**
 * Where the plan stands: the matrix of action plans × bodies for a period,
 * the matrix of action plans × periods, and the dashboard's aggregates. Each
 * is a handful of set-based queries, assembled in one pass, so that the 100×
 * plan (5,000 action plans, 20 bodies, 10 periods) answers in milliseconds.
 */
import type { Db } from './connection';
import type {
  BodyMatrix,
  CompletionLevel,
  ConsolidatedLevel,
  Dashboard,
  MatrixRow,
  PeriodMatrixRow,
  ReportStatus,
} from '../contract/progress';
import { DomainError } from '../contract/result';
import { deriveLevel } from './consolidate';

interface ActionRow {
  actionPlanId: number;
  code: string;
  textEn: string;
  areaSeq: number;
  objectiveNumber: number;
  strategyCode: string;
}

function actionRows(db: Db, planId: number): ActionRow[] {
  return db
    .prepare(
      `SELECT ap.id AS actionPlanId, ap.code, ap.text_en AS textEn, a.seq AS areaSeq, o.number AS objectiveNumber, s.code AS strategyCode
       FROM action_plan ap JOIN strategy s ON s.id = ap.strategy_id JOIN objective o ON o.id = s.objective_id JOIN area a ON a.id = o.area_id
       WHERE ap.plan_id = ? ORDER BY a.seq, o.number, s.seq, ap.seq`,
    )
    .all(planId) as ActionRow[];
}

function planOfPeriod(db: Db, periodId: number): number {
  const planId = db.prepare('SELECT plan_id FROM reporting_period WHERE id = ?').pluck().get(periodId) as number | undefined;
  if (planId === undefined) throw new DomainError('NOT_FOUND', `There is no reporting period ${periodId}.`, [{ path: 'periodId' }]);
  return planId;
}

interface CellRow {
  a: number;
  body: string;
  completion: CompletionLevel | null;
  delayed: number | null;
  status: ReportStatus;
}

/** Every assignment of the plan with the entry of the period (if any) and the body's report state. */
function cellRows(db: Db, planId: number, periodId: number): CellRow[] {
  return db
    .prepare(
      `SELECT apb.action_plan_id AS a, b.code AS body, e.completion, e.delayed, coalesce(r.status, 'draft') AS status
       FROM action_plan ap
       JOIN action_plan_body apb ON apb.action_plan_id = ap.id
       JOIN implementing_body b ON b.id = apb.body_id
       JOIN plan_body pb ON pb.plan_id = ap.plan_id AND pb.body_id = b.id
       LEFT JOIN progress_entry e ON e.action_plan_id = ap.id AND e.body_id = b.id AND e.period_id = @period
       LEFT JOIN report r ON r.body_id = b.id AND r.period_id = @period
       WHERE ap.plan_id = @plan
       ORDER BY apb.action_plan_id, pb.seq`,
    )
    .all({ plan: planId, period: periodId }) as CellRow[];
}

type Override = NonNullable<ConsolidatedLevel['override']>;

function overrides(db: Db, periodId: number): Map<number, Override> {
  const rows = db
    .prepare(
      `SELECT action_plan_id AS a, completion, reason, set_by AS setBy, set_at AS setAt FROM consolidated_override
       WHERE period_id = ? AND removed_at IS NULL`,
    )
    .all(periodId) as (Override & { a: number })[];
  return new Map(rows.map(({ a, ...o }) => [a, o]));
}

function consolidated(levels: (CompletionLevel | null)[], override: Override | undefined): ConsolidatedLevel {
  const derived = deriveLevel(levels);
  return {
    derived,
    override: override ?? null,
    effective: override?.completion ?? derived,
    reported: levels.filter((l) => l !== null).length,
    expected: levels.length,
  };
}

export function bodyMatrix(db: Db, periodId: number): BodyMatrix {
  const planId = planOfPeriod(db, periodId);
  const rows = actionRows(db, planId);
  const byAction = new Map<number, CellRow[]>();
  for (const c of cellRows(db, planId, periodId)) {
    let list = byAction.get(c.a);
    if (!list) byAction.set(c.a, (list = []));
    list.push(c);
  }
  const over = overrides(db, periodId);
  const out: MatrixRow[] = rows.map((r) => {
    const cells: MatrixRow['cells'] = {};
    const list = byAction.get(r.actionPlanId) ?? [];
    for (const c of list) cells[c.body] = { completion: c.completion, delayed: c.delayed === null ? null : c.delayed === 1, status: c.status };
    return { ...r, cells, consolidated: consolidated(list.map((c) => c.completion), over.get(r.actionPlanId)) };
  });
  return { periodId, rows: out };
}

/** Action plans × periods: the effective consolidated level of each period. */
export function periodMatrix(db: Db, planId: number): PeriodMatrixRow[] {
  const rows = actionRows(db, planId);
  const bodies = new Map<number, string[]>();
  for (const r of db
    .prepare(
      `SELECT apb.action_plan_id AS a, b.code FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id
       JOIN action_plan ap ON ap.id = apb.action_plan_id JOIN plan_body pb ON pb.plan_id = ap.plan_id AND pb.body_id = b.id
       WHERE ap.plan_id = ? ORDER BY apb.action_plan_id, pb.seq`,
    )
    .all(planId) as { a: number; code: string }[]) {
    let list = bodies.get(r.a);
    if (!list) bodies.set(r.a, (list = []));
    list.push(r.code);
  }
  const levels = new Map<string, (CompletionLevel | null)[]>();
  const delayed = new Map<string, boolean>();
  for (const e of db
    .prepare(
      `SELECT e.action_plan_id AS a, e.period_id AS p, e.completion, e.delayed FROM progress_entry e
       JOIN action_plan ap ON ap.id = e.action_plan_id WHERE ap.plan_id = ?`,
    )
    .all(planId) as { a: number; p: number; completion: CompletionLevel | null; delayed: number | null }[]) {
    const key = `${e.a}:${e.p}`;
    let list = levels.get(key);
    if (!list) levels.set(key, (list = []));
    list.push(e.completion);
    if (e.delayed === 1) delayed.set(key, true);
  }
  const over = new Map<string, CompletionLevel>();
  for (const o of db
    .prepare(
      `SELECT o.action_plan_id AS a, o.period_id AS p, o.completion FROM consolidated_override o
       JOIN action_plan ap ON ap.id = o.action_plan_id WHERE ap.plan_id = ? AND o.removed_at IS NULL`,
    )
    .all(planId) as { a: number; p: number; completion: CompletionLevel }[]) {
    over.set(`${o.a}:${o.p}`, o.completion);
  }
  const periods = db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year').pluck().all(planId) as number[];
  return rows.map((r) => {
    const lv: PeriodMatrixRow['levels'] = {};
    const dl: PeriodMatrixRow['delayed'] = {};
    for (const p of periods) {
      const key = `${r.actionPlanId}:${p}`;
      lv[String(p)] = over.get(key) ?? deriveLevel(levels.get(key) ?? []);
      if (delayed.get(key)) dl[String(p)] = true;
    }
    return { ...r, bodyCodes: bodies.get(r.actionPlanId) ?? [], levels: lv, delayed: dl };
  });
}

const LEVEL_KEYS = ['not_started', 'limited', 'substantial', 'completed', 'no_evidence', 'none'] as const;
const emptyCounts = () => Object.fromEntries(LEVEL_KEYS.map((k) => [k, 0])) as Record<(typeof LEVEL_KEYS)[number], number>;

/** The dashboard's aggregates for a period. */
export function dashboard(db: Db, periodId: number): Dashboard {
  const planId = planOfPeriod(db, periodId);
  const matrix = bodyMatrix(db, periodId);
  const areas = db.prepare('SELECT seq, name_en AS nameEn, name_ko AS nameKo FROM area WHERE plan_id = ? ORDER BY seq').all(planId) as {
    seq: number;
    nameEn: string;
    nameKo: string;
  }[];
  const areaCounts = new Map(areas.map((a) => [a.seq, emptyCounts()]));
  const bodyCodes = db
    .prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id WHERE pb.plan_id = ? ORDER BY pb.seq')
    .pluck()
    .all(planId) as string[];
  const bodyCounts = new Map(bodyCodes.map((c) => [c, { counts: emptyCounts(), delayed: 0, filled: 0 }]));
  for (const row of matrix.rows) {
    const a = areaCounts.get(row.areaSeq);
    if (a) a[row.consolidated.effective ?? 'none']++;
    for (const [code, cell] of Object.entries(row.cells)) {
      const b = bodyCounts.get(code);
      if (!b) continue;
      b.counts[cell.completion ?? 'none']++;
      if (cell.delayed) b.delayed++;
    }
  }
  // Completeness by body: entries with every required field (cheap SQL approximation of entries.completenessOf).
  const complete = new Map(
    (
      db
        .prepare(
          `SELECT b.code, count(*) AS n FROM progress_entry e JOIN implementing_body b ON b.id = e.body_id
           WHERE e.period_id = ? AND e.completion IS NOT NULL AND e.delayed IS NOT NULL
             AND trim(coalesce(e.achievements, '')) <> '' AND trim(coalesce(e.next_steps, '')) <> ''
             AND (e.delayed = 0 OR trim(coalesce(e.delay_reason, '')) <> '')
             AND NOT EXISTS (SELECT 1 FROM indicator i WHERE i.action_plan_id = e.action_plan_id AND i.removed_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = i.id AND v.body_id = e.body_id
                                     AND v.period_id = e.period_id AND v.value IS NOT NULL))
           GROUP BY b.code`,
        )
        .all(periodId) as { code: string; n: number }[]
    ).map((r) => [r.code, r.n]),
  );
  const states = new Map(
    (
      db.prepare('SELECT b.code, r.status FROM report r JOIN implementing_body b ON b.id = r.body_id WHERE r.period_id = ?').all(periodId) as {
        code: string;
        status: ReportStatus;
      }[]
    ).map((r) => [r.code, r.status]),
  );
  const indicators = db
    .prepare(
      `SELECT i.id AS indicatorId, ap.code AS actionPlanCode, i.name_en AS nameEn, i.name_ko AS nameKo, i.unit, i.kind, i.baseline,
              t.target, count(v.value) AS reported,
              CASE i.kind WHEN 'number' THEN sum(v.value) WHEN 'percent' THEN avg(v.value) ELSE avg(v.value) * 100 END AS actual
       FROM indicator i JOIN action_plan ap ON ap.id = i.action_plan_id
       LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.period_id = @period
       LEFT JOIN indicator_value v ON v.indicator_id = i.id AND v.period_id = @period AND v.value IS NOT NULL
       WHERE ap.plan_id = @plan AND i.removed_at IS NULL
       GROUP BY i.id ORDER BY ap.id, i.id`,
    )
    .all({ plan: planId, period: periodId }) as Dashboard['indicators'];
  return {
    periodId,
    byArea: areas.map((a) => {
      const counts = areaCounts.get(a.seq)!;
      return { areaSeq: a.seq, nameEn: a.nameEn, nameKo: a.nameKo, counts, total: Object.values(counts).reduce((x, y) => x + y, 0) };
    }),
    byBody: bodyCodes.map((code) => {
      const b = bodyCounts.get(code)!;
      return { bodyCode: code, counts: b.counts, total: Object.values(b.counts).reduce((x, y) => x + y, 0), delayed: b.delayed };
    }),
    submissions: bodyCodes.map((code) => ({
      bodyCode: code,
      status: states.get(code) ?? 'draft',
      filled: complete.get(code) ?? 0,
      required: bodyCounts.get(code)?.counts ? Object.values(bodyCounts.get(code)!.counts).reduce((x, y) => x + y, 0) : 0,
    })),
    indicators: indicators.map((i) => ({ ...i, actual: i.reported > 0 ? i.actual : null })),
  };
}
