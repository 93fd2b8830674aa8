/**
 * The reader hands on only the cells that hold a value (contract/exchange.ts
 * ReadRow): a column of the header with no cell in a row is empty there. The
 * merge reads it so: against the base, a cell emptied in the file clears the
 * field, exactly as an empty cell handed on as null did; a column missing
 * from the file altogether leaves the field as it is. MOFA's report, imported
 * at MOGEF, then the same workbook again with cells emptied.
 */
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { requireInstallation } from '../../db/installation';
import { ROWS_LAYOUT, SHEETS, type ReadWorkbook } from '../../contract/exchange';
import { readWorkbook } from '../../main/exchange/read';
import { prepareImport } from '../../main/exchange/merge';
import { applyImport } from '../../main/exchange/apply';
import { databaseFile } from '../../main/paths';
import { entryValues, resolveKey } from '../../db/entries';
import { actionId, mofaReport, period } from './support-cycle';

function read(bytes: Buffer, name: string): ReadWorkbook {
  const r = readWorkbook(new Uint8Array(bytes), name);
  if (!r.ok) throw new Error(r.refusal.en);
  return r.workbook;
}

/** The report with the cells of some rows in some columns deleted (as Excel saves a cell cleared: no cell). */
function emptied(report: Buffer, cells: { row: number; column: string }[], dropColumns: string[] = []): Buffer {
  const wb = XLSX.read(report, { type: 'buffer', cellStyles: true });
  const ws = wb.Sheets[SHEETS.rows]!;
  for (const c of cells) delete ws[`${c.column}${c.row}`];
  const range = XLSX.utils.decode_range(ws['!ref']!);
  for (const column of dropColumns) for (let r = ROWS_LAYOUT.headerRow; r <= range.e.r + 1; r++) delete ws[`${column}${r}`];
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('a present column with no cell in a row is empty there', { timeout: 120_000 }, () => {
  let base: string;
  let mogef: string;
  let report: Buffer;
  let codes: string[];
  beforeAll(async () => {
    ({ base, mogef, report, codes } = await mofaReport('nap-sparse-'));
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('clears the field against the base, as an empty cell handed on did; a column missing from the file leaves it', () => {
    const db: Db = openDatabase(databaseFile(mogef));
    try {
      const receiver = requireInstallation(db);
      // The first import: MOGEF now holds MOFA's values, and they are the base of the next exchange.
      const first = read(report, 'report.xlsx');
      const p1 = prepareImport(db, receiver, first, { name: 'report.xlsx', sha256: 'first', bytes: report.length });
      applyImport(db, p1.plan, { take: 'file', picks: [], confirm: [...p1.preview.needsConfirmation] }, receiver, p1.preview.needsConfirmation);
      const column = (key: string) => first.columns.find((c) => c.key === key)!.column;
      const rowOf = (code: string) => first.rows.find((r) => r.code === code)!.rowNumber;
      const [a, b] = codes as [string, string];
      const key = (code: string) => resolveKey(db, { actionPlanId: actionId(db, code), bodyCode: 'MOFA', periodId: period(db) });
      expect(entryValues(db, key(a)).achievements).toBe(`${a} 실적`);
      expect(entryValues(db, key(b)).nextSteps).toBe(`${b} 다음 단계`);

      // The same workbook again, row a's achievements emptied, the whole next-steps column deleted.
      const bytes = emptied(report, [{ row: rowOf(a), column: column('achievements') }], [column('nextSteps')]);
      const sparse = read(bytes, 'emptied.xlsx');
      const row = sparse.rows.find((r) => r.code === a)!;
      expect(sparse.columns.map((c) => c.key)).toContain('achievements');
      expect(sparse.columns.map((c) => c.key)).not.toContain('nextSteps');
      expect(row.cells).not.toHaveProperty('achievements');
      // The same file as the reader handed it on before: every empty cell of a present column as null.
      const dense: ReadWorkbook = structuredClone(sparse);
      for (const r of dense.rows) {
        for (const c of dense.columns) r.cells[c.key] ??= { address: `${c.column}${r.rowNumber}`, value: null };
      }
      expect(Object.keys(dense.rows.find((r) => r.code === a)!.cells).length).toBeGreaterThan(Object.keys(row.cells).length);

      const file = { name: 'emptied.xlsx', sha256: 'second', bytes: bytes.length };
      const fromSparse = prepareImport(db, receiver, sparse, file);
      const fromDense = prepareImport(db, receiver, dense, file);
      expect(fromSparse.preview).toEqual(fromDense.preview);
      expect({ ...fromSparse.plan, fingerprint: '' }).toEqual({ ...fromDense.plan, fingerprint: '' });

      // Against the base the emptied cell clears the field (taken, the file's value empty), at its address.
      const changed = fromSparse.preview.rows.find((r) => r.actionPlan === a)!;
      expect(changed.outcome).toBe('changed');
      expect(changed.fields).toEqual([
        expect.objectContaining({ field: 'achievements', outcome: 'taken', base: `${a} 실적`, mine: `${a} 실적`, file: null, cell: `${SHEETS.rows}!${column('achievements')}${rowOf(a)}` }),
      ]);
      expect(fromSparse.preview.rows.find((r) => r.actionPlan === b)!.outcome).toBe('unchanged');
      expect(fromSparse.plan.received[a]!.achievements).toBeNull();
      // The column the file lacks: said, and left as it is.
      expect(fromSparse.preview.warnings.map((w) => w.en).join('\n')).toMatch(/Columns missing from the file were left as they are/);

      applyImport(db, fromSparse.plan, { take: 'file', picks: [], confirm: [...fromSparse.preview.needsConfirmation] }, receiver, fromSparse.preview.needsConfirmation);
      expect(entryValues(db, key(a)).achievements).toBeNull();
      expect(entryValues(db, key(a)).nextSteps).toBe(`${a} 다음 단계`);
      expect(entryValues(db, key(b))).toMatchObject({ achievements: `${b} 실적`, nextSteps: `${b} 다음 단계` });
    } finally {
      db.close();
    }
  });
});
