/**
 * Progress entries: one action plan × one body × one reporting period.
 * Saving is a patch of fields against the revision the editor last saw, in
 * one transaction with its history; the answer is sent only after the
 * commit, so an edit shown as saved is on disk (synchronous=FULL).
 */
import type { Db } from './connection';
import type {
  EntryField,
  EntryKey,
  EntryPatch,
  Evidence,
  IndicatorReport,
  Installation,
  ProgressEntry,
  ReportStatus,
  Comment,
} from '../contract/progress';
import { DomainError } from '../contract/result';
import { cleanText, completenessOf, TEXT_FIELDS } from '../contract/rules';
import { logChange, nowIso, type Actor } from './history';
import { checkBodyEdit } from './workflow';
import { leadBodyCode } from './plan';
import { localStamp } from './identity';
import { cached } from './statements';

export interface ResolvedKey {
  actionPlanId: number;
  bodyId: number;
  bodyCode: string;
  periodId: number;
  planId: number;
  year: number;
}

/** Checks that the body carries the action plan and the period is the plan's. */
export function resolveKey(db: Db, key: EntryKey): ResolvedKey {
  const row = db
    .prepare(
      `SELECT ap.id AS actionPlanId, b.id AS bodyId, b.code AS bodyCode, rp.id AS periodId, ap.plan_id AS planId,
              rp.year AS year, rp.plan_id AS periodPlanId,
              EXISTS (SELECT 1 FROM action_plan_body WHERE action_plan_id = ap.id AND body_id = b.id) AS carries
       FROM action_plan ap, implementing_body b, reporting_period rp
       WHERE ap.id = ? AND b.code = ? AND rp.id = ?`,
    )
    .get(key.actionPlanId, key.bodyCode, key.periodId) as (ResolvedKey & { periodPlanId: number; carries: number }) | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'No such action plan, body or reporting period.', [{ path: 'key' }]);
  if (row.periodPlanId !== row.planId) {
    throw new DomainError('BAD_REQUEST', 'The reporting period is not one of the action plan\u2019s plan.', [{ path: 'key.periodId' }]);
  }
  if (!row.carries) {
    throw new DomainError('BAD_REQUEST', `${key.bodyCode} does not carry this action plan.`, [{ path: 'key.bodyCode' }]);
  }
  return { actionPlanId: row.actionPlanId, bodyId: row.bodyId, bodyCode: row.bodyCode, periodId: row.periodId, planId: row.planId, year: row.year };
}

export interface ReportState {
  status: ReportStatus;
  locked: boolean;
}

export function reportState(db: Db, bodyId: number, periodId: number): ReportState {
  const row = db
    .prepare(
      `SELECT coalesce((SELECT status FROM report WHERE body_id = ? AND period_id = rp.id), 'draft') AS status,
              rp.locked_at IS NOT NULL AS locked
       FROM reporting_period rp WHERE rp.id = ?`,
    )
    .get(bodyId, periodId) as { status: ReportStatus; locked: number } | undefined;
  return { status: row?.status ?? 'draft', locked: row?.locked === 1 };
}

interface EntryRow {
  id: number;
  completion: ProgressEntry['completion'];
  delayed: number | null;
  delay_reason: string | null;
  achievements: string | null;
  next_steps: string | null;
  difficulties: string | null;
  budget_allocated: number | null;
  budget_executed: number | null;
  revision: number;
  updated_by: string | null;
  updated_at: string | null;
}

/** The column of each entry field (db/exchange.ts writes an import's entries through the same map). */
export const ENTRY_COLUMN: Readonly<Record<EntryField, keyof EntryRow>> = {
  completion: 'completion',
  delayed: 'delayed',
  delayReason: 'delay_reason',
  achievements: 'achievements',
  nextSteps: 'next_steps',
  difficulties: 'difficulties',
  budgetAllocated: 'budget_allocated',
  budgetExecuted: 'budget_executed',
};

export type EntryValues = Pick<ProgressEntry, EntryField>;

function values(row: EntryRow | undefined): EntryValues {
  return {
    completion: row?.completion ?? null,
    delayed: row?.delayed === null || row?.delayed === undefined ? null : row.delayed === 1,
    delayReason: row?.delay_reason ?? null,
    achievements: row?.achievements ?? null,
    nextSteps: row?.next_steps ?? null,
    difficulties: row?.difficulties ?? null,
    budgetAllocated: row?.budget_allocated ?? null,
    budgetExecuted: row?.budget_executed ?? null,
  };
}

function findRow(db: Db, k: ResolvedKey): EntryRow | undefined {
  return cached(db, 'SELECT * FROM progress_entry WHERE action_plan_id = ? AND body_id = ? AND period_id = ?').get(k.actionPlanId, k.bodyId, k.periodId) as
    | EntryRow
    | undefined;
}

/** Which required fields are filled: the rule of contract/rules.ts. */
export { completenessOf };

export function indicatorReports(db: Db, k: ResolvedKey): IndicatorReport[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.name_en, i.name_ko, i.unit, i.kind, i.baseline,
              (SELECT target FROM indicator_target WHERE indicator_id = i.id AND period_id = @period) AS target,
              (SELECT value FROM indicator_value WHERE indicator_id = i.id AND body_id = @body AND period_id = @period) AS value
       FROM indicator i WHERE i.action_plan_id = @action AND i.removed_at IS NULL ORDER BY i.id`,
    )
    .all({ action: k.actionPlanId, body: k.bodyId, period: k.periodId }) as {
    id: number;
    name_en: string;
    name_ko: string;
    unit: string;
    kind: IndicatorReport['kind'];
    baseline: number | null;
    target: number | null;
    value: number | null;
  }[];
  return rows.map((r) => ({
    indicatorId: r.id,
    nameEn: r.name_en,
    nameKo: r.name_ko,
    unit: r.unit,
    kind: r.kind,
    baseline: r.baseline,
    target: r.target,
    value: r.value,
  }));
}

function evidenceOf(db: Db, entryId: number | null): Evidence[] {
  if (entryId === null) return [];
  return db
    .prepare(
      'SELECT id, title, doc_date AS docDate, reference FROM evidence WHERE entry_id = ? AND removed_at IS NULL ORDER BY id',
    )
    .all(entryId) as Evidence[];
}

function commentsOf(db: Db, entryId: number | null): Comment[] {
  if (entryId === null) return [];
  return db
    .prepare(
      'SELECT id, text, author, created_at AS createdAt FROM entry_comment WHERE entry_id = ? AND removed_at IS NULL ORDER BY id',
    )
    .all(entryId) as Comment[];
}

export function getEntry(db: Db, key: EntryKey, actor: Installation): ProgressEntry {
  const k = resolveKey(db, key);
  return entryView(db, k, actor);
}

function entryView(db: Db, k: ResolvedKey, actor: Installation): ProgressEntry {
  const row = findRow(db, k);
  const v = values(row);
  const indicators = indicatorReports(db, k);
  const state = reportState(db, k.bodyId, k.periodId);
  const edit = checkBodyEdit(actor, k.bodyCode, state.status, state.locked, leadBodyCode(db, k.planId));
  return {
    key: { actionPlanId: k.actionPlanId, bodyCode: k.bodyCode, periodId: k.periodId },
    id: row?.id ?? null,
    ...v,
    revision: row?.revision ?? 0,
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ?? null,
    indicators,
    evidence: evidenceOf(db, row?.id ?? null),
    comments: commentsOf(db, row?.id ?? null),
    completeness: completenessOf(v, indicators),
    editable: edit.ok,
    readOnlyReason: edit.ok ? null : edit.why,
  };
}

/** The same action plan and body, the year before (for reference beside the form). */
export function previousEntry(db: Db, key: EntryKey, actor: Installation): ProgressEntry | null {
  const k = resolveKey(db, key);
  const prev = db
    .prepare('SELECT id, year FROM reporting_period WHERE plan_id = ? AND year < ? ORDER BY year DESC LIMIT 1')
    .get(k.planId, k.year) as { id: number; year: number } | undefined;
  if (!prev) return null;
  const pk: ResolvedKey = { ...k, periodId: prev.id, year: prev.year };
  if (!findRow(db, pk)) return null;
  return entryView(db, pk, actor);
}

/** Throws FORBIDDEN unless the actor may change this body's fields now. */
export function assertBodyMayEdit(db: Db, k: ResolvedKey, actor: Installation): void {
  const state = reportState(db, k.bodyId, k.periodId);
  const edit = checkBodyEdit(actor, k.bodyCode, state.status, state.locked, leadBodyCode(db, k.planId));
  if (!edit.ok) {
    const because = {
      coordinator: 'MOGEF\u2019s installation does not change a body\u2019s entries',
      other_body: `this installation reports for ${actor.role === 'body' ? actor.bodyCode : 'MOGEF'}, not ${k.bodyCode}`,
      locked: 'MOGEF has locked this reporting period',
      submitted: 'the report is submitted; it can be changed again if MOGEF returns it',
      accepted: 'MOGEF has accepted the report',
    }[edit.why];
    throw new DomainError('FORBIDDEN', `This entry cannot be changed: ${because}.`, [{ path: 'key', hint: edit.why }]);
  }
}

/** The entry's row id, creating the empty row on first use. */
export function ensureEntryRow(db: Db, k: ResolvedKey): number {
  const existing = findRow(db, k);
  if (existing) return existing.id;
  const stamp = localStamp(db);
  return Number(
    cached(db, 'INSERT INTO progress_entry (action_plan_id, body_id, period_id, uid, origin) VALUES (?, ?, ?, ?, ?)').run(
      k.actionPlanId,
      k.bodyId,
      k.periodId,
      stamp.uid,
      stamp.origin,
    ).lastInsertRowid,
  );
}

/** Bumps the entry's revision and stamps who changed it. */
export function touchEntry(db: Db, entryId: number, actorName: string, at: string): void {
  cached(db, 'UPDATE progress_entry SET revision = revision + 1, updated_by = ?, updated_at = ? WHERE id = ?').run(actorName, at, entryId);
}

/** An entry's fields as stored now (all null before its first save). */
export function entryValues(db: Db, k: ResolvedKey): EntryValues {
  return values(findRow(db, k));
}

/**
 * The one write of a body's fields, for the form (saveEntry) and the
 * importer alike: the fields that differ from what is stored are written,
 * the revision bumped and each change logged with before and after. The
 * caller has checked who may write (assertBodyMayEdit, or the exchange's
 * ownership rule) and normalised the values. Answers the fields changed.
 */
export function writeEntryFields(db: Db, k: ResolvedKey, patch: EntryPatch, actor: Actor, name: string, at: string): EntryField[] {
  const row = findRow(db, k);
  const before = values(row);
  const changes = (Object.keys(patch) as EntryField[]).filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
  if (changes.length === 0) return [];
  const id = row?.id ?? ensureEntryRow(db, k);
  const sets = changes.map((f) => `${ENTRY_COLUMN[f]} = @${f}`).join(', ');
  const params: Record<string, unknown> = { id };
  for (const f of changes) params[f] = f === 'delayed' ? (patch.delayed === null ? null : patch.delayed ? 1 : 0) : patch[f];
  cached(db, `UPDATE progress_entry SET ${sets} WHERE id = @id`).run(params);
  touchEntry(db, id, name, at);
  for (const f of changes) logChange(db, actor, 'entry', id, f, before[f], patch[f], at);
  return changes;
}


/** The patch as it is stored: texts normalised by the shared rule (NFC, trimmed, white space only is empty). */
function cleanPatch(patch: EntryPatch): EntryPatch {
  const clean: EntryPatch = { ...patch };
  for (const f of TEXT_FIELDS) if (clean[f] !== undefined) clean[f] = cleanText(clean[f]);
  return clean;
}

/**
 * Applies a patch of the body's fields. Refused unless the actor is the body
 * and its report is editable; refused with CONFLICT if the entry changed
 * since baseRevision — unless every field of the patch already holds what it
 * asks (a save retried after a lost answer), which answers the entry as it
 * is. Texts are normalised first; each changed field is logged with before
 * and after.
 */
export function saveEntry(db: Db, key: EntryKey, baseRevision: number, patch: EntryPatch, actor: Installation, name: string): ProgressEntry {
  return db
    .transaction(() => {
      const k = resolveKey(db, key);
      assertBodyMayEdit(db, k, actor);
      const row = findRow(db, k);
      const revision = row?.revision ?? 0;
      const before = values(row);
      const clean = cleanPatch(patch);
      const fields = (Object.keys(clean) as EntryField[]).filter((f) => clean[f] !== undefined);
      const changes = fields.filter((f) => clean[f] !== before[f]);
      // A save retried after its answer was lost asks for what is already there: answer as if it were new.
      if (revision !== baseRevision && changes.length === 0 && fields.length > 0) return entryView(db, k, actor);
      if (revision !== baseRevision) {
        throw new DomainError(
          'CONFLICT',
          `This entry was changed elsewhere (revision ${revision}, the form had ${baseRevision}). Reload it; your text is kept in the form.`,
          [{ path: 'baseRevision', hint: String(revision) }],
        );
      }
      if (changes.length === 0) return entryView(db, k, actor);
      writeEntryFields(db, k, Object.fromEntries(changes.map((f) => [f, clean[f]])), actor, name, nowIso());
      return entryView(db, k, actor);
    })
    .immediate();
}
