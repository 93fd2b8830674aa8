/** Reading the plan: summaries, the full outline, search. */
import type { Db } from './connection';
import type {
  ActionPlan,
  Area,
  ImplementingBody,
  Objective,
  PlanOutline,
  PlanSearchQuery,
  PlanSummary,
  ReportingPeriod,
  Strategy,
} from '../contract/domain';
import { DomainError } from '../contract/result';

interface PlanRow {
  id: number;
  code: string;
  title_en: string;
  title_ko: string;
  start_year: number;
  end_year: number;
  areas: number;
  objectives: number;
  strategies: number;
  action_plans: number;
  bodies: number;
}

const PLAN_SUMMARY_SQL = `
  SELECT p.id, p.code, p.title_en, p.title_ko, p.start_year, p.end_year,
    (SELECT count(*) FROM area WHERE plan_id = p.id) AS areas,
    (SELECT count(*) FROM objective o JOIN area a ON a.id = o.area_id WHERE a.plan_id = p.id) AS objectives,
    (SELECT count(*) FROM strategy s JOIN objective o ON o.id = s.objective_id JOIN area a ON a.id = o.area_id
      WHERE a.plan_id = p.id) AS strategies,
    (SELECT count(*) FROM action_plan WHERE plan_id = p.id) AS action_plans,
    (SELECT count(*) FROM plan_body WHERE plan_id = p.id) AS bodies
  FROM plan p`;

function toSummary(r: PlanRow): PlanSummary {
  return {
    id: r.id,
    code: r.code,
    titleEn: r.title_en,
    titleKo: r.title_ko,
    startYear: r.start_year,
    endYear: r.end_year,
    counts: {
      areas: r.areas,
      objectives: r.objectives,
      strategies: r.strategies,
      actionPlans: r.action_plans,
      bodies: r.bodies,
    },
  };
}

/** All plans, newest cycle first. */
export function listPlans(db: Db): PlanSummary[] {
  return (db.prepare(`${PLAN_SUMMARY_SQL} ORDER BY p.start_year DESC, p.id DESC`).all() as PlanRow[]).map(toSummary);
}

export function getPlanSummary(db: Db, planId: number): PlanSummary {
  const row = db.prepare(`${PLAN_SUMMARY_SQL} WHERE p.id = ?`).get(planId) as PlanRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `There is no plan with id ${planId}.`);
  return toSummary(row);
}

export function listPlanBodies(db: Db, planId: number): ImplementingBody[] {
  const rows = db
    .prepare(
      `SELECT b.id, b.code, b.name_en, b.name_ko, b.note_en, pb.is_lead
       FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id
       WHERE pb.plan_id = ? ORDER BY pb.seq`,
    )
    .all(planId) as { id: number; code: string; name_en: string; name_ko: string; note_en: string | null; is_lead: number }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameEn: r.name_en,
    nameKo: r.name_ko,
    noteEn: r.note_en,
    isLead: r.is_lead === 1,
  }));
}

/** The code of the plan's lead body (plan_body.is_lead: MOGEF in the third plan), or null. The coordinator reports for it. */
export function leadBodyCode(db: Db, planId: number): string | null {
  return (
    (db
      .prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id WHERE pb.plan_id = ? AND pb.is_lead = 1')
      .pluck()
      .get(planId) as string | undefined) ?? null
  );
}

export function listPeriods(db: Db, planId: number): ReportingPeriod[] {
  return (
    db
      .prepare('SELECT id, year, label, locked_at IS NOT NULL AS locked FROM reporting_period WHERE plan_id = ? ORDER BY year')
      .all(planId) as (Omit<ReportingPeriod, 'locked'> & { locked: number })[]
  ).map((p) => ({ ...p, locked: p.locked === 1 }));
}

/** The whole plan as a tree, in the plan's order, with each action plan's bodies. */
export function getPlanOutline(db: Db, planId: number): PlanOutline {
  const plan = getPlanSummary(db, planId);
  const bodies = listPlanBodies(db, planId);
  const bodyOrder = new Map(bodies.map((b, i) => [b.id, i]));
  const bodyCode = new Map(bodies.map((b) => [b.id, b.code]));

  const assignments = new Map<number, number[]>();
  for (const r of db
    .prepare(
      `SELECT apb.action_plan_id AS a, apb.body_id AS b FROM action_plan_body apb
       JOIN action_plan ap ON ap.id = apb.action_plan_id WHERE ap.plan_id = ?`,
    )
    .all(planId) as { a: number; b: number }[]) {
    const list = assignments.get(r.a) ?? [];
    list.push(r.b);
    assignments.set(r.a, list);
  }

  const areas: Area[] = [];
  const areaById = new Map<number, Area>();
  for (const r of db
    .prepare('SELECT id, seq, name_en, name_ko, name_ko_reconstructed FROM area WHERE plan_id = ? ORDER BY seq')
    .all(planId) as { id: number; seq: number; name_en: string; name_ko: string; name_ko_reconstructed: number }[]) {
    const area: Area = {
      id: r.id,
      seq: r.seq,
      nameEn: r.name_en,
      nameKo: r.name_ko,
      nameKoReconstructed: r.name_ko_reconstructed === 1,
      objectives: [],
    };
    areas.push(area);
    areaById.set(r.id, area);
  }

  const objectiveById = new Map<number, Objective>();
  for (const r of db
    .prepare(
      `SELECT o.id, o.area_id, o.number, o.text_en, o.text_ko, o.reconstructed, o.source_note
       FROM objective o JOIN area a ON a.id = o.area_id WHERE a.plan_id = ? ORDER BY o.number`,
    )
    .all(planId) as TextRow[]) {
    const objective: Objective = { id: r.id, number: r.number!, ...texts(r), strategies: [] };
    areaById.get(r.area_id!)?.objectives.push(objective);
    objectiveById.set(r.id, objective);
  }

  const strategyById = new Map<number, Strategy>();
  for (const r of db
    .prepare(
      `SELECT s.id, s.objective_id, s.code, s.text_en, s.text_ko, s.reconstructed, s.source_note
       FROM strategy s JOIN objective o ON o.id = s.objective_id JOIN area a ON a.id = o.area_id
       WHERE a.plan_id = ? ORDER BY o.number, s.seq`,
    )
    .all(planId) as TextRow[]) {
    const strategy: Strategy = { id: r.id, code: r.code!, ...texts(r), actionPlans: [] };
    objectiveById.get(r.objective_id!)?.strategies.push(strategy);
    strategyById.set(r.id, strategy);
  }

  for (const r of db
    .prepare(
      `SELECT id, strategy_id, code, text_en, text_ko, reconstructed, bodies_reconstructed, source_note
       FROM action_plan WHERE plan_id = ? ORDER BY strategy_id, seq`,
    )
    .all(planId) as (TextRow & { bodies_reconstructed: number })[]) {
    const ids = (assignments.get(r.id) ?? []).sort((x, y) => (bodyOrder.get(x) ?? 0) - (bodyOrder.get(y) ?? 0));
    const action: ActionPlan = {
      id: r.id,
      code: r.code!,
      ...texts(r),
      bodiesReconstructed: r.bodies_reconstructed === 1,
      bodyCodes: ids.map((id) => bodyCode.get(id) ?? '?'),
    };
    strategyById.get(r.strategy_id!)?.actionPlans.push(action);
  }

  return { plan, bodies, periods: listPeriods(db, planId), areas };
}

interface TextRow {
  id: number;
  area_id?: number;
  objective_id?: number;
  strategy_id?: number;
  number?: number;
  code?: string;
  text_en: string;
  text_ko: string | null;
  reconstructed: number;
  source_note: string | null;
}

function texts(r: TextRow) {
  return { textEn: r.text_en, textKo: r.text_ko, reconstructed: r.reconstructed === 1, sourceNote: r.source_note };
}

/** Escapes LIKE wildcards so that a user's % or _ match themselves. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Action plans of a plan matching every word of `text` (case-insensitive for
 * Latin letters) in their own code and text, their strategy, objective, area,
 * or their bodies' codes and names in either language; optionally only those
 * carried by one body. Results are in the plan's order.
 */
export function searchActionPlans(db: Db, query: Required<PlanSearchQuery>): number[] {
  const terms = query.text
    .normalize('NFC')
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 10);
  const where = terms.map(() => "AND haystack LIKE ? ESCAPE '\\'").join(' ');
  const sql = `
    WITH hay AS (
      SELECT ap.id, o.number AS o_number, s.seq AS s_seq, ap.seq AS a_seq,
        ap.code || ' ' || ap.text_en || ' ' || coalesce(ap.text_ko, '') || ' ' ||
        s.code || ' ' || s.text_en || ' ' || coalesce(s.text_ko, '') || ' ' ||
        o.text_en || ' ' || coalesce(o.text_ko, '') || ' ' || a.name_en || ' ' || a.name_ko || ' ' ||
        coalesce((SELECT group_concat(b.code || ' ' || b.name_en || ' ' || b.name_ko, ' ')
                  FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id
                  WHERE apb.action_plan_id = ap.id), '') AS haystack
      FROM action_plan ap
      JOIN strategy s ON s.id = ap.strategy_id
      JOIN objective o ON o.id = s.objective_id
      JOIN area a ON a.id = o.area_id
      WHERE ap.plan_id = ?
        AND (? IS NULL OR EXISTS (
          SELECT 1 FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id
          WHERE apb.action_plan_id = ap.id AND b.code = ?))
    )
    SELECT id FROM hay WHERE 1 ${where} ORDER BY o_number, s_seq, a_seq`;
  return db
    .prepare(sql)
    .pluck()
    .all(query.planId, query.bodyCode, query.bodyCode, ...terms.map(likePattern)) as number[];
}
