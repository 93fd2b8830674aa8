/**
 * Applying a previewed import, and undoing one. Each is one transaction:
 * every change is written through the same functions the forms use
 * (db/indicators.ts writeIndicatorValue, db/entries.ts writeEntryFields; an
 * apply writes its entries' fields through db/exchange.ts
 * writeEntriesOfReport, the same writes for many entries in three statements),
 * logged in change_log with the file as its author, and recorded in
 * exchange_change so that undo puts back exactly what was there. The
 * database is as it was when anything is refused.
 */
import { importMeetings } from '../../db/meetings';
import type { Db } from '../../db/connection';
import type { ApplyChoices, ImportRecord, MetaEvent } from '../../contract/exchange';
import { BODY_FIELDS, parseEvidenceCell, type BodyField } from '../../contract/exchange';
import type { EntryField, EntryPatch, Installation, ReportStatus } from '../../contract/progress';
import { DomainError } from '../../contract/result';
import { ensureEntryRow, entryValues, reportState, resolveKey, touchEntry, writeEntryFields, type ResolvedKey } from '../../db/entries';
import { insertEvidence, markEvidenceRemoved, writeIndicatorValue, type EvidenceInput } from '../../db/indicators';
import { recordTransition } from '../../db/reports';
import { actorName, logChange, nowIso, type Actor } from '../../db/history';
import { installationId, localStamp, NaturalKeys, newUid } from '../../db/identity';
import {
  changesOf, entriesOfReport, importById, listImports, markUndone, NO_ENTRY_VALUES, recordChanges, recordImport, writeEntriesOfReport,
  type ChangeRecord, type EntryWrite, type ImportRow, type NewImport,
} from '../../db/exchange';
import { fingerprint, type ImportPlan } from './merge';
import { cached } from '../../db/statements';

export function importRecordOf(r: ImportRow): ImportRecord {
  return {
    id: r.id,
    fileName: r.fileName,
    sha256: r.sha256,
    kind: r.kind,
    plan: r.plan,
    body: r.body,
    year: r.year,
    writerName: r.writerName,
    importedBy: r.importedBy,
    importedAt: r.importedAt,
    counts: r.counts,
    undoneAt: r.undoneAt,
    undoneBy: r.undoneBy,
  };
}

export function importHistory(db: Db): ImportRecord[] {
  return listImports(db).map(importRecordOf);
}

/** Refused: conflicts unsettled, confirmations missing, or the database changed since the preview. */
function refuse(code: 'CONFLICT' | 'BAD_REQUEST', en: string, hint: string): never {
  throw new DomainError(code, en, [{ path: 'choices', hint }]);
}

export function applyImport(db: Db, plan: ImportPlan, choices: ApplyChoices, receiver: Installation, needsConfirmation: readonly string[]): ImportRecord {
  return db
    .transaction(() => {
      if (fingerprint(db, plan) !== plan.fingerprint) {
        refuse('CONFLICT', 'The data changed since this preview was made: preview the file again.', 'stale_preview');
      }
      const missing = needsConfirmation.filter((c) => !choices.confirm.includes(c as ApplyChoices['confirm'][number]));
      if (missing.length > 0) refuse('BAD_REQUEST', `Confirm first: ${missing.join(', ')}.`, `confirm:${missing.join(',')}`);
      const picks = new Map(choices.picks.map((p) => [`${p.actionPlan}\u0000${p.field}`, p.take]));
      const unsettled: string[] = [];
      for (const row of plan.rows)
        for (const f of row.fields)
          if (f.outcome === 'conflict' && !picks.has(`${row.actionPlan}\u0000${f.field}`) && choices.take === null) unsettled.push(`${row.actionPlan} ${f.field}`);
      if (unsettled.length > 0) refuse('CONFLICT', `${unsettled.length} conflicts are not settled: pick a side for each (${unsettled.slice(0, 3).join('; ')}).`, 'unsettled');

      const at = nowIso();
      const here = installationId(db);
      const author: Actor = plan.writer?.role === 'coordinator'
        ? { role: 'coordinator', userName: plan.authorName, installationId: plan.authorInstallation }
        : { role: 'body', bodyCode: plan.body, userName: plan.authorName, installationId: plan.authorInstallation };
      const changes: ChangeRecord[] = [];
      // Plan items by their natural keys (db/identity.ts), as the file names them.
      // Made when first needed (MOGEF's fields): it reads every plan item, which a body's rows do not need.
      let natural: NaturalKeys | null = null;
      const keys = (): NaturalKeys => (natural ??= new NaturalKeys(db));
      const periodOf = (year: number) => keys().periodIdOf(plan.plan, year) ?? undefined;

      // MOGEF's fields first (a body's installation): indicators, then comments.
      for (const ind of plan.indicatorsAdd) {
        const apId = keys().actionPlanIdOf(plan.plan, ind.actionPlan);
        if (apId === null) continue;
        const id = Number(
          cached(
            db,
            `INSERT INTO indicator (action_plan_id, name_en, name_ko, unit, kind, baseline, created_by, created_at, uid, origin)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(apId, ind.nameEn, ind.nameKo, ind.unit, ind.kind, ind.baseline, ind.createdBy, ind.createdAt, ind.uid, ind.origin).lastInsertRowid,
        );
        for (const t of ind.targets) {
          const pid = periodOf(t.year);
          if (pid !== undefined) cached(db, 'INSERT INTO indicator_target (indicator_id, period_id, target) VALUES (?, ?, ?)').run(id, pid, t.target);
        }
        logChange(db, author, 'indicator', id, 'definition', null, { ...ind, header: undefined }, at);
        changes.push({ kind: 'indicatorAdd', target: { uid: ind.uid }, before: null, after: ind.uid });
      }
      for (const uid of plan.indicatorsRemove) {
        const id = cached(db, 'SELECT id FROM indicator WHERE uid = ?').pluck().get(uid) as number;
        cached(db, 'UPDATE indicator SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
        logChange(db, author, 'indicator', id, 'removed', null, at, at);
        changes.push({ kind: 'indicatorRemove', target: { uid }, before: null, after: at });
      }
      for (const t of plan.targets) {
        const id = cached(db, 'SELECT id FROM indicator WHERE uid = ?').pluck().get(t.uid) as number | undefined;
        const pid = periodOf(t.year);
        if (id === undefined || pid === undefined) continue;
        const before = cached(db, 'SELECT target FROM indicator_target WHERE indicator_id = ? AND period_id = ?').pluck().get(id, pid) as number | undefined;
        if (before === undefined) cached(db, 'INSERT INTO indicator_target (indicator_id, period_id, target) VALUES (?, ?, ?)').run(id, pid, t.target);
        else cached(db, 'UPDATE indicator_target SET target = ? WHERE indicator_id = ? AND period_id = ?').run(t.target, id, pid);
        logChange(db, author, 'indicator', id, `target:${t.year}`, before ?? null, t.target, at);
        changes.push({ kind: 'target', target: { uid: t.uid, year: t.year }, before: before ?? null, after: t.target });
      }
      for (const c of plan.commentsAdd) {
        const apId = keys().actionPlanIdOf(plan.plan, c.actionPlan);
        if (apId === null) continue;
        const k = resolveKey(db, { actionPlanId: apId, bodyCode: plan.body, periodId: plan.periodId });
        const entryId = ensureEntryRow(db, k);
        cached(db, 'INSERT INTO entry_comment (entry_id, text, author, created_at, uid, origin) VALUES (?, ?, ?, ?, ?, ?)').run(entryId, c.text, c.author, c.createdAt, c.uid, c.origin);
        logChange(db, author, 'entry', entryId, 'comment', null, c.text, at);
        changes.push({ kind: 'commentAdd', target: { uid: c.uid }, before: null, after: c.text });
      }
      for (const uid of plan.commentsRemove) {
        cached(db, 'UPDATE entry_comment SET removed_at = ? WHERE uid = ? AND removed_at IS NULL').run(at, uid);
        changes.push({ kind: 'commentRemove', target: { uid }, before: null, after: at });
      }

      // MOGEF's transitions reach the body before its fields (a return opens the report again).
      const coordinatorEvents = plan.events.filter((e) => e.to !== 'submitted');
      const bodyEvents = plan.events.filter((e) => e.to === 'submitted');
      for (const e of coordinatorEvents) insertEvent(db, plan, e, author, at, changes);

      // The body's fields: indicator values and evidence row by row, then every entry's own fields at once
      // (db/exchange.ts writeEntriesOfReport: the same writes, logs and revisions as writeEntryFields an entry at a time).
      // The values before are read here: nothing written above or in the rows' loop changes an entry's fields.
      const current = entriesOfReport(db, plan.bodyId, plan.periodId, plan.rows.map((r) => r.key.actionPlanId));
      const entryWrites: EntryWrite[] = [];
      for (const row of plan.rows) {
        const patch: EntryPatch = {};
        const take = (field: string, outcome: string) => {
          if (outcome === 'taken') return true;
          if (outcome !== 'conflict') return false;
          const pick = picks.get(`${row.actionPlan}\u0000${field}`) ?? choices.take;
          return pick === 'file';
        };
        for (const f of row.fields) {
          if (!take(f.field, f.outcome)) continue;
          if ((BODY_FIELDS as readonly string[]).includes(f.field)) {
            (patch as Record<string, unknown>)[f.field] = f.file;
          } else if (f.field.startsWith('indicator:')) {
            const uid = f.field.slice(10);
            const ind = cached(db, 'SELECT id FROM indicator WHERE uid = ? AND removed_at IS NULL').pluck().get(uid) as number | undefined;
            if (ind === undefined) continue;
            const before = cached(db, 'SELECT value FROM indicator_value WHERE indicator_id = ? AND body_id = ? AND period_id = ?').pluck().get(ind, row.key.bodyId, row.key.periodId) as number | null | undefined;
            if (writeIndicatorValue(db, row.key, ind, f.file as number | null, author, plan.authorName, at)) {
              changes.push({ kind: 'indicatorValue', target: entryTarget(plan, row.actionPlan, { uid }), before: before ?? null, after: f.file });
            }
          } else if (f.field === 'evidence') {
            evidenceTo(db, plan, row.key, row.actionPlan, (f.file as string | null) ?? '', author, at, changes);
          }
        }
        // The fields that differ from what is stored, in the patch's order (as writeEntryFields picks them).
        const before = current.get(row.key.actionPlanId)?.values ?? NO_ENTRY_VALUES;
        const written = (Object.keys(patch) as EntryField[]).filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
        // One record for the entry's fields (undo puts each back): { field: value } before and after.
        if (written.length > 0) {
          entryWrites.push({ key: row.key, fields: written, before, patch });
          changes.push({
            kind: 'entry',
            target: entryTarget(plan, row.actionPlan, {}),
            before: Object.fromEntries(written.map((f) => [f, before[f]])),
            after: Object.fromEntries(written.map((f) => [f, patch[f]])),
          });
        }
      }
      writeEntriesOfReport(db, entryWrites, author, plan.authorName, at);

      // The body's transitions (submit), after its fields.
      for (const e of bodyEvents) insertEvent(db, plan, e, author, at, changes);
      if (plan.submitFromCell) {
        const from = currentStatus(db, plan);
        insertEvent(db, plan, { uid: newUid(), origin: here, from, to: 'submitted', reason: null, actor: plan.authorName, at }, author, at, changes);
      }

      // Monitoring meetings, decisions, follow-ups and follow-up states (counted together as meeting rows), matched by uid; db/meetings.ts
      // takes only what the sender owns (and counts the rest). They are append-only: an undo leaves them.
      const meetings = plan.meetings && plan.writer
        ? importMeetings(db, plan.meetings, {
            installationId: plan.writer.installation,
            role: plan.writer.role,
            bodyCode: plan.writer.role === 'body' ? plan.body : null,
            userName: plan.authorName,
          })
        : null;

      // Changes counted field by field, as the history lists them (an entry's record holds several).
      const counts: Record<string, number> = {
        ...plan.counts,
        changes: changes.reduce((n, c) => n + (c.kind === 'entry' ? Object.keys(c.after as object).length : 1), 0),
        ...(meetings ? { meetingRowsAdded: meetings.added, meetingRowsChanged: meetings.changed, meetingRowsIgnored: meetings.ignored } : {}),
      };
      const record: NewImport = {
        fileName: plan.file.name,
        sha256: plan.file.sha256,
        bytes: plan.file.bytes,
        kind: plan.kind,
        plan: plan.plan,
        body: plan.body,
        year: plan.year,
        exportId: plan.exportId,
        writerInstallation: plan.writer?.installation ?? null,
        writerName: plan.writer?.name ?? null,
        writtenAt: plan.writer?.writtenAt ?? null,
        importedBy: actorName(receiver),
        importedAt: at,
        counts,
        received: plan.received,
      };
      const id = recordImport(db, record);
      recordChanges(db, id, changes, plan.received);
      // The record as written (not read back: its received values are the whole file's).
      return importRecordOf({ ...record, id, undoneAt: null, undoneBy: null });
    })
    .immediate();
}

function entryTarget(plan: ImportPlan, actionPlan: string, more: Record<string, unknown>): Record<string, unknown> {
  return { plan: plan.plan, actionPlan, body: plan.body, year: plan.year, ...more };
}

function currentStatus(db: Db, plan: { bodyId: number; periodId: number }): ReportStatus {
  return reportState(db, plan.bodyId, plan.periodId).status;
}

function insertEvent(db: Db, plan: ImportPlan, e: MetaEvent, author: Actor, at: string, changes: ChangeRecord[]): void {
  const from = currentStatus(db, plan);
  recordTransition(db, plan.bodyId, plan.periodId, e, at);
  logChange(db, author, 'report', plan.bodyId, `period:${plan.periodId}`, { status: from }, { status: e.to, ...(e.reason ? { reason: e.reason } : {}) }, at);
  changes.push({ kind: 'status', target: { plan: plan.plan, body: plan.body, year: plan.year, event: e.uid }, before: from, after: e.to });
}

/** Makes the entry's evidence the list of the cell: pieces missing here added, pieces no longer in the file removed. */
function evidenceTo(db: Db, plan: ImportPlan, k: ResolvedKey, actionPlan: string, cell: string, author: Actor, at: string, changes: ChangeRecord[]): void {
  const wanted = parseEvidenceCell(cell);
  if (!wanted.ok) return;
  const entryId = ensureEntryRow(db, k);
  const held = cached(db, 'SELECT id, uid, title, doc_date AS docDate, reference FROM evidence WHERE entry_id = ? AND removed_at IS NULL ORDER BY id').all(entryId) as {
    id: number;
    uid: string;
    title: string;
    docDate: string | null;
    reference: string | null;
  }[];
  const keyOf = (e: { title: string; docDate: string | null; reference: string | null }) => `${e.title}\u0000${e.docDate ?? ''}\u0000${e.reference ?? ''}`;
  const want = new Map<string, number>();
  for (const e of wanted.value) want.set(keyOf(e), (want.get(keyOf(e)) ?? 0) + 1);
  for (const e of held) {
    const n = want.get(keyOf(e)) ?? 0;
    if (n > 0) {
      want.set(keyOf(e), n - 1);
      continue;
    }
    markEvidenceRemoved(db, e.id, entryId, { title: e.title, docDate: e.docDate, reference: e.reference }, author, at);
    changes.push({ kind: 'evidenceRemove', target: entryTarget(plan, actionPlan, { uid: e.uid }), before: { title: e.title, docDate: e.docDate, reference: e.reference }, after: null });
  }
  for (const e of wanted.value) {
    const n = want.get(keyOf(e)) ?? 0;
    if (n <= 0) continue;
    want.set(keyOf(e), n - 1);
    const stamp = { uid: newUid(), origin: author.installationId ?? installationId(db) };
    insertEvidence(db, entryId, e, author, plan.authorName, at, stamp);
    changes.push({ kind: 'evidenceAdd', target: entryTarget(plan, actionPlan, { uid: stamp.uid }), before: null, after: e });
  }
  touchEntry(db, entryId, plan.authorName, at);
}

/**
 * Undoes an import: every change it made goes back, in reverse order, as new
 * changes by the one who undoes it (the history keeps both). Refused, with
 * nothing changed, if a field it changed has changed since, or if the
 * import was undone already.
 */
export function undoImport(db: Db, importId: number, actor: Installation): ImportRecord {
  return db
    .transaction(() => {
      const rec = importById(db, importId);
      if (!rec) throw new DomainError('NOT_FOUND', `There is no import ${importId}.`, [{ path: 'importId' }]);
      if (rec.undoneAt !== null) throw new DomainError('CONFLICT', `Import ${importId} was undone already (${rec.undoneAt}).`, [{ path: 'importId', hint: 'undone' }]);
      const later = cached(db, 'SELECT id FROM exchange_import WHERE id > ? AND plan_code = ? AND body_code = ? AND year = ? AND undone_at IS NULL LIMIT 1').pluck().get(importId, rec.plan, rec.body, rec.year) as number | undefined;
      if (later !== undefined) {
        throw new DomainError('CONFLICT', `Import ${later} of the same report came after this one: undo it first.`, [{ path: 'importId', hint: `later:${later}` }]);
      }
      const at = nowIso();
      const who = actorName(actor);
      const keys = new NaturalKeys(db);
      const bodyId = keys.bodyIdOf(rec.body)!;
      const periodId = keys.periodIdOf(rec.plan, rec.year)!;
      const keyOf = (actionPlan: string): ResolvedKey => resolveKey(db, { actionPlanId: keys.actionPlanIdOf(rec.plan, actionPlan)!, bodyCode: rec.body, periodId });
      const changed = (what: string): never => {
        throw new DomainError('CONFLICT', `${what} changed after the import, so it cannot be undone as a whole. Change it back by hand, or leave the import.`, [{ path: 'importId', hint: 'changed_since' }]);
      };
      const changes = changesOf(db, importId).reverse();
      for (const c of changes) {
        const t = c.target as Record<string, string>;
        switch (c.kind) {
          case 'field': {
            // An import recorded before entry records (one field a record).
            const k = keyOf(t.actionPlan!);
            const f = t.field as BodyField;
            if (entryValues(db, k)[f] !== c.after) changed(`${t.actionPlan} ${f}`);
            writeEntryFields(db, k, { [f]: c.before } as EntryPatch, actor, who, at);
            break;
          }
          case 'entry': {
            // Every field the import wrote must still hold what it wrote; then all of them go back at once.
            const k = keyOf(t.actionPlan!);
            const now = entryValues(db, k);
            const after = c.after as EntryPatch;
            for (const f of Object.keys(after) as BodyField[]) if (now[f] !== after[f]) changed(`${t.actionPlan} ${f}`);
            writeEntryFields(db, k, c.before as EntryPatch, actor, who, at);
            break;
          }
          case 'indicatorValue': {
            const k = keyOf(t.actionPlan!);
            const ind = cached(db, 'SELECT id FROM indicator WHERE uid = ?').pluck().get(t.uid) as number;
            const now = cached(db, 'SELECT value FROM indicator_value WHERE indicator_id = ? AND body_id = ? AND period_id = ?').pluck().get(ind, k.bodyId, k.periodId) as number | null | undefined;
            if ((now ?? null) !== c.after) changed(`${t.actionPlan} indicator`);
            writeIndicatorValue(db, k, ind, c.before as number | null, actor, who, at);
            break;
          }
          case 'evidenceAdd': {
            const row = cached(db, 'SELECT id, entry_id AS entryId, removed_at AS removedAt FROM evidence WHERE uid = ?').get(t.uid) as { id: number; entryId: number; removedAt: string | null };
            if (row.removedAt !== null) changed(`${t.actionPlan} evidence`);
            markEvidenceRemoved(db, row.id, row.entryId, c.after as EvidenceInput, actor, at);
            touchEntry(db, row.entryId, who, at);
            break;
          }
          case 'evidenceRemove': {
            const k = keyOf(t.actionPlan!);
            const entryId = ensureEntryRow(db, k);
            insertEvidence(db, entryId, c.before as EvidenceInput, actor, who, at, localStamp(db));
            touchEntry(db, entryId, who, at);
            break;
          }
          case 'commentAdd':
            cached(db, 'UPDATE entry_comment SET removed_at = ? WHERE uid = ? AND removed_at IS NULL').run(at, t.uid);
            break;
          case 'commentRemove': {
            const row = cached(db, 'SELECT entry_id AS entryId, text, author FROM entry_comment WHERE uid = ?').get(t.uid) as { entryId: number; text: string; author: string };
            const stamp = localStamp(db);
            cached(db, 'INSERT INTO entry_comment (entry_id, text, author, created_at, uid, origin) VALUES (?, ?, ?, ?, ?, ?)').run(row.entryId, row.text, row.author, at, stamp.uid, stamp.origin);
            break;
          }
          case 'indicatorAdd':
            cached(db, 'UPDATE indicator SET removed_at = ? WHERE uid = ? AND removed_at IS NULL').run(at, t.uid);
            break;
          case 'indicatorRemove':
            throw new DomainError('CONFLICT', 'This import removed an indicator, which cannot be brought back here: ask MOGEF for a new request workbook.', [{ path: 'importId', hint: 'indicator_removed' }]);
          case 'target': {
            const ind = cached(db, 'SELECT id FROM indicator WHERE uid = ?').pluck().get(t.uid) as number;
            const pid = keys.periodIdOf(rec.plan, Number(t.year))!;
            if (c.before === null) cached(db, 'DELETE FROM indicator_target WHERE indicator_id = ? AND period_id = ?').run(ind, pid);
            else cached(db, 'UPDATE indicator_target SET target = ? WHERE indicator_id = ? AND period_id = ?').run(c.before, ind, pid);
            break;
          }
          case 'status': {
            const now = currentStatus(db, { bodyId, periodId });
            if (now !== c.after) changed('The report’s status');
            recordTransition(db, bodyId, periodId, { from: now, to: c.before as ReportStatus, reason: `가져오기 취소 / import ${importId} undone`, actor: who, at, ...localStamp(db) }, at);
            logChange(db, actor, 'report', bodyId, `period:${periodId}`, { status: now }, { status: c.before, undoneImport: importId }, at);
            break;
          }
        }
      }
      markUndone(db, importId, who, at);
      return importRecordOf(importById(db, importId)!);
    })
    .immediate();
}
