/**
 * The exchange's records and reads (migration 0050; docs/decisions/0013):
 * the workbooks written here (with what their rows held as they left), the
 * imports applied (with what they brought and what they changed), and a
 * row's values as the merge compares them.
 */
import type { Db } from './connection';
import type { RowValues, WorkbookKind } from '../contract/exchange';
import { evidenceCell } from '../contract/exchange';
import type { ResolvedKey } from './entries';
import { entryValues } from './entries';
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
 * record per entry); 'field' is one field, as imports recorded it before.
 */
export type ChangeKind = 'entry' | 'field' | 'indicatorValue' | 'evidenceAdd' | 'evidenceRemove' | 'commentAdd' | 'commentRemove' | 'indicatorAdd' | 'indicatorRemove' | 'target' | 'status';

export function recordChanges(db: Db, importId: number, changes: readonly ChangeRecord[]): void {
  const insert = cached(db, 'INSERT INTO exchange_change (import_id, seq, kind, target, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  changes.forEach((c, i) => insert.run(importId, i + 1, c.kind, JSON.stringify(c.target), json(c.before), json(c.after)));
}

export function changesOf(db: Db, importId: number): ChangeRecord[] {
  const rows = db.prepare('SELECT kind, target, before, after FROM exchange_change WHERE import_id = ? ORDER BY seq').all(importId) as {
    kind: ChangeKind;
    target: string;
    before: string | null;
    after: string | null;
  }[];
  return rows.map((r) => ({
    kind: r.kind,
    target: JSON.parse(r.target) as Record<string, unknown>,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  }));
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}
