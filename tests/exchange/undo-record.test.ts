/**
 * What an import keeps for its undo (db/exchange.ts exchange_change): one
 * record per entry with every field it wrote, before and after (the after
 * read back from what the import received, not kept twice). The undo
 * puts each of them back, and is refused with nothing changed while any one
 * of them holds something else than the import wrote. An import recorded
 * field by field (as imports were before) is undone as it was.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { dumpDatabase } from '../../db/dump';
import { requireInstallation } from '../../db/installation';
import { entryValues, resolveKey, writeEntryFields } from '../../db/entries';
import { changesOf, recordChanges, recordImport } from '../../db/exchange';
import { DomainError } from '../../contract/result';
import { readWorkbook } from '../../main/exchange/read';
import { prepareImport } from '../../main/exchange/merge';
import { applyImport, undoImport } from '../../main/exchange/apply';
import { databaseFile } from '../../main/paths';
import { actionId, mofaReport, period, YEAR } from './support-cycle';

describe('the undo record of an import', { timeout: 120_000 }, () => {
  let base: string;
  let mogef: string;
  let report: Buffer;
  let codes: string[];
  beforeAll(async () => {
    ({ base, mogef, report, codes } = await mofaReport('nap-undo-record-'));
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('keeps one record per entry, refuses the undo while one of its fields changed, and puts every field back', () => {
    const db: Db = openDatabase(databaseFile(mogef));
    try {
      const receiver = requireInstallation(db);
      const key = (code: string) => resolveKey(db, { actionPlanId: actionId(db, code), bodyCode: 'MOFA', periodId: period(db) });
      const before = JSON.stringify(dumpDatabase(db).entries);
      const read = readWorkbook(new Uint8Array(report), 'report.xlsx');
      if (!read.ok) throw new Error(read.refusal.en);
      const { plan, preview } = prepareImport(db, receiver, read.workbook, { name: 'report.xlsx', sha256: 'r', bytes: report.length });
      const record = applyImport(db, plan, { take: 'file', picks: [], confirm: [...preview.needsConfirmation] }, receiver, preview.needsConfirmation);

      // One record per entry: before every field empty, after what MOFA filled in.
      const entries = changesOf(db, record.id).filter((c) => c.kind === 'entry');
      expect(entries).toHaveLength(codes.length);
      expect(changesOf(db, record.id).filter((c) => c.kind === 'field')).toEqual([]);
      // Kept without a second copy of what the import received: the after is read back from the import's record.
      expect(db.prepare("SELECT count(*) FROM exchange_change WHERE import_id = ? AND kind = 'entry' AND after IS NULL").pluck().get(record.id)).toBe(codes.length);
      const [a] = codes as [string];
      const first = entries.find((c) => c.target.actionPlan === a)!;
      expect(first.target).toEqual({ plan: plan.plan, actionPlan: a, body: 'MOFA', year: YEAR });
      expect(first.after).toEqual({ completion: 'substantial', delayed: false, achievements: `${a} 실적`, nextSteps: `${a} 다음 단계`, budgetAllocated: 12_000_000 });
      expect(first.before).toEqual({ completion: null, delayed: null, achievements: null, nextSteps: null, budgetAllocated: null });
      // The count of changes is still field by field.
      expect(record.counts.changes).toBe(entries.reduce((n, c) => n + Object.keys(c.after as object).length, 0));
      expect(record.counts.changes).toBe(codes.length * 5);

      // One field of one entry changed since (by another write): the undo is refused and changes nothing.
      writeEntryFields(db, key(a), { budgetAllocated: 1 }, receiver, 'test', new Date().toISOString());
      const changed = JSON.stringify(dumpDatabase(db));
      let refused: unknown = null;
      try {
        undoImport(db, record.id, receiver);
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).message).toMatch(new RegExp(`${a.replace(/\./g, '\\.')} budgetAllocated changed after the import`));
      expect(JSON.stringify(dumpDatabase(db))).toBe(changed);

      // Put back as the import left it: the undo empties every field it wrote, in every entry.
      writeEntryFields(db, key(a), { budgetAllocated: 12_000_000 }, receiver, 'test', new Date().toISOString());
      undoImport(db, record.id, receiver);
      for (const code of codes) expect(entryValues(db, key(code))).toEqual(Object.fromEntries(Object.keys(entryValues(db, key(code))).map((f) => [f, null])));
      expect(
        dumpDatabase(db).entries.map(({ updatedBy: _b, updatedAt: _a, uid: _u, origin: _o, ...rest }) => rest).filter((e) => Object.entries(e).some(([k, v]) => !['plan', 'actionPlan', 'body', 'year'].includes(k) && v !== null)),
      ).toEqual(JSON.parse(before));
    } finally {
      db.close();
    }
  });

  it('keeps an entry record\'s after whole when it is not what the import received', () => {
    const db: Db = openDatabase(databaseFile(mogef));
    try {
      const [, , c] = codes as [string, string, string];
      const at = new Date().toISOString();
      const received = { [c]: { achievements: '받은 값', nextSteps: '받은 다음 단계' } } as unknown as Parameters<typeof recordImport>[1]['received'];
      const id = recordImport(db, {
        fileName: 'x.xlsx', sha256: 'x', bytes: 1, kind: 'report', plan: 'KOR-NAP-3', body: 'MOFA', year: YEAR, exportId: null, writerInstallation: null,
        writerName: null, writtenAt: null, importedBy: 'x', importedAt: at, counts: { changes: 2 }, received,
      });
      const target = { plan: 'KOR-NAP-3', actionPlan: c, body: 'MOFA', year: YEAR };
      recordChanges(db, id, [
        { kind: 'entry', target, before: { achievements: null }, after: { achievements: '받은 값' } },
        { kind: 'entry', target, before: { achievements: '받은 값', nextSteps: null }, after: { achievements: '다른 값', nextSteps: '받은 다음 단계' } },
      ], received);
      expect(db.prepare('SELECT after FROM exchange_change WHERE import_id = ? ORDER BY seq').pluck().all(id)).toEqual([null, JSON.stringify({ achievements: '다른 값', nextSteps: '받은 다음 단계' })]);
      expect(changesOf(db, id).map((r) => r.after)).toEqual([{ achievements: '받은 값' }, { achievements: '다른 값', nextSteps: '받은 다음 단계' }]);
    } finally {
      db.close();
    }
  });

  it('undoes an import recorded field by field, as imports were recorded before', () => {
    const db: Db = openDatabase(databaseFile(mogef));
    try {
      const receiver = requireInstallation(db);
      const [, b] = codes as [string, string];
      const k = resolveKey(db, { actionPlanId: actionId(db, b), bodyCode: 'MOFA', periodId: period(db) });
      const was = entryValues(db, k);
      const at = new Date().toISOString();
      // An older import as it was kept: its fields written, one exchange_change row per field.
      writeEntryFields(db, k, { achievements: '예전 가져오기', delayed: true }, receiver, 'old import', at);
      const id = recordImport(db, {
        fileName: 'old.xlsx', sha256: 'old', bytes: 1, kind: 'report', plan: 'KOR-NAP-3', body: 'MOFA', year: YEAR, exportId: null, writerInstallation: null,
        writerName: null, writtenAt: null, importedBy: 'x', importedAt: at, counts: { changes: 2 }, received: {},
      });
      const target = { plan: 'KOR-NAP-3', actionPlan: b, body: 'MOFA', year: YEAR };
      recordChanges(db, id, [
        { kind: 'field', target: { ...target, field: 'delayed' }, before: was.delayed, after: true },
        { kind: 'field', target: { ...target, field: 'achievements' }, before: was.achievements, after: '예전 가져오기' },
      ]);
      undoImport(db, id, receiver);
      expect(entryValues(db, k)).toEqual(was);
    } finally {
      db.close();
    }
  });
});
