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
  PackedBodyMatrix,
  PackedPeriodMatrix,
  PeriodMatrixRow,
  ReportStatus,
} from '../contract/progress';
import { DomainError } from '../contract/result';
import { COMPLETION_LEVELS, WHITE_SPACE_CODE_POINTS, deriveLevel, effectiveLevel, levelFromAggregate } from '../contract/rules';
import { SCALE, unpackBodyMatrix, unpackPeriodMatrix } from '../contract/matrix-codec';

interface ActionRow {
  actionPlanId: number;
  code: string;
  textEn: string;
  areaSeq: number;
  objectiveNumber: number;
  strategyCode: string;
}

function planOfPeriod(db: Db, periodId: number): number {
  const planId = db.prepare('SELECT plan_id FROM reporting_period WHERE id = ?').pluck().get(periodId) as number | undefined;
  if (planId === undefined) throw new DomainError('NOT_FOUND', `There is no reporting period ${periodId}.`, [{ path: 'periodId' }]);
  return planId;
}

interface BodyRef {
  id: number;
  code: string;
}

function planBodies(db: Db, planId: number): BodyRef[] {
  return db
    .prepare('SELECT b.id, b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id WHERE pb.plan_id = ? ORDER BY pb.seq')
    .all(planId) as BodyRef[];
}

function reportStatuses(db: Db, periodId: number): Map<number, ReportStatus> {
  const rows = db.prepare('SELECT body_id, status FROM report WHERE period_id = ?').raw().all(periodId) as [number, ReportStatus][];
  return new Map(rows);
}

type Override = NonNullable<ConsolidatedLevel['override']>;

function overrides(db: Db, periodId: number, actionPlanId: number | null = null): Map<number, Override> {
  const rows = db
    .prepare(
      `SELECT action_plan_id AS a, completion, reason, set_by AS setBy, set_at AS setAt FROM consolidated_override
       WHERE period_id = ? AND (? IS NULL OR action_plan_id = ?) AND removed_at IS NULL`,
    )
    .all(periodId, actionPlanId, actionPlanId) as (Override & { a: number })[];
  return new Map(rows.map(({ a, ...o }) => [a, o]));
}

/** The plan's action plans in order, with the hierarchy columns every matrix shows. */
const ACTION_COLUMNS = `ap.id, ap.code, ap.text_en, ar.seq, o.number, s.code`;
const ACTION_FROM = `action_plan ap JOIN strategy s ON s.id = ap.strategy_id JOIN objective o ON o.id = s.objective_id
  JOIN area ar ON ar.id = o.area_id WHERE ap.plan_id = @plan ORDER BY ar.seq, o.number, s.seq, ap.seq`;
type ActionColumns = [number, string, string, number, number, string];

function actionOf([actionPlanId, code, textEn, areaSeq, objectiveNumber, strategyCode]: ActionColumns): ActionRow {
  return { actionPlanId, code, textEn, areaSeq, objectiveNumber, strategyCode };
}

/**
 * Levels travel from SQLite packed as one character each (and a delay flag),
 * because at 100× materialising 14,000 cell rows, or splitting 50,000
 * strings, costs more in JavaScript than the query: '0'…'3' the rank on the
 * scale (db/consolidate.ts SCALE), 'n' no evidence, '-' none.
 */
const LEVEL_CHAR_SQL = (column: string) =>
  `CASE ${column} ${SCALE.map((level, i) => `WHEN '${level}' THEN '${i}'`).join(' ')} WHEN 'no_evidence' THEN 'n' ELSE '-' END`;
const RANK_CHAR_SQL = (rank: string, noEvidence: string) =>
  `CASE WHEN ${rank} IS NOT NULL THEN CAST(${rank} AS TEXT) WHEN ${noEvidence} = 1 THEN 'n' ELSE '-' END`;
/** A body as one character (contract/matrix-codec.ts). */
const BODY_CHAR_SQL = (bodyId: string) => `char(64 + ${bodyId})`;

/**
 * Action plans × bodies for a period, in one query, packed for the wire
 * (contract/matrix-codec.ts). The covering index progress_entry_levels
 * answers the join without reading the entries' wide rows (INDEXED BY: the
 * planner would otherwise pick the unique index and read every row with its
 * texts). The consolidated level is derived from the packed characters.
 */
export function packedBodyMatrix(db: Db, periodId: number): PackedBodyMatrix {
  const planId = planOfPeriod(db, periodId);
  const bodies = planBodies(db, planId);
  const statuses = reportStatuses(db, periodId);
  const over = overrides(db, periodId);
  const raw = db
    .prepare(
      `SELECT ${ACTION_COLUMNS},
         (SELECT group_concat(${BODY_CHAR_SQL('apb.body_id')} || ${LEVEL_CHAR_SQL('e.completion')}
                              || CASE e.delayed WHEN 1 THEN 'd' WHEN 0 THEN 'o' ELSE '-' END, '')
            FROM action_plan_body apb
            LEFT JOIN progress_entry e INDEXED BY progress_entry_levels
              ON e.period_id = @period AND e.action_plan_id = apb.action_plan_id AND e.body_id = apb.body_id
           WHERE apb.action_plan_id = ap.id)
       FROM ${ACTION_FROM}`,
    )
    .raw()
    .all({ plan: planId, period: periodId }) as [...ActionColumns, string | null][];
  const rows = raw.map((r) => {
    const row = actionOf(r as unknown as ActionColumns);
    const cells = r[6] ?? '';
    return { ...row, cells, consolidated: consolidatedOfChars(cells, over.get(row.actionPlanId)) };
  });
  return { periodId, bodies: bodies.map((b) => ({ id: b.id, code: b.code, status: statuses.get(b.id) ?? 'draft' })), rows };
}

/** The matrix unpacked, as the renderer sees it (tests and tools). */
export function bodyMatrix(db: Db, periodId: number): BodyMatrix {
  return unpackBodyMatrix(packedBodyMatrix(db, periodId));
}

/** The consolidated level from packed cells, without creating a cell object. */
function consolidatedOfChars(cells: string, override: Override | undefined): ConsolidatedLevel {
  let lowest: number | null = null;
  let noEvidence = false;
  let reported = 0;
  for (let i = 1; i < cells.length; i += 3) {
    const c = cells[i]!;
    if (c === '-') continue;
    reported++;
    if (c === 'n') noEvidence = true;
    else if (lowest === null || Number(c) < lowest) lowest = Number(c);
  }
  const derived = levelFromAggregate(lowest, noEvidence);
  return { derived, override: override ?? null, effective: effectiveLevel(derived, override?.completion), reported, expected: cells.length / 3 };
}

/** The consolidated level of one action plan for a period (the override panel asks for just this). */
export function consolidatedLevel(db: Db, actionPlanId: number, periodId: number): ConsolidatedLevel {
  const planId = planOfPeriod(db, periodId);
  const ok = db.prepare('SELECT 1 FROM action_plan WHERE id = ? AND plan_id = ?').get(actionPlanId, planId);
  if (!ok) throw new DomainError('NOT_FOUND', 'No such action plan in that reporting period\u2019s plan.', [{ path: 'actionPlanId' }]);
  const levels = db
    .prepare(
      `SELECT e.completion FROM action_plan_body apb
       LEFT JOIN progress_entry e ON e.action_plan_id = apb.action_plan_id AND e.body_id = apb.body_id AND e.period_id = ?
       WHERE apb.action_plan_id = ?`,
    )
    .pluck()
    .all(periodId, actionPlanId) as (CompletionLevel | null)[];
  return consolidated(levels, overrides(db, periodId, actionPlanId).get(actionPlanId));
}

function consolidated(levels: (CompletionLevel | null)[], override: Override | undefined): ConsolidatedLevel {
  const derived = deriveLevel(levels);
  let reported = 0;
  for (const l of levels) if (l !== null) reported++;
  return { derived, override: override ?? null, effective: effectiveLevel(derived, override?.completion), reported, expected: levels.length };
}

/**
 * Action plans × periods: each period's derived level from action_plan_level
 * (kept by triggers), packed for the wire, with MOGEF's overrides beside
 * them; the codec applies the overrides.
 */
export function packedPeriodMatrix(db: Db, planId: number): PackedPeriodMatrix {
  const bodies = planBodies(db, planId);
  const periodIds = db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year').pluck().all(planId) as number[];
  const overrides = db
    .prepare(
      `SELECT o.action_plan_id AS actionPlanId, o.period_id AS periodId, o.completion FROM consolidated_override o
       JOIN action_plan ap ON ap.id = o.action_plan_id WHERE ap.plan_id = ? AND o.removed_at IS NULL`,
    )
    .all(planId) as PackedPeriodMatrix['overrides'];
  // Each action plan's derived levels straight from action_plan_level's primary key (no join per period).
  const raw = db
    .prepare(
      `SELECT ${ACTION_COLUMNS},
         (SELECT group_concat(char(64 + l.period_id) || ${RANK_CHAR_SQL('l.lowest_rank', 'l.no_evidence')}
                              || CASE l.delayed WHEN 1 THEN 'd' ELSE '-' END, '')
            FROM action_plan_level l WHERE l.action_plan_id = ap.id),
         (SELECT group_concat(${BODY_CHAR_SQL('apb.body_id')}, '') FROM action_plan_body apb WHERE apb.action_plan_id = ap.id)
       FROM ${ACTION_FROM}`,
    )
    .raw()
    .all({ plan: planId }) as [...ActionColumns, string | null, string | null][];
  const rows = raw.map((r) => ({ ...actionOf(r as unknown as ActionColumns), bodies: r[7] ?? '', years: r[6] ?? '' }));
  return { planId, periodIds, bodies: bodies.map((b) => ({ id: b.id, code: b.code })), rows, overrides };
}

/** The period matrix unpacked, as the renderer sees it (tests and tools). */
export function periodMatrix(db: Db, planId: number): PeriodMatrixRow[] {
  return unpackPeriodMatrix(packedPeriodMatrix(db, planId));
}

/**
 * contract/rules.ts isFilled in SQL: a text that starts with a character that
 * is not white space is filled; only a text that starts with white space asks
 * the rule itself (nap_is_filled, a JavaScript function: slower per call).
 * Above the highest white space but one (U+3000) only U+FEFF is white space:
 * a Korean text's first character is told by one comparison, not the list.
 */
const HIGH_WHITE = WHITE_SPACE_CODE_POINTS.filter((c) => c > 0x3000);
const FILLED_SQL = (column: string) =>
  `(${column} IS NOT NULL AND (CASE WHEN unicode(${column}) > ${0x3000} THEN unicode(${column}) NOT IN (${HIGH_WHITE.join(', ')})
    ELSE unicode(${column}) NOT IN (${WHITE_SPACE_CODE_POINTS.join(', ')}) END OR nap_is_filled(${column})))`;

/** The levels counted on the dashboard, and 'none' for no level reported. */
const LEVEL_KEYS = [...COMPLETION_LEVELS, 'none'] as const;
const emptyCounts = () => Object.fromEntries(LEVEL_KEYS.map((k) => [k, 0])) as Record<(typeof LEVEL_KEYS)[number], number>;

/** The dashboard's aggregates for a period, counted in SQL (no matrix is built). */
export function dashboard(db: Db, periodId: number): Dashboard {
  const planId = planOfPeriod(db, periodId);
  const areas = db.prepare('SELECT seq, name_en AS nameEn, name_ko AS nameKo FROM area WHERE plan_id = ? ORDER BY seq').all(planId) as {
    seq: number;
    nameEn: string;
    nameKo: string;
  }[];
  const areaCounts = new Map(areas.map((a) => [a.seq, emptyCounts()]));
  const bodies = planBodies(db, planId);
  const bodyCounts = new Map(bodies.map((b) => [b.id, { counts: emptyCounts(), delayed: 0 }]));

  // By area: the effective consolidated level of each action plan.
  for (const [seq, rank, noEvidence, override, n] of db
    .prepare(
      `SELECT ar.seq, l.lowest_rank, l.no_evidence, ov.completion, count(*)
       FROM action_plan ap JOIN strategy s ON s.id = ap.strategy_id JOIN objective o ON o.id = s.objective_id
       JOIN area ar ON ar.id = o.area_id
       LEFT JOIN action_plan_level l ON l.action_plan_id = ap.id AND l.period_id = @period
       LEFT JOIN consolidated_override ov ON ov.action_plan_id = ap.id AND ov.period_id = @period AND ov.removed_at IS NULL
       WHERE ap.plan_id = @plan GROUP BY 1, 2, 3, 4`,
    )
    .raw()
    .all({ plan: planId, period: periodId }) as [number, number | null, number | null, CompletionLevel | null, number][]) {
    const counts = areaCounts.get(seq);
    const level = override ?? levelFromAggregate(rank, noEvidence === 1);
    if (counts) counts[level ?? 'none'] += n;
  }

  // By body: the level of each of its assignments, and how many are delayed.
  for (const [b, completion, n, delayed] of db
    .prepare(
      `SELECT apb.body_id, e.completion, count(*), coalesce(sum(e.delayed), 0)
       FROM plan_body pb JOIN action_plan_body apb ON apb.body_id = pb.body_id
       JOIN action_plan ap ON ap.id = apb.action_plan_id AND ap.plan_id = pb.plan_id
       LEFT JOIN progress_entry e INDEXED BY progress_entry_levels
         ON e.period_id = @period AND e.action_plan_id = apb.action_plan_id AND e.body_id = apb.body_id
       WHERE pb.plan_id = @plan GROUP BY apb.body_id, e.completion`,
    )
    .raw()
    .all({ plan: planId, period: periodId }) as [number, CompletionLevel | null, number, number][]) {
    const entry = bodyCounts.get(b);
    if (!entry) continue;
    entry.counts[completion ?? 'none'] += n;
    entry.delayed += delayed;
  }

  // Complete entries by body: the rule of contract/rules.ts completenessOf, in SQL,
  // texts judged by the rule itself (nap_is_filled; tests/contract/rules.test.ts
  // holds the two to the same counts on generated data).
  const complete = new Map(
    (
      db
        .prepare(
          `SELECT e.body_id AS body, count(*) AS n FROM progress_entry e
           WHERE e.period_id = ? AND e.completion IS NOT NULL AND e.delayed IS NOT NULL
             AND ${FILLED_SQL('e.achievements')} AND ${FILLED_SQL('e.next_steps')}
             AND (e.delayed = 0 OR ${FILLED_SQL('e.delay_reason')})
             AND NOT EXISTS (SELECT 1 FROM indicator i WHERE i.action_plan_id = e.action_plan_id AND i.removed_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = i.id AND v.body_id = e.body_id
                                     AND v.period_id = e.period_id AND v.value IS NOT NULL))
           GROUP BY e.body_id`,
        )
        .all(periodId) as { body: number; n: number }[]
    ).map((r) => [r.body, r.n]),
  );
  const states = new Map(
    (
      db.prepare('SELECT body_id, status FROM report WHERE period_id = ?').raw().all(periodId) as [number, ReportStatus][]
    ),
  );
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((x, y) => x + y, 0);
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
      return { areaSeq: a.seq, nameEn: a.nameEn, nameKo: a.nameKo, counts, total: total(counts) };
    }),
    byBody: bodies.map((b) => {
      const entry = bodyCounts.get(b.id)!;
      return { bodyCode: b.code, counts: entry.counts, total: total(entry.counts), delayed: entry.delayed };
    }),
    submissions: bodies.map((b) => ({
      bodyCode: b.code,
      status: states.get(b.id) ?? 'draft',
      filled: complete.get(b.id) ?? 0,
      required: total(bodyCounts.get(b.id)!.counts),
    })),
    indicators: indicators.map((i) => ({ ...i, actual: i.reported > 0 ? i.actual : null })),
  };
}
