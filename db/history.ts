/** The change log: every change to what users enter, append-only. */
import type { Db } from './connection';
import type { Installation, HistoryRow } from '../contract/progress';
import { installationId } from './identity';
import { cached } from './statements';

export type Entity = 'entry' | 'panel_comment' | 'override' | 'report' | 'indicator' | 'period' | 'installation' | 'meeting' | 'follow_up';

export function actorName(actor: Installation): string {
  return actor.role === 'body' ? `${actor.userName} (${actor.bodyCode})` : `${actor.userName} (MOGEF)`;
}

/**
 * Who makes a change: an installation's identity, and the id of the
 * installation it was made in (this one when not said; an import names the
 * installation a change came from).
 */
export type Actor = Installation & { installationId?: string };

export function nowIso(): string {
  return new Date().toISOString();
}

export function logChange(
  db: Db,
  actor: Actor,
  entity: Entity,
  entityId: number,
  field: string,
  before: unknown,
  after: unknown,
  at: string = nowIso(),
): void {
  cached(
    db,
    `INSERT INTO change_log (at, actor, actor_role, actor_installation, entity, entity_id, field, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(at, actorName(actor), actor.role, actor.installationId ?? installationId(db), entity, entityId, field, json(before), json(after));
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

function parse(v: string | null): unknown {
  return v === null ? null : JSON.parse(v);
}

interface LogRow {
  at: string;
  actor: string;
  actor_role: string;
  entity: string;
  field: string;
  before: string | null;
  after: string | null;
}

function historyRow(r: LogRow): HistoryRow {
  return {
    at: r.at,
    actor: r.actor,
    actorRole: r.actor_role,
    entity: r.entity,
    field: r.field,
    before: parse(r.before),
    after: parse(r.after),
  };
}

/**
 * The history of one progress entry. Indicator values, evidence and MOGEF's
 * comments on the entry are logged against the entry too (field
 * "indicator:<id>", "evidence", "comment"), so one query tells all of it.
 */
export function entryHistory(db: Db, entryId: number): HistoryRow[] {
  const rows = db
    .prepare(
      `SELECT at, actor, actor_role, entity, field, before, after FROM change_log
       WHERE entity = 'entry' AND entity_id = ? ORDER BY id`,
    )
    .all(entryId) as LogRow[];
  return rows.map(historyRow);
}

/**
 * The history of MOGEF's override of an action plan's consolidated level for
 * a period: each setting and removal, with the reason given (after is
 * {completion, reason}; completion null for a removal).
 */
export function overrideHistory(db: Db, actionPlanId: number, periodId: number): HistoryRow[] {
  const rows = db
    .prepare(
      `SELECT at, actor, actor_role, entity, field, before, after FROM change_log
       WHERE entity = 'override' AND entity_id = ? AND field = ? ORDER BY id`,
    )
    .all(actionPlanId, `period:${periodId}`) as LogRow[];
  return rows.map(historyRow);
}
