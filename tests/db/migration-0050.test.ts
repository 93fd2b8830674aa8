/**
 * Migration 0050 (the exchange's records): a real file at schema 40 with
 * entries keeps every row as it was and gains the three tables, empty; the
 * records are append-only (an export never changes, an import only gets
 * undone once, a change is never rewritten), and nothing in them is deleted.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { recordChanges, recordExport, recordImport, markUndone } from '../../db/exchange';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';

const EXPORT = '11111111-1111-4111-8111-111111111111';

describe('migration 0050 exchange', () => {
  it('keeps a schema-40 file’s rows, adds the empty records, and guards them', () => {
    const file = tempDbFile();
    const old = openDatabase(file, { migrateTo: 40 });
    loadPlanDocument(old, nap3 as PlanDocumentInput);
    old
      .prepare(
        `INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, achievements)
         SELECT ap.id, b.id, rp.id, 'limited', '실적' FROM action_plan ap, implementing_body b, reporting_period rp
         WHERE ap.code = '3.1.1' AND b.code = 'MOFA' AND rp.year = 2022`,
      )
      .run();
    const before = old.prepare('SELECT * FROM progress_entry').all();
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(50);
    expect(db.prepare('SELECT * FROM progress_entry').all()).toEqual(before);
    for (const t of ['exchange_export', 'exchange_import', 'exchange_change']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);

    recordExport(db, { exportId: EXPORT, kind: 'request', plan: 'KOR-NAP-3', body: 'MOFA', year: 2022, fileName: 'r.xlsx', sha256: 'x', writtenBy: 'p', writtenAt: '2026-01-01T00:00:00Z', base: {} });
    const id = recordImport(db, {
      fileName: 'f.xlsx', sha256: 'y', bytes: 1, kind: 'report', plan: 'KOR-NAP-3', body: 'MOFA', year: 2022, exportId: EXPORT,
      writerInstallation: null, writerName: null, writtenAt: null, importedBy: 'p', importedAt: '2026-01-02T00:00:00Z', counts: {}, received: {},
    });
    recordChanges(db, id, [{ kind: 'field', target: { field: 'achievements' }, before: 'a', after: 'b' }]);

    expect(() => db.prepare("UPDATE exchange_export SET file_name = 'x'").run()).toThrow(/never changes/);
    expect(() => db.prepare('DELETE FROM exchange_export').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE exchange_import SET counts = '{}', file_name = 'other'").run()).toThrow(/only when it is undone/);
    expect(() => db.prepare('DELETE FROM exchange_import').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE exchange_change SET after = '\"c\"'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM exchange_change').run()).toThrow(/append-only/);
    markUndone(db, id, 'p', '2026-01-03T00:00:00Z');
    expect(db.prepare('SELECT undone_by FROM exchange_import').pluck().get()).toBe('p');
    expect(() => db.prepare("UPDATE exchange_import SET undone_at = NULL, undone_by = NULL").run()).toThrow(/only when it is undone, once/);
    db.close();
  });
});
