/**
 * Real database files for the opening tests: a filled installation made
 * through the application's own start, the SHA-256 of a database's files
 * (database, -wal, -shm, session record) and a logical dump to compare
 * contents.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startAppCore, type AppCore } from '../../main/app-core';
import { databaseFile } from '../../main/paths';
import { SEAL_KEY } from '../../db/seal';
import { ApiError } from '../../renderer/src/api';
import type { EntryTransport } from '../../renderer/src/stores/entry/transport';
import type { ProgressEntry } from '../../contract/progress';
import type { Result } from '../../contract/result';

export const ORIGIN = 'app://nap-monitor';
export const OWN = { url: `${ORIGIN}/index.html` };

export function start(dataDir: string): AppCore {
  return startAppCore({ dataDir, appVersion: 'test', trustedOrigins: [ORIGIN] });
}

/**
 * The entry form's transport over the real dispatcher of a core, as the
 * preload's calls reach it: each answer unwrapped, a refusal thrown as the
 * renderer's ApiError (so an EntrySession runs on it as in the window).
 */
export function dispatcherTransport(core: Pick<AppCore, 'dispatcher'>): EntryTransport {
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = core.dispatcher(channel, payload, OWN) as Result<T>;
    if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.details ?? []);
    return r.value;
  };
  return {
    entry: (k) => call<{ entry: ProgressEntry; previous: ProgressEntry | null }>('progress:entry', { key: k }),
    save: (k, baseRevision, patch) => call('progress:save', { key: k, baseRevision, patch }),
    setIndicatorValue: (k, indicatorId, value) => call('progress:setIndicatorValue', { key: k, indicatorId, value }),
    addEvidence: (k, title, docDate, reference) => call('progress:addEvidence', { key: k, title, docDate, reference }),
    removeEvidence: (k, evidenceId) => call('progress:removeEvidence', { key: k, evidenceId }),
  };
}

/** SHA-256 (or "absent") of the database file, its -wal and -shm, and every other file of the folder. */
export function folderHashes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dataDir).sort()) {
    const p = path.join(dataDir, name);
    if (fs.statSync(p).isFile()) out[name] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  const db = path.basename(databaseFile(dataDir));
  for (const ext of ['', '-wal', '-shm']) out[`${db}${ext}`] ??= 'absent';
  return out;
}

/**
 * A data folder with MOFA's installation and `entries` saved entries (text in
 * Korean, each with its history), closed cleanly.
 */
export function filledDataDir(dataDir: string, entries = 30): void {
  const core = start(dataDir);
  try {
    const r = core.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, OWN);
    if (!r.ok) throw new Error(r.error.message);
    const keys = mofaKeys(core);
    for (let i = 0; i < entries; i++) {
      const key = keys[i % keys.length]!;
      const loaded = core.dispatcher('progress:entry', { key }, OWN);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const revision = (loaded.value as { entry: { revision: number } }).entry.revision;
      const saved = core.dispatcher(
        'progress:save',
        { key, baseRevision: revision, patch: { achievements: `추진실적 ${i}: 여성·평화·안보 교육 ${'가'.repeat(i * 7)}`, nextSteps: `step ${i}` } },
        OWN,
      );
      if (!saved.ok) throw new Error(saved.error.message);
    }
  } finally {
    core.close();
  }
}

export function mofaKeys(core: AppCore): { actionPlanId: number; bodyCode: string; periodId: number }[] {
  const periods = core.db.prepare('SELECT id FROM reporting_period ORDER BY year').pluck().all() as number[];
  const ids = core.db
    .prepare(
      `SELECT ap.id FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id
       JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = 'MOFA' ORDER BY ap.id`,
    )
    .pluck()
    .all() as number[];
  return periods.flatMap((periodId) => ids.map((actionPlanId) => ({ actionPlanId, bodyCode: 'MOFA', periodId })));
}

/**
 * Every row of every table, in key order, as text: two databases with the same
 * dump hold the same data. The seal of a clean close (db/seal.ts) is left out:
 * a cleanly closed file holds one, the same file open does not.
 */
export function logicalDump(db: Database.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const parts: string[] = [];
  for (const t of tables) {
    const where = t === 'app_setting' ? `WHERE key <> '${SEAL_KEY}'` : '';
    const rows = db.prepare(`SELECT * FROM "${t}" ${where} ORDER BY 1, 2`).raw().all();
    parts.push(`${t}\n${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v))}`);
  }
  return parts.join('\n');
}

/** The dump of a database file, read through a private copy (the file itself is not opened). */
export function dumpOfFile(file: string, withWal = false): string {
  const dir = fs.mkdtempSync(path.join(path.dirname(file), '.dump-'));
  try {
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(file, copy);
    if (withWal && fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = new Database(copy);
    try {
      return logicalDump(db);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
