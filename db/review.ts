/** MOGEF's fields: comments on entries, the civic advisory panel's comments, consolidated-level overrides. */
import type { Db } from './connection';
import type { CompletionLevel, EntryKey, Installation } from '../contract/progress';
import { DomainError } from '../contract/result';
import { REASON_MAX, isCompletionLevel, isFilled } from '../contract/rules';
import { ensureEntryRow, resolveKey } from './entries';
import { actorName, logChange, nowIso } from './history';
import { checkCoordinator } from './workflow';
import { localStamp } from './identity';
import { requiredText } from './written-text';

function requireCoordinator(actor: Installation, what: string): void {
  if (!checkCoordinator(actor).ok) throw new DomainError('FORBIDDEN', `Only MOGEF\u2019s installation can ${what}.`);
}

/**
 * Refuses an action plan or a period that does not exist (NOT_FOUND), and a
 * period of another plan than the action plan's (BAD_REQUEST).
 */
function checkActionInPeriod(db: Db, actionPlanId: number, periodId: number): void {
  const actionPlan = db.prepare('SELECT plan_id FROM action_plan WHERE id = ?').pluck().get(actionPlanId) as number | undefined;
  if (actionPlan === undefined) throw new DomainError('NOT_FOUND', 'No such action plan.', [{ path: 'actionPlanId' }]);
  const period = db.prepare('SELECT plan_id FROM reporting_period WHERE id = ?').pluck().get(periodId) as number | undefined;
  if (period === undefined) throw new DomainError('NOT_FOUND', 'No such reporting period.', [{ path: 'periodId' }]);
  if (period !== actionPlan) {
    throw new DomainError('BAD_REQUEST', 'The reporting period is not one of the action plan\u2019s plan.', [{ path: 'periodId' }]);
  }
}

/** A comment of MOGEF on a body's entry; kept in the entry's history. */
export function addEntryComment(db: Db, key: EntryKey, text: string, actor: Installation): number {
  requireCoordinator(actor, 'comment on entries');
  const clean = requiredText(text, REASON_MAX, 'text', 'comment');
  return db
    .transaction(() => {
      const k = resolveKey(db, key);
      const entryId = ensureEntryRow(db, k);
      const at = nowIso();
      const stamp = localStamp(db);
      const id = Number(
        db
          .prepare('INSERT INTO entry_comment (entry_id, text, author, created_at, uid, origin) VALUES (?, ?, ?, ?, ?, ?)')
          .run(entryId, clean, actorName(actor), at, stamp.uid, stamp.origin).lastInsertRowid,
      );
      logChange(db, actor, 'entry', entryId, 'comment', null, clean, at);
      return id;
    })
    .immediate();
}

export interface PanelComment {
  id: number;
  text: string;
  recordedBy: string;
  createdAt: string;
}

/** Records a comment of the civic advisory panel on an action plan for a period. */
export function addPanelComment(db: Db, actionPlanId: number, periodId: number, text: string, actor: Installation): number {
  requireCoordinator(actor, 'record the civic advisory panel\u2019s comments');
  const clean = requiredText(text, REASON_MAX, 'text', 'comment');
  return db
    .transaction(() => {
      checkActionInPeriod(db, actionPlanId, periodId);
      const at = nowIso();
      const stamp = localStamp(db);
      const id = Number(
        db
          .prepare('INSERT INTO panel_comment (action_plan_id, period_id, text, recorded_by, created_at, uid, origin) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(actionPlanId, periodId, clean, actorName(actor), at, stamp.uid, stamp.origin).lastInsertRowid,
      );
      logChange(db, actor, 'panel_comment', id, 'text', null, clean, at);
      return id;
    })
    .immediate();
}

export function listPanelComments(db: Db, actionPlanId: number, periodId: number): PanelComment[] {
  return db
    .prepare(
      `SELECT id, text, recorded_by AS recordedBy, created_at AS createdAt FROM panel_comment
       WHERE action_plan_id = ? AND period_id = ? AND removed_at IS NULL ORDER BY id`,
    )
    .all(actionPlanId, periodId) as PanelComment[];
}

/**
 * Overrides the consolidated level of an action plan for a period, with a
 * reason; completion null removes the override. Both reach the history as
 * change_log rows (entity "override", id the action plan, field
 * "period:<id>"): before is the override in effect, after {completion, reason}
 * with completion null for a removal, whose reason the row keeps too
 * (removed_reason, removed_by). Setting what is already in effect changes
 * nothing and logs nothing.
 */
export function setOverride(
  db: Db,
  actionPlanId: number,
  periodId: number,
  completion: CompletionLevel | null,
  reason: string,
  actor: Installation,
): void {
  requireCoordinator(actor, 'override a consolidated level');
  if (!isFilled(reason)) throw new DomainError('BAD_REQUEST', 'An override needs a reason.', [{ path: 'reason', hint: 'required' }]);
  const why = requiredText(reason, REASON_MAX, 'reason', 'reason');
  if (completion !== null && !isCompletionLevel(completion)) {
    throw new DomainError('BAD_REQUEST', 'No such completion level.', [{ path: 'completion' }]);
  }
  db.transaction(() => {
    checkActionInPeriod(db, actionPlanId, periodId);
    const row = db
      .prepare('SELECT completion, reason, removed_at AS removedAt FROM consolidated_override WHERE action_plan_id = ? AND period_id = ?')
      .get(actionPlanId, periodId) as { completion: CompletionLevel; reason: string; removedAt: string | null } | undefined;
    const inEffect = row && row.removedAt === null ? { completion: row.completion, reason: row.reason } : null;
    const at = nowIso();
    const who = actorName(actor);
    if (completion === null) {
      if (!inEffect) throw new DomainError('NOT_FOUND', 'There is no override to remove.', [{ path: 'completion' }]);
      db.prepare(
        `UPDATE consolidated_override SET removed_at = ?, removed_by = ?, removed_reason = ?
         WHERE action_plan_id = ? AND period_id = ? AND removed_at IS NULL`,
      ).run(at, who, why, actionPlanId, periodId);
    } else {
      if (inEffect && inEffect.completion === completion && inEffect.reason === why) return;
      // An explicit insert or update, never a REPLACE (migration 0030 refuses it: it deletes the kept row).
      if (row) {
        db.prepare(
          `UPDATE consolidated_override SET completion = ?, reason = ?, set_by = ?, set_at = ?,
             removed_at = NULL, removed_by = NULL, removed_reason = NULL
           WHERE action_plan_id = ? AND period_id = ?`,
        ).run(completion, why, who, at, actionPlanId, periodId);
      } else {
        const stamp = localStamp(db);
        db.prepare(
          'INSERT INTO consolidated_override (action_plan_id, period_id, completion, reason, set_by, set_at, uid, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(actionPlanId, periodId, completion, why, who, at, stamp.uid, stamp.origin);
      }
    }
    logChange(db, actor, 'override', actionPlanId, `period:${periodId}`, inEffect, { completion, reason: why }, at);
  }).immediate();
}
