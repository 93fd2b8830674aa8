/**
 * An import writes its entries' fields all at once (db/exchange.ts
 * writeEntriesOfReport), and that must leave what writing them one entry at
 * a time through the form's write (db/entries.ts writeEntryFields) leaves:
 * the same fields, revisions and stamps, and the same history of each entry,
 * field by field with the value before (db/history.ts entryHistory, what the
 * history view reads). Checked on entries made by the import, entries that
 * were there empty or with a value of their own (a conflict taken from the
 * file), and on a second import that empties fields and changes others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { requireInstallation } from '../../db/installation';
import { ensureEntryRow, resolveKey, saveEntry, writeEntryFields, type ResolvedKey } from '../../db/entries';
import { entryHistory, type Actor } from '../../db/history';
import { BODY_FIELDS } from '../../contract/exchange';
import type { EntryPatch } from '../../contract/progress';
import { readWorkbook } from '../../main/exchange/read';
import { prepareImport, type ImportPlan } from '../../main/exchange/merge';
import { applyImport, undoImport } from '../../main/exchange/apply';
import { databaseFile } from '../../main/paths';
import { actionId, mofaReport, ok, period, withDb, YEAR } from './support-cycle';

/** Every entry of the report as it stands: fields, revision, who, and its history without the times (the two writes run at different times). */
function snapshot(db: Db, codes: readonly string[]) {
  return codes.map((code) => {
    const k = resolveKey(db, { actionPlanId: actionId(db, code), bodyCode: 'MOFA', periodId: period(db) });
    const row = db.prepare('SELECT * FROM progress_entry WHERE action_plan_id = ? AND body_id = ? AND period_id = ?').get(k.actionPlanId, k.bodyId, k.periodId) as
      | Record<string, unknown>
      | undefined;
    if (!row) return { code, row: null, history: [] };
    const { id, uid: _u, updated_at: _at, ...rest } = row;
    return { code, row: rest, history: entryHistory(db, id as number).map(({ at: _a, ...h }) => h) };
  });
}

/** The import's fields written the other way: entry by entry through writeEntryFields, as the form writes them. */
function writeOneByOne(db: Db, plan: ImportPlan): void {
  const author: Actor = { role: 'body', bodyCode: plan.body, userName: plan.authorName, installationId: plan.authorInstallation };
  const at = new Date().toISOString();
  for (const row of plan.rows) {
    const patch: Record<string, unknown> = {};
    for (const f of row.fields) if ((f.outcome === 'taken' || f.outcome === 'conflict') && (BODY_FIELDS as readonly string[]).includes(f.field)) patch[f.field] = f.file;
    writeEntryFields(db, row.key as ResolvedKey, patch as EntryPatch, author, plan.authorName, at);
  }
}

/** What the entries are after the import's fields written one by one (rolled back), and after the import itself. */
function bothWays(db: Db, report: Buffer, name: string, codes: readonly string[]) {
  const receiver = requireInstallation(db);
  const read = readWorkbook(new Uint8Array(report), name);
  if (!read.ok) throw new Error(read.refusal.en);
  const { plan, preview } = prepareImport(db, receiver, read.workbook, { name, sha256: name, bytes: report.length });
  let expected: ReturnType<typeof snapshot> = [];
  const rollback = new Error('rollback');
  try {
    db.transaction(() => {
      writeOneByOne(db, plan);
      expected = snapshot(db, codes);
      throw rollback;
    })();
  } catch (e) {
    if (e !== rollback) throw e;
  }
  const record = applyImport(db, plan, { take: 'file', picks: [], confirm: [...preview.needsConfirmation] }, receiver, preview.needsConfirmation);
  return { expected, actual: snapshot(db, codes), record, plan };
}

describe('an import writes its entries at once as the form writes them one by one', { timeout: 120_000 }, () => {
  let base: string;
  let mogef: string;
  let mofa: string;
  let report: Buffer;
  let codes: string[];
  beforeAll(async () => {
    ({ base, mogef, mofa, report, codes } = await mofaReport('nap-apply-entries-'));
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('makes the missing entries, updates the others, and logs every field with its value before', async () => {
    const [a, b, c] = codes as [string, string, string];
    const db: Db = openDatabase(databaseFile(mogef));
    try {
      const receiver = requireInstallation(db);
      const key = (code: string) => resolveKey(db, { actionPlanId: actionId(db, code), bodyCode: 'MOFA', periodId: period(db) });
      // Entry a has values of its own here (its achievements and difficulties a conflict and a kept field), b is there empty.
      writeEntryFields(db, key(a), { achievements: '여기서 먼저 쓴 실적', difficulties: '여기의 어려움', budgetExecuted: 5 }, receiver, 'test', new Date().toISOString());
      ensureEntryRow(db, key(b));
      const first = bothWays(db, report, 'report.xlsx', codes);
      expect(first.actual).toEqual(first.expected);
      // Every entry is there, with five fields logged (a: its three of its own and the file's five).
      expect(first.actual.every((e) => e.row !== null)).toBe(true);
      expect(first.actual.find((e) => e.code === c)!.history.map((h) => [h.field, h.before])).toEqual([
        ['completion', null], ['delayed', null], ['achievements', null], ['nextSteps', null], ['budgetAllocated', null],
      ]);
      expect(first.actual.find((e) => e.code === a)!.history.find((h) => h.field === 'achievements' && h.after === `${a} 실적`)!.before).toBe('여기서 먼저 쓴 실적');
      expect(first.record.counts.changes).toBe(first.actual.reduce((n, e) => n + e.history.length, 0) - 3);
    } finally {
      db.close();
    }

    // MOFA empties a's next steps, changes b's achievements and fills c's budget executed; the second import writes them over what the first wrote.
    withDb(mofa, (m) => {
      const actor = requireInstallation(m);
      const k = (code: string) => ({ actionPlanId: actionId(m, code), bodyCode: 'MOFA', periodId: period(m) });
      const rev = (code: string) => m.prepare('SELECT revision FROM progress_entry WHERE action_plan_id = ?').pluck().get(actionId(m, code)) as number;
      saveEntry(m, k(a), rev(a), { nextSteps: null }, actor, actor.userName);
      saveEntry(m, k(b), rev(b), { achievements: `${b} 고친 실적` }, actor, actor.userName);
      saveEntry(m, k(c), rev(c), { budgetExecuted: 7_000_000 }, actor, actor.userName);
    });
    const again = path.join(base, 'report-2.xlsx');
    await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', again);
    const db2: Db = openDatabase(databaseFile(mogef));
    try {
      const second = bothWays(db2, fs.readFileSync(again), 'report-2.xlsx', codes);
      expect(second.actual).toEqual(second.expected);
      expect(second.plan.rows.filter((r) => r.fields.some((f) => f.outcome === 'taken')).map((r) => r.actionPlan).sort()).toEqual([a, b, c].sort());
      const last = (code: string) => second.actual.find((e) => e.code === code)!.history.at(-1)!;
      expect([last(a).field, last(a).before, last(a).after]).toEqual(['nextSteps', `${a} 다음 단계`, null]);
      expect([last(b).field, last(b).before, last(b).after]).toEqual(['achievements', `${b} 실적`, `${b} 고친 실적`]);
      expect([last(c).field, last(c).before, last(c).after]).toEqual(['budgetExecuted', null, 7_000_000]);
      // And the undo of the second import puts the first's values back.
      const before = second.expected;
      undoImport(db2, second.record.id, requireInstallation(db2));
      const undone = snapshot(db2, codes);
      expect(undone.find((e) => e.code === a)!.row!.next_steps).toBe(`${a} 다음 단계`);
      expect(undone.find((e) => e.code === b)!.row!.achievements).toBe(`${b} 실적`);
      expect(undone.find((e) => e.code === c)!.row!.budget_executed).toBeNull();
      expect(before.length).toBe(undone.length);
    } finally {
      db2.close();
    }
  });
});
