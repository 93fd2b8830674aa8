/** Indicators MOGEF defines for an action plan, and the values bodies report; evidence of entries. */
import type { Db } from './connection';
import type { EntryKey, IndicatorDefinition, Installation } from '../contract/progress';
import { IndicatorDefinition as IndicatorDefinitionSchema } from '../contract/progress';
import { DomainError } from '../contract/result';
import { EVIDENCE_MAX, EVIDENCE_TEXT_MAX, isIsoDate } from '../contract/rules';
import { assertBodyMayEdit, ensureEntryRow, resolveKey, touchEntry, type ResolvedKey } from './entries';
import { actorName, logChange, nowIso, type Actor } from './history';
import { checkCoordinator } from './workflow';
import { localStamp, type Stamp } from './identity';
import { cached } from './statements';
import { checkIndicatorValue, optionalText, requiredText } from './written-text';

const NAME_MAX = 300;
const UNIT_MAX = 40;

export function defineIndicator(db: Db, input: IndicatorDefinition, actor: Installation): number {
  if (!checkCoordinator(actor).ok) throw new DomainError('FORBIDDEN', 'Only MOGEF\u2019s installation can define indicators.');
  const parsed = IndicatorDefinitionSchema.parse(input);
  const def = {
    ...parsed,
    nameEn: requiredText(parsed.nameEn, NAME_MAX, 'nameEn', 'English name'),
    nameKo: requiredText(parsed.nameKo, NAME_MAX, 'nameKo', 'Korean name'),
    unit: optionalText(parsed.unit, UNIT_MAX, 'unit', 'unit') ?? '',
  };
  if (def.baseline !== null) checkIndicatorValue(def.kind, def.baseline, 'baseline');
  def.targets.forEach((t, i) => {
    checkIndicatorValue(def.kind, t.target, `targets.${i}.target`);
    if (def.targets.findIndex((u) => u.periodId === t.periodId) !== i) {
      throw new DomainError('BAD_REQUEST', `Target ${i + 1}: that period has a target already.`, [{ path: `targets.${i}.periodId`, hint: 'duplicate' }]);
    }
  });
  return db
    .transaction(() => {
      const planId = db.prepare('SELECT plan_id FROM action_plan WHERE id = ?').pluck().get(def.actionPlanId) as number | undefined;
      if (planId === undefined) throw new DomainError('NOT_FOUND', 'No such action plan.', [{ path: 'actionPlanId' }]);
      const at = nowIso();
      const stamp = localStamp(db);
      const id = Number(
        db
          .prepare(
            `INSERT INTO indicator (action_plan_id, name_en, name_ko, unit, kind, baseline, created_by, created_at, uid, origin)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(def.actionPlanId, def.nameEn, def.nameKo, def.unit, def.kind, def.baseline, actorName(actor), at, stamp.uid, stamp.origin).lastInsertRowid,
      );
      const periodOfPlan = db.prepare('SELECT 1 FROM reporting_period WHERE id = ? AND plan_id = ?');
      const insertTarget = db.prepare('INSERT INTO indicator_target (indicator_id, period_id, target) VALUES (?, ?, ?)');
      def.targets.forEach((t, i) => {
        if (!periodOfPlan.get(t.periodId, planId)) {
          throw new DomainError('BAD_REQUEST', `Target ${i + 1}: the period is not one of the plan\u2019s.`, [{ path: `targets.${i}.periodId` }]);
        }
        insertTarget.run(id, t.periodId, t.target);
      });
      logChange(db, actor, 'indicator', id, 'definition', null, def, at);
      return id;
    })
    .immediate();
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
    if (value !== null) checkIndicatorValue(ind.kind, value, 'value');
    writeIndicatorValue(db, k, indicatorId, value, actor, actorName(actor), nowIso());
  }).immediate();
}

/**
 * The one write of an indicator value, for the form and the importer: the
 * caller has checked who may write and that the value fits the indicator's
 * kind. Answers whether it changed.
 */
export function writeIndicatorValue(db: Db, k: ResolvedKey, indicatorId: number, value: number | null, actor: Actor, who: string, at: string): boolean {
  {
    const before = cached(db, 'SELECT value FROM indicator_value WHERE indicator_id = ? AND body_id = ? AND period_id = ?')
      .pluck()
      .get(indicatorId, k.bodyId, k.periodId) as number | null | undefined;
    if ((before ?? null) === value) return false;
    // An explicit insert or update, never a REPLACE (migration 0030 refuses it: it deletes the kept row).
    if (before === undefined) {
      cached(db, 'INSERT INTO indicator_value (indicator_id, body_id, period_id, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(indicatorId, k.bodyId, k.periodId, value, who, at);
    } else {
      cached(db, 'UPDATE indicator_value SET value = ?, updated_by = ?, updated_at = ? WHERE indicator_id = ? AND body_id = ? AND period_id = ?').run(
        value,
        who,
        at,
        indicatorId,
        k.bodyId,
        k.periodId,
      );
    }
    const entryId = ensureEntryRow(db, k);
    touchEntry(db, entryId, who, at);
    logChange(db, actor, 'entry', entryId, `indicator:${indicatorId}`, before ?? null, value, at);
    return true;
  }
}

export interface EvidenceInput {
  title: string;
  docDate: string | null;
  reference: string | null;
}

/** Adds an evidence item to the entry: a title, a real date or none, a reference; at most EVIDENCE_MAX per entry. */
export function addEvidence(db: Db, key: EntryKey, input: EvidenceInput, actor: Installation): number {
  const item: EvidenceInput = {
    title: requiredText(input.title, EVIDENCE_TEXT_MAX, 'title', 'evidence title'),
    docDate: input.docDate,
    reference: optionalText(input.reference, EVIDENCE_TEXT_MAX, 'reference', 'evidence reference'),
  };
  if (item.docDate !== null && !isIsoDate(item.docDate)) {
    throw new DomainError('BAD_REQUEST', 'A date is YYYY-MM-DD and exists in the calendar.', [{ path: 'docDate', hint: 'date' }]);
  }
  return db
    .transaction(() => {
      const k = resolveKey(db, key);
      assertBodyMayEdit(db, k, actor);
      const entryId = ensureEntryRow(db, k);
      const held = db.prepare('SELECT count(*) FROM evidence WHERE entry_id = ? AND removed_at IS NULL').pluck().get(entryId) as number;
      if (held >= EVIDENCE_MAX) {
        throw new DomainError('CONFLICT', `An entry holds at most ${EVIDENCE_MAX} evidence items: remove one before adding another.`, [
          { path: 'title', hint: 'evidence_max' },
        ]);
      }
      const at = nowIso();
      const who = actorName(actor);
      const id = insertEvidence(db, entryId, item, actor, who, at, localStamp(db));
      touchEntry(db, entryId, who, at);
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
    markEvidenceRemoved(db, evidenceId, entryId, row, actor, at);
    touchEntry(db, entryId, actorName(actor), at);
  }).immediate();
}

/**
 * The one insert of a piece of evidence, for the form, an import and an
 * undo: stamped as given (made here, or the row's own identity from another
 * installation) and logged against its entry. The caller has checked who may
 * write, and touches the entry.
 */
export function insertEvidence(db: Db, entryId: number, item: EvidenceInput, actor: Actor, who: string, at: string, stamp: Stamp): number {
  const id = Number(
    cached(db, 'INSERT INTO evidence (entry_id, title, doc_date, reference, created_by, created_at, uid, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      entryId,
      item.title,
      item.docDate,
      item.reference,
      who,
      at,
      stamp.uid,
      stamp.origin,
    ).lastInsertRowid,
  );
  logChange(db, actor, 'entry', entryId, 'evidence', null, item, at);
  return id;
}

/** The one removal of a piece of evidence: kept, marked removed, logged with what it was. The caller touches the entry. */
export function markEvidenceRemoved(db: Db, evidenceId: number, entryId: number, before: EvidenceInput, actor: Actor, at: string): void {
  cached(db, 'UPDATE evidence SET removed_at = ? WHERE id = ?').run(at, evidenceId);
  logChange(db, actor, 'entry', entryId, 'evidence', before, null, at);
}
