/** A body's report for a period: its list of action plans, its state, its transitions; period locks. */
import type { Db } from './connection';
import { leadBodyCode } from './plan';
import type { BodyReport, Installation, ReportEvent, ReportItem, ReportStatus } from '../contract/progress';
import { DomainError } from '../contract/result';
import { cleanText, completenessOf, REASON_MAX, textProblem } from '../contract/rules';
import { reportState } from './entries';
import { actorName, logChange, nowIso } from './history';
import { localStamp } from './identity';
import {
  checkCoordinator,
  checkTransition,
  refusalCode,
  reportingBody,
  TRANSITIONS,
  type RefusedTransition,
  type ReportAction,
} from './workflow';

function bodyId(db: Db, code: string): number {
  const id = db.prepare('SELECT id FROM implementing_body WHERE code = ?').pluck().get(code) as number | undefined;
  if (id === undefined) throw new DomainError('NOT_FOUND', `There is no implementing body ${code}.`, [{ path: 'bodyCode' }]);
  return id;
}

function period(db: Db, periodId: number): { id: number; year: number; planId: number } {
  const row = db.prepare('SELECT id, year, plan_id AS planId FROM reporting_period WHERE id = ?').get(periodId) as
    | { id: number; year: number; planId: number }
    | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `There is no reporting period ${periodId}.`, [{ path: 'periodId' }]);
  return row;
}

/** The body's action plans for the period with what is filled in, and the report's state and history. */
export function getBodyReport(db: Db, bodyCode: string, periodId: number): BodyReport {
  const bId = bodyId(db, bodyCode);
  const p = period(db, periodId);
  const state = reportState(db, bId, periodId);
  const rows = db
    .prepare(
      `SELECT ap.id AS actionPlanId, ap.code, ap.text_en AS textEn, s.code AS strategyCode,
              (SELECT group_concat(b2.code, ' ') FROM action_plan_body apb2
                 JOIN implementing_body b2 ON b2.id = apb2.body_id
                 JOIN plan_body pb2 ON pb2.body_id = b2.id AND pb2.plan_id = ap.plan_id
                WHERE apb2.action_plan_id = ap.id AND b2.id <> @body ORDER BY pb2.seq) AS coBodies,
              e.completion, e.delayed, e.delay_reason, e.achievements, e.next_steps, e.updated_at AS updatedAt, e.id AS entryId, coalesce(e.revision, 0) AS revision,
              (SELECT count(*) FROM entry_comment c WHERE c.entry_id = e.id AND c.removed_at IS NULL) AS commentCount
       FROM action_plan ap
       JOIN action_plan_body apb ON apb.action_plan_id = ap.id AND apb.body_id = @body
       JOIN strategy s ON s.id = ap.strategy_id
       JOIN objective o ON o.id = s.objective_id
       LEFT JOIN progress_entry e ON e.action_plan_id = ap.id AND e.body_id = @body AND e.period_id = @period
       WHERE ap.plan_id = @plan
       ORDER BY o.number, s.seq, ap.seq`,
    )
    .all({ body: bId, period: periodId, plan: p.planId }) as {
    actionPlanId: number;
    code: string;
    textEn: string;
    strategyCode: string;
    coBodies: string | null;
    completion: ReportItem['completion'];
    delayed: number | null;
    delay_reason: string | null;
    achievements: string | null;
    next_steps: string | null;
    updatedAt: string | null;
    entryId: number | null;
    commentCount: number;
    revision: number;
  }[];
  const indicatorValues = db.prepare(
    `SELECT i.id AS indicatorId, v.value FROM indicator i
     LEFT JOIN indicator_value v ON v.indicator_id = i.id AND v.body_id = ? AND v.period_id = ?
     WHERE i.action_plan_id = ? AND i.removed_at IS NULL`,
  );
  const items: ReportItem[] = rows.map((r) => {
    const delayed = r.delayed === null ? null : r.delayed === 1;
    const indicators = indicatorValues.all(bId, periodId, r.actionPlanId) as { indicatorId: number; value: number | null }[];
    return {
      actionPlanId: r.actionPlanId,
      code: r.code,
      textEn: r.textEn,
      strategyCode: r.strategyCode,
      coBodies: r.coBodies ? r.coBodies.split(' ') : [],
      completion: r.completion,
      delayed,
      completeness: completenessOf(
        {
          completion: r.completion,
          delayed,
          delayReason: r.delay_reason,
          achievements: r.achievements,
          nextSteps: r.next_steps,
        },
        indicators,
      ),
      commentCount: r.commentCount,
      updatedAt: r.updatedAt,
      revision: r.revision,
    };
  });
  const events = db
    .prepare(
      `SELECT from_status AS fromStatus, to_status AS toStatus, reason, actor, at FROM report_event
       WHERE body_id = ? AND period_id = ? ORDER BY id`,
    )
    .all(bId, periodId) as ReportEvent[];
  const lastReturn = [...events].reverse().find((e) => e.toStatus === 'returned');
  const lastAccept = [...events].reverse().find((e) => e.toStatus === 'accepted');
  const lead = db.prepare('SELECT is_lead FROM plan_body WHERE plan_id = ? AND body_id = ?').pluck().get(p.planId, bId) as number | undefined;
  return {
    bodyCode,
    periodId,
    year: p.year,
    status: state.status,
    locked: state.locked,
    events,
    returnedReason: state.status === 'returned' ? (lastReturn?.reason ?? null) : null,
    acceptedNote: state.status === 'accepted' ? (lastAccept?.reason ?? null) : null,
    ownReport: lead === 1,
    items,
  };
}

const WHY: Readonly<Record<RefusedTransition, string>> = {
  wrong_role: 'this installation does not have that role',
  other_body: 'this installation reports for another body',
  locked: 'MOGEF has locked this reporting period',
  wrong_state: 'the report is not in a state that allows it',
  reason_required: 'a reason is required',
  confirm_own: 'it is this installation\u2019s own body\u2019s report: confirm that you accept your own report (confirmOwn)',
  incomplete: 'some action plans still miss required fields',
};

/** What a transition carries besides who and which report. */
export interface TransitionRequest {
  /** The reason of a return or a reopen (required; only white space is none). */
  reason?: string | null;
  /** MOGEF's note when it accepts (optional; the body sees it). */
  note?: string | null;
  /** Accepting the coordinator's own body's report from the coordinator installation needs true. */
  confirmOwn?: boolean;
}

/** The code of the plan's lead body (db/plan.ts; the entries read it too). */
export { leadBodyCode };

function refuse(action: ReportAction, bodyCode: string, status: ReportStatus, why: RefusedTransition, incomplete: ReportItem[]): DomainError {
  const details =
    why === 'incomplete'
      ? incomplete.map((i) => ({ path: `actionPlan:${i.code}`, hint: i.completeness.missing.join(', ') }))
      : why === 'reason_required'
        ? [{ path: 'reason', hint: why }]
        : why === 'confirm_own'
          ? [{ path: 'confirmOwn', hint: why }]
          : [{ path: 'report', hint: why }];
  return new DomainError(refusalCode(why), `Cannot ${action} the ${bodyCode} report (${status}): ${WHY[why]}.`, details);
}

/** The text a transition stores (cleaned as every user text is), refused if it cannot be stored. */
function transitionText(action: ReportAction, request: TransitionRequest): { path: 'reason' | 'note'; raw: string | null } | null {
  if (TRANSITIONS[action].needsReason) return { path: 'reason', raw: request.reason ?? null };
  if (action === 'accept') return { path: 'note', raw: request.note ?? null };
  return null;
}

/**
 * Moves the report through the workflow, or refuses saying why: FORBIDDEN
 * for who asks or a locked period, CONFLICT for the report's state, a
 * missing reason, an incomplete report or an unconfirmed acceptance of one's
 * own report. Each transition is a report_event and a change_log row
 * (entity "report", entity id the body's id, field "period:<id>").
 */
export function transitionReport(
  db: Db,
  action: ReportAction,
  bodyCode: string,
  periodId: number,
  actor: Installation,
  request: TransitionRequest = {},
): BodyReport {
  db.transaction(() => {
    const bId = bodyId(db, bodyCode);
    const p = period(db, periodId);
    if (!db.prepare('SELECT 1 FROM plan_body WHERE plan_id = ? AND body_id = ?').get(p.planId, bId)) {
      throw new DomainError('NOT_FOUND', `${bodyCode} is not one of the implementing bodies of that period’s plan.`, [{ path: 'bodyCode' }]);
    }
    const state = reportState(db, bId, periodId);
    const report = action === 'submit' ? getBodyReport(db, bodyCode, periodId) : null;
    const incomplete = report ? report.items.filter((i) => i.completeness.missing.length > 0) : [];
    const text = transitionText(action, request);
    const cleaned = cleanText(text?.raw);
    const check = checkTransition({
      action,
      from: state.status,
      actor,
      bodyCode,
      leadBodyCode: leadBodyCode(db, p.planId),
      locked: state.locked,
      reason: cleaned,
      confirmOwn: request.confirmOwn === true,
      incompleteEntries: incomplete.length,
    });
    if (!check.ok) throw refuse(action, bodyCode, state.status, check.why, incomplete);
    const problem = text?.raw ? textProblem(text.raw, REASON_MAX) : null;
    if (problem && text) throw new DomainError('BAD_REQUEST', `The ${text.path} cannot be stored (${problem}).`, [{ path: text.path, hint: problem }]);

    const at = nowIso();
    const who = actorName(actor);
    recordTransition(db, bId, periodId, { from: state.status, to: check.to, reason: cleaned, actor: who, at, ...localStamp(db) }, at);
    // ownReport: the coordinator acted on its own body's report (accepting it is a confirmed self-acceptance).
    const after = { status: check.to, ...(text ? { [text.path]: cleaned } : {}), ...(check.ownReport ? { ownReport: true } : {}) };
    logChange(db, actor, 'report', bId, `period:${periodId}`, { status: state.status }, after, at);
  }).immediate();
  return getBodyReport(db, bodyCode, periodId);
}

/** A transition as report_event holds it: from, to, why, who, when, and the event's identity. */
export interface TransitionEvent {
  from: ReportStatus;
  to: ReportStatus;
  reason: string | null;
  actor: string;
  at: string;
  uid: string;
  origin: string;
}

/**
 * The one write of a transition, for the workflow, an import and an undo:
 * the report's status (stamped by the event's actor, at updatedAt) and the
 * append-only event. The caller has checked the transition and logs it.
 */
export function recordTransition(db: Db, bodyId: number, periodId: number, e: TransitionEvent, updatedAt: string): void {
  db.prepare(
    `INSERT INTO report (body_id, period_id, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (body_id, period_id) DO UPDATE SET status = excluded.status, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(bodyId, periodId, e.to, e.actor, updatedAt);
  db.prepare('INSERT INTO report_event (body_id, period_id, from_status, to_status, reason, actor, at, uid, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    bodyId,
    periodId,
    e.from,
    e.to,
    e.reason,
    e.actor,
    e.at,
    e.uid,
    e.origin,
  );
}

/**
 * Submits this installation's report for the period: a body's own, or, from
 * the coordinator, the lead body's of the period's plan.
 */
export function submitReport(db: Db, periodId: number, actor: Installation): BodyReport {
  const p = period(db, periodId);
  const bodyCode = reportingBody(actor, leadBodyCode(db, p.planId));
  if (bodyCode === null) {
    throw new DomainError('FORBIDDEN', 'This plan has no lead body for MOGEF\u2019s installation to report for.', [{ path: 'report', hint: 'wrong_role' }]);
  }
  return transitionReport(db, 'submit', bodyCode, periodId, actor);
}

/**
 * MOGEF locks (or unlocks) a period: no body can change its entries while it
 * is locked. Locking a locked period (or unlocking an open one) changes
 * nothing and logs nothing: the first lock keeps its time and author.
 */
export function setPeriodLocked(db: Db, periodId: number, locked: boolean, actor: Installation): void {
  if (!checkCoordinator(actor).ok) throw new DomainError('FORBIDDEN', 'Only MOGEF\u2019s installation can lock a reporting period.');
  db.transaction(() => {
    const before = db.prepare('SELECT locked_at IS NOT NULL FROM reporting_period WHERE id = ?').pluck().get(periodId) as number | undefined;
    if (before === undefined) throw new DomainError('NOT_FOUND', `There is no reporting period ${periodId}.`, [{ path: 'periodId' }]);
    const wasLocked = before === 1;
    if (wasLocked === locked) return;
    const at = nowIso();
    db.prepare('UPDATE reporting_period SET locked_at = ?, locked_by = ? WHERE id = ?').run(
      locked ? at : null,
      locked ? actorName(actor) : null,
      periodId,
    );
    logChange(db, actor, 'period', periodId, 'locked', wasLocked, locked, at);
  }).immediate();
}

/** Every body of the plan with the state of its report for the period. */
export function listReportStates(db: Db, planId: number, periodId: number): { bodyCode: string; status: ReportStatus }[] {
  return db
    .prepare(
      `SELECT b.code AS bodyCode, coalesce(r.status, 'draft') AS status
       FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id
       LEFT JOIN report r ON r.body_id = b.id AND r.period_id = ?
       WHERE pb.plan_id = ? ORDER BY pb.seq`,
    )
    .all(periodId, planId) as { bodyCode: string; status: ReportStatus }[];
}
