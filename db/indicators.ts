/** Indicators MOGEF defines for an action plan, and the values bodies report; evidence of entries. */
import type { Db } from './connection';
import type { EntryKey, IndicatorDefinition, Installation } from '../contract/progress';
import { IndicatorDefinition as IndicatorDefinitionSchema } from '../contract/progress';
import { DomainError } from '../contract/result';
import { assertBodyMayEdit, ensureEntryRow, resolveKey, touchEntry } from './entries';
import { actorName, logChange, nowIso } from './history';
import { checkCoordinator } from './workflow';

export function defineIndicator(db: Db, input: IndicatorDefinition, actor: Installation): number {
  if (!checkCoordinator(actor).ok) throw new DomainError('FORBIDDEN', 'Only MOGEF\u2019s installation can define indicators.');
  const def = IndicatorDefinitionSchema.parse(input);
  return db
    .transaction(() => {
      const planId = db.prepare('SELECT plan_id FROM action_plan WHERE id = ?').pluck().get(def.actionPlanId) as number | undefined;
      if (planId === undefined) throw new DomainError('NOT_FOUND', 'No such action plan.', [{ path: 'actionPlanId' }]);
      const at = nowIso();
      const id = Number(
        db
          .prepare(
            `INSERT INTO indicator (action_plan_id, name_en, name_ko, unit, kind, baseline, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(def.actionPlanId, def.nameEn, def.nameKo, def.unit, def.kind, def.baseline, actorName(actor), at).lastInsertRowid,
      );
      const periodOfPlan = db.prepare('SELECT 1 FROM reporting_period WHERE id = ? AND plan_id = ?');
      const insertTarget = db.prepare('INSERT INTO indicator_target (indicator_id, period_id, target) VALUES (?, ?, ?)');
      def.targets.forEach((t, i) => {
        if (!periodOfPlan.get(t.periodId, planId)) {
          throw new DomainError('BAD_REQUEST', `Target ${i + 1}: the period is not one of the plan\u2019s.`, [{ path: `targets.${i}.periodId` }]);
        }
        checkValue(def.kind, t.target, `targets.${i}.target`);
        insertTarget.run(id, t.periodId, t.target);
      });
      logChange(db, actor, 'indicator', id, 'definition', null, def, at);
      return id;
    })
    .immediate();
}

function checkValue(kind: IndicatorDefinition['kind'], value: number, path: string): void {
  if (kind === 'percent' && (value < 0 || value > 100)) {
    throw new DomainError('BAD_REQUEST', `A percentage is between 0 and 100 (got ${value}).`, [{ path }]);
  }
  if (kind === 'yes_no' && value !== 0 && value !== 1) {
    throw new DomainError('BAD_REQUEST', 'A yes/no value is 1 (yes) or 0 (no).', [{ path }]);
  }
}

/** A body reports an indicator's actual value for a period (null clears it). */
export function setIndicatorValue(db: Db, key: EntryKey, indicatorId: number, value: number | null, actor: Installation): void {
  db.transaction(() => {
    const k = resolveKey(db, key);
    assertBodyMayEdit(db, k, actor);
    const ind = db.prepare('SELECT kind FROM indicator WHERE id = ? AND action_plan_id = ? AND removed_at IS NULL').get(indicatorId, k.actionPlanId) as
      | { kind: IndicatorDefinition['kind'] }
      | undefined;
    if (!ind) throw new DomainError('NOT_FOUND', 'That indicator does not belong to this action plan.', [{ path: 'indicatorId' }]);
    if (value !== null) checkValue(ind.kind, value, 'value');
    const before = db
      .prepare('SELECT value FROM indicator_value WHERE indicator_id = ? AND body_id = ? AND period_id = ?')
      .pluck()
      .get(indicatorId, k.bodyId, k.periodId) as number | null | undefined;
    if ((before ?? null) === value) return;
    const at = nowIso();
    const who = actorName(actor);
    db.prepare(
      `INSERT INTO indicator_value (indicator_id, body_id, period_id, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (indicator_id, body_id, period_id) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(indicatorId, k.bodyId, k.periodId, value, who, at);
    const entryId = ensureEntryRow(db, k);
    touchEntry(db, entryId, who, at);
    logChange(db, actor, 'entry', entryId, `indicator:${indicatorId}`, before ?? null, value, at);
  }).immediate();
}

export interface EvidenceInput {
  title: string;
  docDate: string | null;
  reference: string | null;
}

export function addEvidence(db: Db, key: EntryKey, input: EvidenceInput, actor: Installation): number {
  return db
    .transaction(() => {
      const k = resolveKey(db, key);
      assertBodyMayEdit(db, k, actor);
      const entryId = ensureEntryRow(db, k);
      const at = nowIso();
      const who = actorName(actor);
      const id = Number(
        db
          .prepare('INSERT INTO evidence (entry_id, title, doc_date, reference, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(entryId, input.title, input.docDate, input.reference, who, at).lastInsertRowid,
      );
      touchEntry(db, entryId, who, at);
      logChange(db, actor, 'entry', entryId, 'evidence', null, input, at);
      return id;
    })
    .immediate();
}

/** Removes evidence from the entry (kept, marked removed, and in the history). */
export function removeEvidence(db: Db, key: EntryKey, evidenceId: number, actor: Installation): void {
  db.transaction(() => {
    const k = resolveKey(db, key);
    assertBodyMayEdit(db, k, actor);
    const entryId = ensureEntryRow(db, k);
    const row = db
      .prepare('SELECT title, doc_date AS docDate, reference FROM evidence WHERE id = ? AND entry_id = ? AND removed_at IS NULL')
      .get(evidenceId, entryId) as EvidenceInput | undefined;
    if (!row) throw new DomainError('NOT_FOUND', 'That evidence is not part of this entry.', [{ path: 'evidenceId' }]);
    const at = nowIso();
    db.prepare('UPDATE evidence SET removed_at = ? WHERE id = ?').run(at, evidenceId);
    touchEntry(db, entryId, actorName(actor), at);
    logChange(db, actor, 'entry', entryId, 'evidence', row, null, at);
  }).immediate();
}
