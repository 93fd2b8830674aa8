/**
 * What an exchange workbook carries (contract/exchange.ts), read from the
 * database in one transaction: one row per action plan the body carries in
 * the period's plan (in the order of db/reports.ts getBodyReport), each with
 * its context, the body's current values (the merge's base), last year's
 * level and achievements and MOGEF's comments; and the metadata: the
 * indicators of those action plans (removed ones too), every comment on the
 * body's entries of the period and every transition of its report.
 *
 * Plain Node (no Electron): the CLI and the tests call it as main does.
 */
import { exportMeetings } from '../../db/meetings';
import type { Db } from '../../db/connection';
import { DomainError } from '../../contract/result';
import { rowValuesOfReport } from '../../db/exchange';
import type { CompletionLevel, IndicatorKind, ReportStatus } from '../../contract/rules';
import {
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
  indicatorHeader,
  type MetaComment,
  type MetaEvent,
  type MetaIndicator,
  type RowValues,
  type WorkbookData,
  type WorkbookKind,
  type WorkbookMeta,
  type WorkbookRow,
} from '../../contract/exchange';

export interface GatherOptions {
  kind: WorkbookKind;
  bodyCode: string;
  periodId: number;
  language: 'ko' | 'en';
  writer: WorkbookMeta['writer'];
  writtenAt: string;
  exportId: string;
}

interface PlanRow {
  actionPlanId: number;
  code: string;
  areaKo: string;
  objectiveKo: string | null;
  objectiveEn: string;
  strategyKo: string | null;
  strategyEn: string;
  actionKo: string | null;
  actionEn: string;
  coBodies: string | null;
}

interface IndicatorRow {
  id: number;
  actionPlanId: number;
  uid: string;
  origin: string;
  nameKo: string;
  nameEn: string;
  unit: string;
  kind: IndicatorKind;
  baseline: number | null;
  createdBy: string;
  createdAt: string;
  removedAt: string | null;
}

/** The workbook's content for one body and one reporting period, as the database holds it now. */
export function gatherWorkbook(db: Db, opts: GatherOptions): WorkbookData {
  return db.transaction((): WorkbookData => {
    const body = db.prepare('SELECT id, code, name_ko AS nameKo, name_en AS nameEn FROM implementing_body WHERE code = ?').get(opts.bodyCode) as
      | { id: number; code: string; nameKo: string; nameEn: string }
      | undefined;
    if (!body) throw new DomainError('NOT_FOUND', `There is no implementing body ${opts.bodyCode}.`, [{ path: 'bodyCode' }]);
    const period = db
      .prepare('SELECT rp.id, rp.year, rp.plan_id AS planId, p.code AS planCode FROM reporting_period rp JOIN plan p ON p.id = rp.plan_id WHERE rp.id = ?')
      .get(opts.periodId) as { id: number; year: number; planId: number; planCode: string } | undefined;
    if (!period) throw new DomainError('NOT_FOUND', `There is no reporting period ${opts.periodId}.`, [{ path: 'periodId' }]);
    if (!db.prepare('SELECT 1 FROM plan_body WHERE plan_id = ? AND body_id = ?').get(period.planId, body.id)) {
      throw new DomainError('NOT_FOUND', `${body.code} is not one of the implementing bodies of that period\u2019s plan.`, [{ path: 'bodyCode' }]);
    }
    const previous = db
      .prepare('SELECT id FROM reporting_period WHERE plan_id = ? AND year < ? ORDER BY year DESC LIMIT 1')
      .pluck()
      .get(period.planId, period.year) as number | undefined;

    // The order of getBodyReport: objective number, strategy seq, action plan seq.
    const planRows = db
      .prepare(
        `SELECT ap.id AS actionPlanId, ap.code, a.name_ko AS areaKo, o.text_ko AS objectiveKo, o.text_en AS objectiveEn,
                s.text_ko AS strategyKo, s.text_en AS strategyEn, ap.text_ko AS actionKo, ap.text_en AS actionEn,
                (SELECT group_concat(code, ' ') FROM (
                   SELECT b2.code FROM action_plan_body apb2
                   JOIN implementing_body b2 ON b2.id = apb2.body_id
                   JOIN plan_body pb2 ON pb2.body_id = b2.id AND pb2.plan_id = ap.plan_id
                   WHERE apb2.action_plan_id = ap.id AND b2.id <> @body ORDER BY pb2.seq)) AS coBodies
         FROM action_plan ap
         JOIN action_plan_body apb ON apb.action_plan_id = ap.id AND apb.body_id = @body
         JOIN strategy s ON s.id = ap.strategy_id
         JOIN objective o ON o.id = s.objective_id
         JOIN area a ON a.id = o.area_id
         WHERE ap.plan_id = @plan
         ORDER BY o.number, s.seq, ap.seq`,
      )
      .all({ body: body.id, plan: period.planId }) as PlanRow[];
    const rowIndex = new Map(planRows.map((r, i) => [r.actionPlanId, i]));
    const codeOf = new Map(planRows.map((r) => [r.actionPlanId, r.code]));

    // Every indicator of these action plans, removed ones too, in the rows' order then by id.
    const indicatorRows = (
      db
        .prepare(
          `SELECT i.id, i.action_plan_id AS actionPlanId, i.uid, i.origin, i.name_ko AS nameKo, i.name_en AS nameEn, i.unit, i.kind,
                  i.baseline, i.created_by AS createdBy, i.created_at AS createdAt, i.removed_at AS removedAt
           FROM indicator i JOIN action_plan_body apb ON apb.action_plan_id = i.action_plan_id AND apb.body_id = ?
           JOIN action_plan ap ON ap.id = i.action_plan_id AND ap.plan_id = ?
           ORDER BY i.id`,
        )
        .all(body.id, period.planId) as IndicatorRow[]
    ).sort((a, b) => rowIndex.get(a.actionPlanId)! - rowIndex.get(b.actionPlanId)! || a.id - b.id);
    const targetsOf = db.prepare(
      `SELECT rp.year, t.target FROM indicator_target t JOIN reporting_period rp ON rp.id = t.period_id
       WHERE t.indicator_id = ? AND rp.plan_id = ? ORDER BY rp.year`,
    );
    const indicators: MetaIndicator[] = indicatorRows.map((i) => {
      const targets = targetsOf.all(i.id, period.planId) as { year: number; target: number }[];
      const target = targets.find((t) => t.year === period.year)?.target ?? null;
      return {
        uid: i.uid,
        origin: i.origin,
        actionPlan: codeOf.get(i.actionPlanId)!,
        nameKo: i.nameKo,
        nameEn: i.nameEn,
        unit: i.unit,
        kind: i.kind,
        baseline: i.baseline,
        targets,
        createdBy: i.createdBy,
        createdAt: i.createdAt,
        removedAt: i.removedAt,
        header: indicatorHeader({ nameKo: i.nameKo, nameEn: i.nameEn, unit: i.unit, target }),
      };
    });
    const commentRows = db
      .prepare(
        `SELECT c.id, e.action_plan_id AS actionPlanId, c.uid, c.origin, c.text, c.author, c.created_at AS createdAt, c.removed_at AS removedAt
         FROM entry_comment c JOIN progress_entry e ON e.id = c.entry_id
         WHERE e.body_id = ? AND e.period_id = ? ORDER BY c.id`,
      )
      .all(body.id, period.id) as (MetaComment & { id: number; actionPlanId: number })[];
    const inPlan = commentRows.filter((c) => rowIndex.has(c.actionPlanId));
    inPlan.sort((a, b) => rowIndex.get(a.actionPlanId)! - rowIndex.get(b.actionPlanId)! || a.id - b.id);
    const lastOf = db.prepare('SELECT completion, achievements FROM progress_entry WHERE action_plan_id = ? AND body_id = ? AND period_id = ?');

    const base: Record<string, RowValues> = {};
    // The same reading of the rows the merge compares a file with (db/exchange.ts), all at once: what leaves is what comes back.
    const valuesOf = rowValuesOfReport(
      db,
      planRows.map((r) => ({ actionPlanId: r.actionPlanId, bodyId: body.id, bodyCode: body.code, periodId: period.id, planId: period.planId, year: period.year })),
    );
    const commentsOf = new Map<number, string[]>();
    for (const c of inPlan) {
      if (c.removedAt !== null) continue;
      let list = commentsOf.get(c.actionPlanId);
      if (!list) commentsOf.set(c.actionPlanId, (list = []));
      list.push(`${c.author} (${c.createdAt.slice(0, 10)}): ${c.text}`);
    }
    const rows: WorkbookRow[] = planRows.map((r) => {
      const values = valuesOf.get(r.actionPlanId)!;
      base[r.code] = values;
      const last =
        previous === undefined
          ? undefined
          : (lastOf.get(r.actionPlanId, body.id, previous) as { completion: CompletionLevel | null; achievements: string | null } | undefined);
      return {
        actionPlan: r.code,
        area: r.areaKo,
        objective: r.objectiveKo ?? r.objectiveEn,
        strategy: r.strategyKo ?? r.strategyEn,
        actionPlanText: r.actionKo ?? r.actionEn,
        otherBodies: r.coBodies ?? '',
        values,
        lastCompletion: last?.completion ?? null,
        lastAchievements: last?.achievements ?? null,
        comments: (commentsOf.get(r.actionPlanId) ?? []).join('\n'),
      };
    });

    const status = ((db.prepare('SELECT status FROM report WHERE body_id = ? AND period_id = ?').pluck().get(body.id, period.id) as
      | ReportStatus
      | undefined) ?? 'draft') satisfies ReportStatus;
    const events: MetaEvent[] = db
      .prepare(
        `SELECT uid, origin, from_status AS "from", to_status AS "to", reason, actor, at FROM report_event
         WHERE body_id = ? AND period_id = ? ORDER BY id`,
      )
      .all(body.id, period.id) as MetaEvent[];
    // A return and a reopen both lead to "returned"; the latest one's reason is the one in effect.
    const lastReturn = [...events].reverse().find((e) => e.to === 'returned');

    const meta: WorkbookMeta = {
      format: WORKBOOK_FORMAT,
      version: WORKBOOK_VERSION,
      kind: opts.kind,
      language: opts.language,
      plan: period.planCode,
      body: body.code,
      year: period.year,
      writer: opts.writer,
      writtenAt: opts.writtenAt,
      exportId: opts.exportId,
      status,
      returnedReason: status === 'returned' ? (lastReturn?.reason ?? null) : null,
      rows: rows.map((r) => r.actionPlan),
      base,
      indicators,
      comments: inPlan.map((c) => ({
        uid: c.uid,
        origin: c.origin,
        actionPlan: codeOf.get(c.actionPlanId)!,
        text: c.text,
        author: c.author,
        createdAt: c.createdAt,
        removedAt: c.removedAt,
      })),
      events,
      meetings: exportMeetings(db, { bodyCode: body.code, periodId: period.id, direction: opts.kind === 'request' ? 'request' : 'report' }),
    };
    return {
      meta,
      title: `${period.year}년 ${body.nameKo} 이행 점검 보고 / ${body.nameEn} progress report ${period.year}`,
      bodyName: opts.language === 'ko' ? body.nameKo : body.nameEn,
      rows,
      indicatorColumns: indicators
        .filter((i) => i.removedAt === null)
        .map((i) => ({ uid: i.uid, actionPlan: i.actionPlan, kind: i.kind, header: i.header })),
    };
  })();
}
