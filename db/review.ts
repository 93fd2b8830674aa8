/** MOGEF's fields: comments on entries, the civic advisory panel's comments, consolidated-level overrides. */
import type { Db } from './connection';
import type { CompletionLevel, EntryKey, Installation } from '../contract/progress';
import { DomainError } from '../contract/result';
import { ensureEntryRow, resolveKey } from './entries';
import { actorName, logChange, nowIso } from './history';
import { checkCoordinator } from './workflow';

function requireCoordinator(actor: Installation, what: string): void {
  if (!checkCoordinator(actor).ok) throw new DomainError('FORBIDDEN', `Only MOGEF\u2019s installation can ${what}.`);
}

/** A comment of MOGEF on a body's entry; kept in the entry's history. */
export function addEntryComment(db: Db, key: EntryKey, text: string, actor: Installation): number {
  requireCoordinator(actor, 'comment on entries');
  return db
    .transaction(() => {
      const k = resolveKey(db, key);
      const entryId = ensureEntryRow(db, k);
      const at = nowIso();
      const id = Number(
        db
          .prepare('INSERT INTO entry_comment (entry_id, text, author, created_at) VALUES (?, ?, ?, ?)')
          .run(entryId, text, actorName(actor), at).lastInsertRowid,
      );
      logChange(db, actor, 'entry', entryId, 'comment', null, text, at);
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
  return db
    .transaction(() => {
      const ok = db
        .prepare(
          'SELECT 1 FROM action_plan ap JOIN reporting_period rp ON rp.plan_id = ap.plan_id WHERE ap.id = ? AND rp.id = ?',
        )
        .get(actionPlanId, periodId);
      if (!ok) throw new DomainError('NOT_FOUND', 'No such action plan in that reporting period\u2019s plan.', [{ path: 'actionPlanId' }]);
      const at = nowIso();
      const id = Number(
        db
          .prepare('INSERT INTO panel_comment (action_plan_id, period_id, text, recorded_by, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(actionPlanId, periodId, text, actorName(actor), at).lastInsertRowid,
      );
      logChange(db, actor, 'panel_comment', id, 'text', null, text, at);
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
 * reason; completion null removes the override (kept in history).
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
  if (!reason.trim()) throw new DomainError('BAD_REQUEST', 'An override needs a reason.', [{ path: 'reason' }]);
  db.transaction(() => {
    const before = db
      .prepare('SELECT completion, reason FROM consolidated_override WHERE action_plan_id = ? AND period_id = ? AND removed_at IS NULL')
      .get(actionPlanId, periodId) as { completion: CompletionLevel; reason: string } | undefined;
    const at = nowIso();
    if (completion === null) {
      db.prepare('UPDATE consolidated_override SET removed_at = ? WHERE action_plan_id = ? AND period_id = ?').run(at, actionPlanId, periodId);
    } else {
      db.prepare(
        `INSERT INTO consolidated_override (action_plan_id, period_id, completion, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (action_plan_id, period_id) DO UPDATE SET completion = excluded.completion, reason = excluded.reason,
           set_by = excluded.set_by, set_at = excluded.set_at, removed_at = NULL`,
      ).run(actionPlanId, periodId, completion, reason.trim(), actorName(actor), at);
    }
    logChange(db, actor, 'override', actionPlanId, `period:${periodId}`, before ?? null, completion ? { completion, reason } : null, at);
  }).immediate();
}
