/** Installations in data folders, driven through the command line's core in this process (tests/exchange/*). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../cli/run';
import { openDatabase, type Db } from '../../db/connection';
import { dumpDatabase } from '../../db/dump';
import { saveEntry } from '../../db/entries';
import { requireInstallation } from '../../db/installation';
import { getBodyReport } from '../../db/reports';
import { databaseFile } from '../../main/paths';
import type { ImportPreview, ImportRecord } from '../../contract/exchange';

export const YEAR = 2023;

export async function cli(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

export async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  expect(r.status, r.err).toBe(0);
  return r.out;
}

export function withDb<T>(dir: string, fn: (db: Db) => T): T {
  const db = openDatabase(databaseFile(dir));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function period(db: Db): number {
  return db.prepare('SELECT id FROM reporting_period WHERE year = ?').pluck().get(YEAR) as number;
}

export function actionId(db: Db, code: string): number {
  return db.prepare('SELECT id FROM action_plan WHERE code = ?').pluck().get(code) as number;
}

export function bodyActions(db: Db, body: string): string[] {
  return getBodyReport(db, body, period(db)).items.map((i) => i.code);
}

/** Every entry of a body for the year by natural key, as a dump names it (no revision, no who/when). */
export function entriesOf(dir: string, body: string) {
  return withDb(dir, (db) =>
    dumpDatabase(db)
      .entries.filter((e) => e.body === body && e.year === YEAR)
      .map(({ uid: _u, origin: _o, updatedBy: _b, updatedAt: _a, ...rest }) => rest),
  );
}

export async function preview(dir: string, file: string): Promise<ImportPreview> {
  return JSON.parse(await ok('--data-dir', dir, 'import', file, '--json')) as ImportPreview;
}

export async function apply(dir: string, file: string, ...more: string[]): Promise<ImportRecord> {
  return JSON.parse(await ok('--data-dir', dir, 'import', file, '--apply', '--json', ...more)) as ImportRecord;
}

export function fillAll(db: Db, body: string, text: (code: string) => string): void {
  const actor = requireInstallation(db);
  const p = period(db);
  for (const code of bodyActions(db, body)) {
    const key = { actionPlanId: actionId(db, code), bodyCode: body, periodId: p };
    saveEntry(db, key, 0, { completion: 'substantial', delayed: false, achievements: text(code), nextSteps: `${code} 다음 단계`, budgetAllocated: 12_000_000 }, actor, actor.userName);
  }
}


/**
 * The start of the import tests: MOGEF's and MOFA's installations in a new
 * folder (prefix names it), every entry of MOFA filled in, and MOFA's report
 * workbook for YEAR as bytes; codes are MOFA's action plans.
 */
export async function mofaReport(prefix: string): Promise<{ base: string; mogef: string; mofa: string; report: Buffer; codes: string[] }> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const mogef = path.join(base, 'mogef');
  const mofa = path.join(base, 'mofa');
  await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
  await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
  withDb(mofa, (db) => fillAll(db, 'MOFA', (code) => `${code} 실적`));
  const codes = withDb(mofa, (db) => bodyActions(db, 'MOFA'));
  const file = path.join(base, 'report.xlsx');
  await ok('--data-dir', mofa, 'export', 'report', '--year', String(YEAR), '--out', file);
  return { base, mogef, mofa, report: fs.readFileSync(file), codes };
}
