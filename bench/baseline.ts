/**
 * The baseline for the seed load: the same rows, inserted with bare
 * better-sqlite3 into equivalent plain tables (same columns, primary keys
 * only: no NOT NULL, UNIQUE, CHECK, foreign keys, secondary indexes or STRICT)
 * in one transaction with prepared statements. Pragmas: the defaults except
 * journal_mode = WAL and synchronous = FULL, as the application uses.
 *
 * The rows (ids included) are computed before the clock starts: the baseline
 * is what SQLite itself needs to write this plan; the application's figure
 * adds the zod parse, the migration's schema, constraints and indexes, and the
 * id look-ups of loadPlanDocument.
 */
import Database from 'better-sqlite3';
import { PlanDocument, type PlanDocumentInput } from '../seeds/schema';

type Value = string | number | null;

export interface BaselineRows {
  plan: Value[][];
  reporting_period: Value[][];
  implementing_body: Value[][];
  plan_body: Value[][];
  area: Value[][];
  objective: Value[][];
  strategy: Value[][];
  action_plan: Value[][];
  action_plan_body: Value[][];
}

export const BASELINE_SCHEMA = /* sql */ `
CREATE TABLE plan (id INTEGER PRIMARY KEY, code TEXT, title_en TEXT, title_ko TEXT, start_year INTEGER, end_year INTEGER, source TEXT, created_at TEXT);
CREATE TABLE reporting_period (id INTEGER PRIMARY KEY, plan_id INTEGER, year INTEGER, label TEXT);
CREATE TABLE implementing_body (id INTEGER PRIMARY KEY, code TEXT, name_en TEXT, name_ko TEXT, note_en TEXT);
CREATE TABLE plan_body (plan_id INTEGER, body_id INTEGER, seq INTEGER, is_lead INTEGER, PRIMARY KEY (plan_id, body_id));
CREATE TABLE area (id INTEGER PRIMARY KEY, plan_id INTEGER, seq INTEGER, name_en TEXT, name_ko TEXT, name_ko_reconstructed INTEGER);
CREATE TABLE objective (id INTEGER PRIMARY KEY, area_id INTEGER, number INTEGER, text_en TEXT, text_ko TEXT, reconstructed INTEGER, source_note TEXT);
CREATE TABLE strategy (id INTEGER PRIMARY KEY, objective_id INTEGER, code TEXT, seq INTEGER, text_en TEXT, text_ko TEXT, reconstructed INTEGER, source_note TEXT);
CREATE TABLE action_plan (id INTEGER PRIMARY KEY, plan_id INTEGER, strategy_id INTEGER, code TEXT, seq INTEGER, text_en TEXT, text_ko TEXT,
  reconstructed INTEGER, bodies_reconstructed INTEGER, source_note TEXT);
CREATE TABLE action_plan_body (action_plan_id INTEGER, body_id INTEGER, PRIMARY KEY (action_plan_id, body_id)) WITHOUT ROWID;
`;

const COLUMNS: Record<keyof BaselineRows, number> = {
  plan: 8,
  reporting_period: 4,
  implementing_body: 5,
  plan_body: 4,
  area: 6,
  objective: 7,
  strategy: 8,
  action_plan: 10,
  action_plan_body: 2,
};

/** The rows loadPlanDocument writes for this document, with their ids. */
export function flattenPlan(input: PlanDocumentInput): BaselineRows {
  const doc = PlanDocument.parse(input);
  const rows: BaselineRows = {
    plan: [], reporting_period: [], implementing_body: [], plan_body: [], area: [],
    objective: [], strategy: [], action_plan: [], action_plan_body: [],
  };
  const flag = (b: boolean) => (b ? 1 : 0);
  const planId = 1;
  rows.plan.push([planId, doc.plan.code, doc.plan.titleEn, doc.plan.titleKo, doc.plan.startYear, doc.plan.endYear,
    doc.plan.source ?? null, new Date().toISOString()]);
  for (let year = doc.plan.startYear; year <= doc.plan.endYear; year++) {
    rows.reporting_period.push([rows.reporting_period.length + 1, planId, year, String(year)]);
  }
  const bodyIds = new Map<string, number>();
  doc.bodies.forEach((b, i) => {
    bodyIds.set(b.code, i + 1);
    rows.implementing_body.push([i + 1, b.code, b.nameEn, b.nameKo, b.noteEn ?? null]);
    rows.plan_body.push([planId, i + 1, i + 1, b.code === doc.plan.leadBody ? 1 : 0]);
  });
  const allBodies = [...bodyIds.values()];
  for (const area of doc.areas) {
    const areaId = rows.area.length + 1;
    rows.area.push([areaId, planId, area.seq, area.nameEn, area.nameKo, flag(area.nameKoReconstructed)]);
    for (const o of area.objectives) {
      const objectiveId = rows.objective.length + 1;
      rows.objective.push([objectiveId, areaId, o.number, o.textEn, o.textKo ?? null, flag(o.reconstructed), o.sourceNote ?? null]);
      o.strategies.forEach((s, si) => {
        const strategyId = rows.strategy.length + 1;
        rows.strategy.push([strategyId, objectiveId, s.code, si + 1, s.textEn, s.textKo ?? null, flag(s.reconstructed), s.sourceNote ?? null]);
        s.actionPlans.forEach((a, ai) => {
          const actionId = rows.action_plan.length + 1;
          rows.action_plan.push([actionId, planId, strategyId, a.code, ai + 1, a.textEn, a.textKo ?? null,
            flag(a.reconstructed), flag(a.bodiesReconstructed), a.sourceNote ?? null]);
          const ids = a.bodies === 'ALL' ? allBodies : a.bodies.map((c) => bodyIds.get(c)!);
          for (const id of ids) rows.action_plan_body.push([actionId, id]);
        });
      });
    }
  }
  return rows;
}

export function rowCount(rows: BaselineRows): number {
  return Object.values(rows).reduce((n: number, r: Value[][]) => n + r.length, 0);
}

/** Creates `file` with the plain schema (WAL, synchronous = FULL). */
export function createBare(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(BASELINE_SCHEMA);
  return db;
}

/** Inserts all rows in one transaction, with one prepared statement per table. */
export function insertRows(db: Database.Database, rows: BaselineRows): void {
  const tables = Object.keys(COLUMNS) as (keyof BaselineRows)[];
  const statements = tables.map((t) => {
    const marks = Array.from({ length: COLUMNS[t] }, () => '?').join(', ');
    return [t, db.prepare(`INSERT INTO ${t} VALUES (${marks})`)] as const;
  });
  db.transaction(() => {
    for (const [t, stmt] of statements) for (const r of rows[t]) stmt.run(r);
  })();
}

/** createBare + insertRows. */
export function bareInsert(file: string, rows: BaselineRows): Database.Database {
  const db = createBare(file);
  insertRows(db, rows);
  return db;
}
