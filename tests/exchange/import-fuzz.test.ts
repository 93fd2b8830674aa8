/**
 * The whole import on workbooks people (and accidents) make: a body's real
 * report workbook with its cells changed at random (texts, numbers typed
 * as text, Korean amounts, formulas' results, errors, booleans, lone
 * surrogates, 32,000-character texts, codes of other bodies or of nothing,
 * duplicated rows, headers renamed, columns cleared, rows swapped) and
 * sometimes its bytes flipped, saved by SheetJS. Fixed seed. Each file is
 * read, previewed and applied (conflicts to the file, every confirmation
 * given) at MOGEF: nothing throws but a refusal with a message; a refused
 * file leaves the database exactly as it was; an applied one changes only
 * MOFA's entries and its undo puts every entry back.
 */
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { dumpDatabase } from '../../db/dump';
import { requireInstallation } from '../../db/installation';
import { DomainError } from '../../contract/result';
import { ROWS_LAYOUT, SHEETS } from '../../contract/exchange';
import { readWorkbook } from '../../main/exchange/read';
import { ImportRefusal, prepareImport } from '../../main/exchange/merge';
import { applyImport, undoImport } from '../../main/exchange/apply';
import { databaseFile } from '../../main/paths';
import fs from 'node:fs';
import { bodyActions, mofaReport, withDb } from './support-cycle';
import { mulberry32 } from '../../bench/generate';

const CASES = 300;


const POOL: (string | number | boolean | { t: 'e'; v: number })[] = [
  '', ' ', '\u3000', '=1+1', '1억 2천만원', '12,000', '₩3,000,000', '3,000,000원', '１２３', '1,2,3', '완료', ' COMPLETED ', 'substantial', '상당 부분',
  'yes', '아니오', 'maybe', true, false, 0, -5, 1e20, 2.5, 12_000_000, { t: 'e', v: 42 }, 'x'.repeat(32_000), 'a\uD800b', '9.9.9', '3.1.1',
  '교육 결과 | 2023-02-30 | 출처', '보고서 | 2023-06-30', 'a | b | c | d', '가'.repeat(30_000), '\r\n줄\r바꿈\n',
];

describe(`the import on ${CASES} workbooks changed at random`, { timeout: 600_000 }, () => {
  let base: string;
  let mogef: string;
  let report: Buffer;
  let codes: string[];
  beforeAll(async () => {
    let mofa: string;
    ({ base, mogef, mofa, report, codes } = await mofaReport('nap-import-fuzz-'));
    // Codes of the plan that MOFA does not carry (another body's rows).
    POOL.push(...withDb(mofa, (db) => bodyActions(db, 'MND').filter((c) => !codes.includes(c)).slice(0, 3)));
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('never throws but a refusal; a refusal changes nothing; an apply changes only MOFA and is undone exactly', () => {
    const db: Db = openDatabase(databaseFile(mogef));
    const receiver = requireInstallation(db);
    const tally = { readRefused: 0, importRefused: 0, applyRefused: 0, applied: 0, cellsRejected: 0 };
    // MOFA's entries that hold anything (an undone import leaves the rows it made, empty).
    const mofaEntries = () =>
      dumpDatabase(db)
        .entries.filter((e) => e.body === 'MOFA')
        .map(({ updatedBy: _b, updatedAt: _a, uid: _u, origin: _o, ...rest }) => rest)
        .filter((e) => Object.entries(e).some(([k, v]) => !['plan', 'actionPlan', 'body', 'year'].includes(k) && v !== null));
    try {
      let before = JSON.stringify(dumpDatabase(db));
      const beforeMofa = JSON.stringify(mofaEntries());
      for (let n = 0; n < CASES; n++) {
        const rand = mulberry32(n + 1);
        const int = (k: number) => Math.floor(rand() * k);
        const wb = XLSX.read(report, { type: 'buffer' });
        const ws = wb.Sheets[SHEETS.rows]!;
        const range = XLSX.utils.decode_range(ws['!ref']!);
        const lastRow = ROWS_LAYOUT.firstDataRow + codes.length - 1;
        for (let m = 0, k = 1 + int(6); m < k; m++) {
          const op = int(10);
          const r = ROWS_LAYOUT.firstDataRow - 1 + int(codes.length);
          const c = int(range.e.c + 1);
          if (op < 6) {
            const v = POOL[int(POOL.length)]!;
            ws[XLSX.utils.encode_cell({ r, c })] = typeof v === 'object' ? { t: 'e', v: v.v, w: '#N/A' } : { t: typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's', v };
          } else if (op === 6) {
            // A column cleared, header and all.
            for (let rr = ROWS_LAYOUT.headerRow - 1; rr < lastRow; rr++) delete ws[XLSX.utils.encode_cell({ r: rr, c })];
          } else if (op === 7) {
            // Two rows swapped (sorting).
            const r2 = ROWS_LAYOUT.firstDataRow - 1 + int(codes.length);
            for (let cc = 0; cc <= range.e.c; cc++) {
              const a = XLSX.utils.encode_cell({ r, c: cc });
              const b = XLSX.utils.encode_cell({ r: r2, c: cc });
              [ws[a], ws[b]] = [ws[b], ws[a]];
            }
          } else if (op === 8) {
            ws[XLSX.utils.encode_cell({ r: ROWS_LAYOUT.headerRow - 1, c })] = { t: 's', v: POOL[int(POOL.length)] === '' ? '코드' : `열 ${int(100)}` };
          } else {
            // The submit cell.
            ws['B4'] = { t: 's', v: ['예', '아니오', 'perhaps', ''][int(4)]! };
          }
        }
        let bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
        if (rand() < 0.15) {
          bytes = Buffer.from(bytes);
          for (let f = 0, k = 1 + int(8); f < k; f++) bytes[int(bytes.length)] = int(256);
        }
        const name = `case-${n}.xlsx`;
        const read = readWorkbook(new Uint8Array(bytes), name);
        if (!read.ok) {
          expect(read.refusal.ko.length * read.refusal.en.length, `case ${n}`).toBeGreaterThan(0);
          tally.readRefused++;
          continue;
        }
        let prepared: ReturnType<typeof prepareImport>;
        try {
          prepared = prepareImport(db, receiver, read.workbook, { name, sha256: `case-${n}`, bytes: bytes.length });
        } catch (err) {
          expect(err, `case ${n}`).toBeInstanceOf(ImportRefusal);
          expect(JSON.stringify(dumpDatabase(db)), `case ${n}: refused, yet changed`).toBe(before);
          tally.importRefused++;
          continue;
        }
        tally.cellsRejected += prepared.preview.rows.flatMap((r) => r.fields).filter((f) => f.outcome === 'rejected').length;
        for (const f of prepared.preview.rows.flatMap((r) => r.fields)) {
          if (f.outcome === 'rejected') expect(f.reason?.ko, `case ${n}`).toBeTruthy();
        }
        let record;
        try {
          record = applyImport(db, prepared.plan, { take: 'file', picks: [], confirm: [...prepared.preview.needsConfirmation] }, receiver, prepared.preview.needsConfirmation);
        } catch (err) {
          expect(err, `case ${n}`).toBeInstanceOf(DomainError);
          expect(JSON.stringify(dumpDatabase(db)), `case ${n}: apply refused, yet changed`).toBe(before);
          tally.applyRefused++;
          continue;
        }
        tally.applied++;
        const after = dumpDatabase(db);
        expect(after.entries.filter((e) => e.body !== 'MOFA'), `case ${n}`).toEqual([]);
        expect(after.entries.filter((e) => !codes.includes(e.actionPlan)).map((e) => e.actionPlan), `case ${n}: an action plan MOFA does not carry`).toEqual([]);
        undoImport(db, record.id, receiver);
        expect(JSON.stringify(mofaEntries()), `case ${n}: undo`).toBe(beforeMofa);
        before = JSON.stringify(dumpDatabase(db));
      }
      console.log(`import fuzz: ${CASES} cases`, tally);
      expect(tally.applied).toBeGreaterThan(CASES / 3);
      // The generator reaches the cell codecs often enough to matter.
      expect(tally.cellsRejected).toBeGreaterThan(CASES / 6);
    } finally {
      db.close();
    }
  });
});
