/**
 * The exchange's records and reads (migration 0050; docs/decisions/0013):
 * the workbooks written here (with what their rows held as they left), the
 * imports applied (with what they brought and what they changed), and a
 * row's values as the merge compares them.
 */
import type { Db } from './connection';
import type { RowValues, WorkbookKind } from '../contract/exchange';
import { evidenceCell } from '../contract/exchange';
import { ENTRY_FIELDS } from '../contract/rules';
import type { EntryField, EntryPatch } from '../contract/progress';
import type { EntryValues, ResolvedKey } from './entries';
import { ENTRY_COLUMN, entryValues } from './entries';
import { actorName, type Actor } from './history';
import { installationId, newUid } from './identity';
import { cached } from './statements';

/** A row's values here now, as the workbook carries them: the entry's fields, indicator values by uid, evidence as its cell text. */
export function rowValuesOf(db: Db, k: ResolvedKey): RowValues {
  return rowValuesOfReport(db, [k]).get(k.actionPlanId)!;
}

/**
 * The values of several rows of one report (one body, one period), by action
 * plan id: what rowValuesOf answers for each, read with one query for the
 * indicator values and one for the evidence of them all (an import and a
 * workbook of the 100× plan read some 1,500 rows; three queries a row were
 * most of the merge's time). The keys share their body and period.
 */
export function rowValuesOfReport(db: Db, keys: readonly ResolvedKey[]): Map<number, RowValues> {
  const out = new Map<number, RowValues>();
  if (keys.length === 0) return out;
  const { bodyId, periodId } = keys[0]!;
  if (keys.some((k) => k.bodyId !== bodyId || k.periodId !== periodId)) throw new Error('rowValuesOfReport: the keys are of one report');
  const ids = JSON.stringify(keys.map((k) => k.actionPlanId));
  const indicators = new Map<number, Record<string, number | null>>();
  const evidence = new Map<number, { title: string; docDate: string | null; reference: string | null }[]>();
  for (const k of keys) {
    indicators.set(k.actionPlanId, {});
    evidence.set(k.actionPlanId, []);
  }
  const indicatorRows = cached(
    db,
    `SELECT i.action_plan_id AS actionPlanId, i.uid, v.value FROM indicator i
     LEFT JOIN indicator_value v ON v.indicator_id = i.id AND v.body_id = ? AND v.period_id = ?
     WHERE i.action_plan_id IN (SELECT value FROM json_each(?)) AND i.removed_at IS NULL ORDER BY i.id`,
  ).all(bodyId, periodId, ids) as { actionPlanId: number; uid: string; value: number | null }[];
  for (const r of indicatorRows) indicators.get(r.actionPlanId)![r.uid] = r.value;
  const evidenceRows = cached(
    db,
    `SELECT p.action_plan_id AS actionPlanId, e.title, e.doc_date AS docDate, e.reference FROM evidence e
     JOIN progress_entry p ON p.id = e.entry_id
     WHERE p.body_id = ? AND p.period_id = ? AND p.action_plan_id IN (SELECT value FROM json_each(?)) AND e.removed_at IS NULL ORDER BY e.id`,
  ).all(bodyId, periodId, ids) as { actionPlanId: number; title: string; docDate: string | null; reference: string | null }[];
  for (const r of evidenceRows) evidence.get(r.actionPlanId)!.push({ title: r.title, docDate: r.docDate, reference: r.reference });
  for (const k of keys) {
    out.set(k.actionPlanId, { ...entryValues(db, k), indicators: indicators.get(k.actionPlanId)!, evidence: evidenceCell(evidence.get(k.actionPlanId)!) });
  }
  return out;
}

export interface ExportRecord {
  exportId: string;
  kind: WorkbookKind;
  plan: string;
  body: string;
  year: number;
  fileName: string;
  sha256: string;
  writtenBy: string;
  writtenAt: string;
  base: Record<string, RowValues>;
}

export function recordExport(db: Db, r: ExportRecord): void {
  db.prepare(
    `INSERT INTO exchange_export (export_id, kind, plan_code, body_code, year, file_name, sha256, written_by, written_at, base)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.exportId, r.kind, r.plan, r.body, r.year, r.fileName, r.sha256, r.writtenBy, r.writtenAt, JSON.stringify(r.base));
}

export function exportById(db: Db, exportId: string): ExportRecord | null {
  const row = db.prepare('SELECT * FROM exchange_export WHERE export_id = ?').get(exportId) as ExportRow | undefined;
  return row ? exportOf(row) : null;
}

interface ExportRow {
  export_id: string;
  kind: WorkbookKind;
  plan_code: string;
  body_code: string;
  year: number;
  file_name: string;
  sha256: string;
  written_by: string;
  written_at: string;
  base: string;
}

function exportOf(r: ExportRow): ExportRecord {
  return {
    exportId: r.export_id,
    kind: r.kind,
    plan: r.plan_code,
    body: r.body_code,
    year: r.year,
    fileName: r.file_name,
    sha256: r.sha256,
    writtenBy: r.written_by,
    writtenAt: r.written_at,
    base: JSON.parse(r.base) as Record<string, RowValues>,
  };
}

export interface ImportRow {
  id: number;
  fileName: string;
  sha256: string;
  bytes: number;
  kind: WorkbookKind | null;
  plan: string;
  body: string;
  year: number;
  exportId: string | null;
  writerInstallation: string | null;
  writerName: string | null;
  writtenAt: string | null;
  importedBy: string;
  importedAt: string;
  counts: Record<string, number>;
  received: Record<string, RowValues>;
  undoneAt: string | null;
  undoneBy: string | null;
}

interface ImportDbRow {
  id: number;
  file_name: string;
  sha256: string;
  bytes: number;
  kind: WorkbookKind | null;
  plan_code: string;
  body_code: string;
  year: number;
  export_id: string | null;
  writer_installation: string | null;
  writer_name: string | null;
  written_at: string | null;
  imported_by: string;
  imported_at: string;
  counts: string;
  received: string;
  undone_at: string | null;
  undone_by: string | null;
}

function importOf(r: ImportDbRow): ImportRow {
  return {
    id: r.id,
    fileName: r.file_name,
    sha256: r.sha256,
    bytes: r.bytes,
    kind: r.kind,
    plan: r.plan_code,
    body: r.body_code,
    year: r.year,
    exportId: r.export_id,
    writerInstallation: r.writer_installation,
    writerName: r.writer_name,
    writtenAt: r.written_at,
    importedBy: r.imported_by,
    importedAt: r.imported_at,
    counts: JSON.parse(r.counts) as Record<string, number>,
    received: JSON.parse(r.received) as Record<string, RowValues>,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

export type NewImport = Omit<ImportRow, 'id' | 'undoneAt' | 'undoneBy'>;

export function recordImport(db: Db, r: NewImport): number {
  return Number(
    db
      .prepare(
        `INSERT INTO exchange_import (file_name, sha256, bytes, kind, plan_code, body_code, year, export_id, writer_installation, writer_name,
                                      written_at, imported_by, imported_at, counts, received)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.fileName,
        r.sha256,
        r.bytes,
        r.kind,
        r.plan,
        r.body,
        r.year,
        r.exportId,
        r.writerInstallation,
        r.writerName,
        r.writtenAt,
        r.importedBy,
        r.importedAt,
        JSON.stringify(r.counts),
        JSON.stringify(r.received),
      ).lastInsertRowid,
  );
}

export function importById(db: Db, id: number): ImportRow | null {
  const row = db.prepare('SELECT * FROM exchange_import WHERE id = ?').get(id) as ImportDbRow | undefined;
  return row ? importOf(row) : null;
}

/** Every import, newest first. */
export function listImports(db: Db): ImportRow[] {
  return (db.prepare('SELECT * FROM exchange_import ORDER BY id DESC').all() as ImportDbRow[]).map(importOf);
}

export function markUndone(db: Db, id: number, by: string, at: string): void {
  db.prepare('UPDATE exchange_import SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL').run(at, by, id);
}

/** Imports of a file with that checksum (applied and not undone). */
export function importsOfSha(db: Db, sha256: string): ImportRow[] {
  return (db.prepare('SELECT * FROM exchange_import WHERE sha256 = ? AND undone_at IS NULL ORDER BY id').all(sha256) as ImportDbRow[]).map(importOf);
}

/** The last applied import of a workbook with that export id. */
export function importOfExport(db: Db, exportId: string): ImportRow | null {
  const row = db.prepare('SELECT * FROM exchange_import WHERE export_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1').get(exportId) as
    | ImportDbRow
    | undefined;
  return row ? importOf(row) : null;
}

/**
 * What this installation last exchanged about a body's report for a year:
 * the values of the last workbook it wrote (export) or the last it applied
 * (import, not undone), whichever came later; null before any exchange.
 */
export function lastExchanged(db: Db, plan: string, body: string, year: number): { at: string; base: Record<string, RowValues>; from: 'export' | 'import' } | null {
  const exp = db
    .prepare('SELECT written_at AS at, base FROM exchange_export WHERE plan_code = ? AND body_code = ? AND year = ? ORDER BY written_at DESC, rowid DESC LIMIT 1')
    .get(plan, body, year) as { at: string; base: string } | undefined;
  const imp = db
    .prepare(
      'SELECT imported_at AS at, received AS base FROM exchange_import WHERE plan_code = ? AND body_code = ? AND year = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1',
    )
    .get(plan, body, year) as { at: string; base: string } | undefined;
  const pick = !exp ? (imp ? { ...imp, from: 'import' as const } : null) : !imp || exp.at >= imp.at ? { ...exp, from: 'export' as const } : { ...imp, from: 'import' as const };
  return pick ? { at: pick.at, from: pick.from, base: JSON.parse(pick.base) as Record<string, RowValues> } : null;
}

/** The latest written time of a workbook imported for that report from that installation (older files are warned about). */
export function latestImportedWrittenAt(db: Db, plan: string, body: string, year: number, writer: string): string | null {
  return (
    (db
      .prepare(
        'SELECT max(written_at) FROM exchange_import WHERE plan_code = ? AND body_code = ? AND year = ? AND writer_installation = ? AND undone_at IS NULL',
      )
      .pluck()
      .get(plan, body, year, writer) as string | null) ?? null
  );
}

/** Whether this installation has seen a workbook of that installation for that body before. */
export function knowsWriter(db: Db, body: string, writer: string): boolean {
  return db.prepare('SELECT 1 FROM exchange_import WHERE body_code = ? AND writer_installation = ? LIMIT 1').get(body, writer) !== undefined;
}

export interface ChangeRecord {
  kind: ChangeKind;
  target: Record<string, unknown>;
  before: unknown;
  after: unknown;
}

/**
 * What an import changed, for its undo: 'entry' is an entry's fields written
 * at once, before and after as { field: value } of the fields written (one
 * record per entry; its after kept NULL when it is what the import received,
 * see recordChanges); 'field' is one field, as imports recorded it before.
 */
export type ChangeKind = 'entry' | 'field' | 'indicatorValue' | 'evidenceAdd' | 'evidenceRemove' | 'commentAdd' | 'commentRemove' | 'indicatorAdd' | 'indicatorRemove' | 'target' | 'status';

/**
 * The import's changes, in order (seq from 1), in one statement: the rows go
 * in as one JSON array of their column texts. An entry record whose after is
 * what the import received for that row (received, the import's record:
 * every field an import writes is the file's value, which the record keeps
 * whole as the base of the next exchange) is kept with after NULL and read
 * back from there (changesOf), not a second copy of the entry's texts; an
 * after that differs anywhere is kept as it is.
 */
export function recordChanges(db: Db, importId: number, changes: readonly ChangeRecord[], received: Readonly<Record<string, RowValues>> = {}): void {
  if (changes.length === 0) return;
  const asReceived = (c: ChangeRecord): boolean => {
    if (c.kind !== 'entry' || typeof c.target.actionPlan !== 'string') return false;
    const row = received[c.target.actionPlan] as unknown as Record<string, unknown> | undefined;
    const after = c.after as Record<string, unknown>;
    return row !== undefined && Object.keys(after).length > 0 && Object.keys(after).every((f) => row[f] === after[f]);
  };
  cached(
    db,
    `INSERT INTO exchange_change (import_id, seq, kind, target, before, after)
     SELECT ?, key + 1, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
  ).run(importId, JSON.stringify(changes.map((c) => [c.kind, JSON.stringify(c.target), json(c.before), asReceived(c) ? null : json(c.after)])));
}

/** An entry's fields before its first save (entryValues of an entry not made yet). */
export const NO_ENTRY_VALUES: Readonly<EntryValues> = Object.freeze(Object.fromEntries(ENTRY_FIELDS.map((f) => [f, null])) as unknown as EntryValues);

/**
 * The entries of one report (one body, one period) that exist, by action
 * plan id: their row id and their fields as stored (entryValues's answer),
 * in one query.
 */
export function entriesOfReport(db: Db, bodyId: number, periodId: number, actionPlanIds: readonly number[]): Map<number, { id: number; values: EntryValues }> {
  const rows = cached(
    db,
    `SELECT action_plan_id AS actionPlanId, id, ${ENTRY_FIELDS.map((f) => `${ENTRY_COLUMN[f]} AS ${f}`).join(', ')} FROM progress_entry
     WHERE body_id = ? AND period_id = ? AND action_plan_id IN (SELECT value FROM json_each(?))`,
  ).all(bodyId, periodId, JSON.stringify(actionPlanIds)) as ({ actionPlanId: number; id: number } & Record<EntryField, string | number | null>)[];
  const out = new Map<number, { id: number; values: EntryValues }>();
  for (const r of rows) {
    const { actionPlanId, id, ...v } = r;
    out.set(actionPlanId, { id, values: { ...v, delayed: v.delayed === null ? null : v.delayed === 1 } as EntryValues });
  }
  return out;
}

/** One entry's fields as an import writes them: the fields that change (in the patch's order), with their values before and after. */
export interface EntryWrite {
  key: ResolvedKey;
  fields: readonly EntryField[];
  before: EntryValues;
  patch: EntryPatch;
}

/**
 * Writes the fields of several entries of one report at once, as
 * db/entries.ts writeEntryFields writes each in turn: the entries missing
 * are made with their fields (revision 1), the others updated (revision
 * bumped), each stamped with who and when, and each changed field logged in
 * change_log with its value before and after, entry by entry in the order
 * given. Three statements in all (an import of the 100× plan writes some
 * 1,500 entries and 9,000 fields: three statements and a log row a field
 * were the larger part of its time). The caller has computed fields and
 * before as writeEntryFields would (the fields whose patch value differs
 * from the stored one) and checked who may write.
 */
export function writeEntriesOfReport(db: Db, writes: readonly EntryWrite[], actor: Actor, name: string, at: string): void {
  if (writes.length === 0) return;
  const { bodyId, periodId } = writes[0]!.key;
  if (writes.some((w) => w.key.bodyId !== bodyId || w.key.periodId !== periodId)) throw new Error('writeEntriesOfReport: the entries are of one report');
  if (new Set(writes.map((w) => w.key.actionPlanId)).size !== writes.length) throw new Error('writeEntriesOfReport: an entry is written once');
  // Read now: an indicator value or evidence written just before may have made the entry.
  const ids = new Map([...entriesOfReport(db, bodyId, periodId, writes.map((w) => w.key.actionPlanId))].map(([ap, e]) => [ap, e.id]));
  // Each entry goes in as one JSON array: its key, then its fields' values in ENTRY_FIELDS's order (null where not written),
  // then (for an update) a mask of the fields written: SQLite reads the same array for each column (value ->> n).
  const valuesOf = (w: EntryWrite): unknown[] =>
    ENTRY_FIELDS.map((f) => (!w.fields.includes(f) ? null : f === 'delayed' ? (w.patch.delayed === null ? null : w.patch.delayed ? 1 : 0) : w.patch[f]));
  const made = writes.filter((w) => !ids.has(w.key.actionPlanId));
  if (made.length > 0) {
    const rows = cached(
      db,
      `INSERT INTO progress_entry (action_plan_id, body_id, period_id, uid, origin, ${ENTRY_FIELDS.map((f) => ENTRY_COLUMN[f]).join(', ')}, revision, updated_by, updated_at)
       SELECT value ->> 0, @body, @period, value ->> 1, @origin, ${ENTRY_FIELDS.map((_, i) => `value ->> ${i + 2}`).join(', ')}, 1, @name, @at
       FROM json_each(@rows)
       RETURNING action_plan_id AS actionPlanId, id`,
    ).all({
      body: bodyId,
      period: periodId,
      origin: installationId(db),
      name,
      at,
      rows: JSON.stringify(made.map((w) => [w.key.actionPlanId, newUid(), ...valuesOf(w)])),
    }) as { actionPlanId: number; id: number }[];
    for (const r of rows) ids.set(r.actionPlanId, r.id);
  }
  const madeNow = new Set(made);
  const kept = writes.filter((w) => !madeNow.has(w));
  if (kept.length > 0) {
    // A field not in an entry's mask keeps its value; one in it takes the array's (null too).
    cached(
      db,
      `UPDATE progress_entry AS p SET
         ${ENTRY_FIELDS.map((f, i) => `${ENTRY_COLUMN[f]} = CASE WHEN (j.value ->> ${ENTRY_FIELDS.length + 1}) & ${1 << i} THEN j.value ->> ${i + 1} ELSE p.${ENTRY_COLUMN[f]} END`).join(', ')},
         revision = p.revision + 1, updated_by = @name, updated_at = @at
       FROM json_each(@rows) AS j WHERE p.id = j.value ->> 0`,
    ).run({
      name,
      at,
      rows: JSON.stringify(kept.map((w) => [ids.get(w.key.actionPlanId)!, ...valuesOf(w), ENTRY_FIELDS.reduce((m, f, i) => (w.fields.includes(f) ? m | (1 << i) : m), 0)])),
    });
  }
  // The log's rows numbered after the last one in the array's order (as one insert after another would number them),
  // without sorting them first.
  cached(
    db,
    `INSERT INTO change_log (id, at, actor, actor_role, actor_installation, entity, entity_id, field, before, after)
     SELECT ? + key + 1, ?, ?, ?, ?, 'entry', value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
  ).run(
    cached(db, 'SELECT coalesce(max(id), 0) FROM change_log').pluck().get() as number,
    at,
    actorName(actor),
    actor.role,
    actor.installationId ?? installationId(db),
    JSON.stringify(writes.flatMap((w) => w.fields.map((f) => [ids.get(w.key.actionPlanId)!, f, json(w.before[f]), json(w.patch[f])]))),
  );
}

export function changesOf(db: Db, importId: number): ChangeRecord[] {
  const rows = db.prepare('SELECT kind, target, before, after FROM exchange_change WHERE import_id = ? ORDER BY seq').all(importId) as {
    kind: ChangeKind;
    target: string;
    before: string | null;
    after: string | null;
  }[];
  // Entry records kept with after NULL (recordChanges): their fields' values as the import received them.
  let received: Record<string, Record<string, unknown>> | null = null;
  const receivedRow = (actionPlan: string): Record<string, unknown> => {
    received ??= JSON.parse(db.prepare('SELECT received FROM exchange_import WHERE id = ?').pluck().get(importId) as string) as Record<string, Record<string, unknown>>;
    const row = received[actionPlan];
    if (row === undefined) throw new Error(`Import ${importId} received no row ${actionPlan}, which its change record names.`);
    return row;
  };
  return rows.map((r) => {
    const target = JSON.parse(r.target) as Record<string, unknown>;
    const before = r.before === null ? null : (JSON.parse(r.before) as unknown);
    const after =
      r.after !== null
        ? (JSON.parse(r.after) as unknown)
        : r.kind === 'entry'
          ? ((row) => Object.fromEntries(Object.keys(before as object).map((f) => [f, row[f]])))(receivedRow(target.actionPlan as string))
          : null;
    return { kind: r.kind, target, before, after };
  });
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}
