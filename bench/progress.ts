/**
 * Progress at 100× scale: the 100× database filled with an entry for every
 * assignment in every period, then the matrix and dashboard queries timed
 * against their target (≤ 50 ms each). The Chromium render section reads
 * the same database.
 */
import v8 from 'node:v8';
import { openDatabase, type Db } from '../db/connection';
import { dashboard, packedBodyMatrix, packedPeriodMatrix } from '../db/matrix';
import { getBodyReport } from '../db/reports';
import { COMPLETION_LEVELS, REPORT_STATUSES } from '../contract/rules';
import type { BenchContext, Section } from './context';
import { mulberry32 } from './generate';
import { count, measure, ms, ratio, timeOnce, timingRow, type Row } from './lib';

export const QUERY_TARGET_MS = 50;

const LEVELS = COMPLETION_LEVELS;
const STATUSES = REPORT_STATUSES;

export interface FilledPlan {
  planId: number;
  periodIds: number[];
  entries: number;
  indicators: number;
}

/**
 * Fills every assignment × period with an entry (levels advancing with the
 * years, 1 in 10 delayed, a paragraph of text), report states, 500
 * indicators with targets and values, and 200 overrides. Plain SQL in one
 * transaction: this is set-up, not what is measured.
 */
export function fillProgress(db: Db, seed = 1325): FilledPlan {
  const random = mulberry32(seed);
  const planId = db.prepare('SELECT id FROM plan ORDER BY id DESC LIMIT 1').pluck().get() as number;
  const periodIds = db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year').pluck().all(planId) as number[];
  const assignments = db
    .prepare('SELECT apb.action_plan_id AS a, apb.body_id AS b FROM action_plan_body apb JOIN action_plan ap ON ap.id = apb.action_plan_id WHERE ap.plan_id = ?')
    .all(planId) as { a: number; b: number }[];
  const bodies = db.prepare('SELECT body_id FROM plan_body WHERE plan_id = ?').pluck().all(planId) as number[];
  const actions = db.prepare('SELECT id FROM action_plan WHERE plan_id = ?').pluck().all(planId) as number[];
  const text = '여성·평화·안보 교육과정을 운영하고 관계 부처 담당자 대상 연수를 실시하였다. '.repeat(3);
  let entries = 0;
  db.transaction(() => {
    const insertEntry = db.prepare(
      `INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, delayed, delay_reason, achievements, next_steps,
         budget_allocated, budget_executed, revision, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'bench', '2026-01-01T00:00:00Z')`,
    );
    periodIds.forEach((periodId, yearIndex) => {
      const progress = yearIndex / Math.max(1, periodIds.length - 1);
      for (const { a, b } of assignments) {
        const r = random();
        const level = r < 0.05 ? 'no_evidence' : LEVELS[Math.min(3, Math.floor((r + progress) * 2.2))]!;
        const delayed = random() < 0.1 ? 1 : 0;
        const allocated = Math.floor(random() * 1e9);
        insertEntry.run(a, b, periodId, level, delayed, delayed ? '예산 확보 지연' : null, text, text, allocated, Math.floor(allocated * random()));
        entries++;
      }
    });
    const insertReport = db.prepare("INSERT INTO report (body_id, period_id, status, updated_by, updated_at) VALUES (?, ?, ?, 'bench', '2026-01-01')");
    for (const periodId of periodIds) for (const b of bodies) insertReport.run(b, periodId, STATUSES[Math.floor(random() * 4)]!);
    const insertIndicator = db.prepare(
      "INSERT INTO indicator (action_plan_id, name_en, name_ko, unit, kind, baseline, created_by, created_at) VALUES (?, ?, ?, '%', 'percent', 10, 'bench', '2026-01-01')",
    );
    const insertTarget = db.prepare('INSERT INTO indicator_target (indicator_id, period_id, target) VALUES (?, ?, ?)');
    const insertValue = db.prepare(
      "INSERT INTO indicator_value (indicator_id, body_id, period_id, value, updated_by, updated_at) VALUES (?, ?, ?, ?, 'bench', '2026-01-01')",
    );
    const bodiesOf = db.prepare('SELECT body_id FROM action_plan_body WHERE action_plan_id = ?').pluck();
    for (let i = 0; i < 500; i++) {
      const a = actions[Math.floor(random() * actions.length)]!;
      const id = Number(insertIndicator.run(a, `Indicator ${i}`, `지표 ${i}`).lastInsertRowid);
      for (const periodId of periodIds) {
        insertTarget.run(id, periodId, 20 + Math.floor(random() * 60));
        for (const b of bodiesOf.all(a) as number[]) insertValue.run(id, b, periodId, Math.floor(random() * 100));
      }
    }
    const insertOverride = db.prepare(
      "INSERT OR IGNORE INTO consolidated_override (action_plan_id, period_id, completion, reason, set_by, set_at) VALUES (?, ?, 'limited', '시민자문단 의견', 'bench', '2026-01-01')",
    );
    for (let i = 0; i < 200; i++) insertOverride.run(actions[Math.floor(random() * actions.length)]!, periodIds[Math.floor(random() * periodIds.length)]!);
  })();
  return { planId, periodIds, entries, indicators: 500 };
}

/** The body that carries the most action plans of the plan (the largest report and workbook). */
export function busiestBody(db: Db, planId: number): string {
  return db
    .prepare(
      `SELECT b.code FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id
       JOIN action_plan ap ON ap.id = apb.action_plan_id WHERE ap.plan_id = ? GROUP BY b.id ORDER BY count(*) DESC LIMIT 1`,
    )
    .pluck()
    .get(planId) as string;
}

function target(median: number): string {
  return `${median <= QUERY_TARGET_MS ? 'meets' : 'MISSES'} ≤ ${QUERY_TARGET_MS} ms (${ratio(median, QUERY_TARGET_MS)} of target)`;
}

const queries: Section = {
  title: 'Where the plan stands at 100×: matrix and dashboard queries (target ≤ 50 ms)',
  run(ctx: BenchContext): Row[] {
    if (!ctx.dbFile) throw new Error('the load section did not leave a database file');
    const db = openDatabase(ctx.dbFile);
    try {
      const filled = timeOnce(() => fillProgress(db));
      const { planId, periodIds } = filled.result;
      const period = periodIds.at(-1)!;
      const opts = { runs: ctx.runs, warmup: ctx.warmup };
      const matrix = measure('matrix', () => packedBodyMatrix(db, period), opts);
      const periods = measure('periods', () => packedPeriodMatrix(db, planId), opts);
      const dash = measure('dashboard', () => dashboard(db, period), opts);
      const busiest = busiestBody(db, planId);
      const report = measure('report', () => getBodyReport(db, busiest, period), opts);
      const response = packedBodyMatrix(db, period);
      const matrixJson = JSON.stringify(response).length;
      const rows = response.rows;
      // Electron's IPC sends a handler's answer as a structured clone: this is that cost, without Electron.
      const clone = measure('clone', () => v8.deserialize(v8.serialize(response)), opts);
      return [
        { label: 'entries filled (assignments × periods)', value: count(filled.result.entries), note: `set-up in ${ms(filled.ms)}; 500 indicators, 200 overrides` },
        timingRow('matrix: action plans × bodies, one period', matrix, target(matrix.median)),
        { label: '   rows × cells', value: `${count(rows.length)} × ${count(rows.reduce((n, r) => n + r.cells.length / 3, 0))}`, note: `${(matrixJson / 1024 / 1024).toFixed(1)} MiB as JSON over IPC` },
        timingRow('   structured clone of that answer (as IPC)', clone, 'v8.serialize + deserialize'),
        timingRow('matrix: action plans × periods', periods, target(periods.median)),
        timingRow('dashboard: one period', dash, target(dash.median)),
        timingRow(`a body's report (${busiest}, the busiest)`, report, target(report.median)),
      ];
    } finally {
      db.close();
    }
  },
};

export const progressSections: Section[] = [queries];
