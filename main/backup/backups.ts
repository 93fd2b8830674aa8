/**
 * Backups of the live database: made with SQLite's online backup API
 * (better-sqlite3's db.backup(), which copies a consistent snapshot in steps
 * between which the event loop runs, so the window never waits), written to a
 * temporary name, verified (integrity_check, application_id, user_version,
 * row counts of every user table equal to the source at the moment the copy
 * finished), then renamed into <dataDir>/backups/ with a JSON sidecar.
 * Never a file copy of a live database. Plain Node: no electron here.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, type Db } from '../../db/connection';
import { fsyncDir, fsyncFile, writeFileDurably } from '../../db/durable';
import { LATEST_VERSION } from '../../db/migrations';
import { DomainError } from '../../contract/result';
import { BackupInfo, BackupInstallation, type BackupReason } from '../../contract/backup';

export const BACKUP_DIR_NAME = 'backups';
const SIDECAR = '.json';
const TEMP_PREFIX = '.tmp-';

export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR_NAME);
}

/** What a database holds, as a backup's sidecar says it. */
export interface Contents {
  schemaVersion: number;
  generation: number;
  plans: string[];
  periods: string[];
  entries: number;
  /** Which installation the data is (a move to a new laptop confirms it there). */
  installation: BackupInfo['installation'];
  rowCounts: Record<string, number>;
}

/** The tables that hold data (not SQLite's own). */
export function userTables(db: Db): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[]
  );
}

const GENERATION_KEY = 'generation';

/** This installation's generation: 0 as installed, raised by every restore (workbooks written before it can be told apart). */
export function readGeneration(db: Db): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'app_setting'").get();
  if (!hasTable) return 0;
  const raw = db.prepare('SELECT value FROM app_setting WHERE key = ?').pluck().get(GENERATION_KEY) as string | undefined;
  const n = raw === undefined ? 0 : Number(JSON.parse(raw));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** A new generation, above both this database's and atLeast (the generation of the state it replaced). */
export function bumpGeneration(db: Db, atLeast = 0): number {
  const next = Math.max(readGeneration(db), atLeast) + 1;
  db.prepare('INSERT INTO app_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    GENERATION_KEY,
    JSON.stringify(next),
  );
  return next;
}

export function contentsOf(db: Db): Contents {
  const rowCounts: Record<string, number> = {};
  for (const t of userTables(db)) rowCounts[t] = db.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number;
  const has = (t: string) => t in rowCounts;
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    generation: readGeneration(db),
    plans: has('plan') ? (db.prepare('SELECT code FROM plan ORDER BY start_year, code').pluck().all() as string[]) : [],
    periods:
      has('progress_entry') && has('reporting_period')
        ? (db
            .prepare('SELECT label FROM reporting_period WHERE id IN (SELECT period_id FROM progress_entry) ORDER BY year')
            .pluck()
            .all() as string[])
        : [],
    entries: rowCounts.progress_entry ?? 0,
    installation: has('app_setting') ? installationOf(db) : null,
    rowCounts,
  };
}

function installationOf(db: Db): BackupInfo['installation'] {
  const raw = db.prepare("SELECT value FROM app_setting WHERE key = 'installation'").pluck().get() as string | undefined;
  if (!raw) return null;
  const parsed = BackupInstallation.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** Why a file cannot be used as a backup: the renderer names it by hint. */
export type BackupProblem = 'missing' | 'damaged' | 'not_ours' | 'too_new' | 'mismatch' | 'busy' | 'restore_failed' | 'disk_full';

export function backupError(hint: BackupProblem, file: string, message: string): DomainError {
  return new DomainError(hint === 'missing' ? 'NOT_FOUND' : 'CONFLICT', message, [{ path: file, hint }]);
}

/**
 * Checks a closed SQLite file as a backup: ours (application_id), a schema
 * this version knows, integrity_check and foreign_key_check clean, and, when
 * expected is given, the same row count in every user table. Writes
 * nothing (query_only): the file is never changed. Throws a DomainError saying what is wrong.
 */
export function verifyBackupFile(file: string, expected?: Record<string, number>, shown: string = file): Contents {
  if (!fs.existsSync(file)) throw backupError('missing', shown, `There is no backup at ${shown}.`);
  const size = fs.statSync(file).size;
  if (size < 512) throw backupError('damaged', shown, `${shown} is not a NAP Monitor backup: it is ${size} bytes long, too short for a database.`);
  let db: Db | null = null;
  try {
    try {
      // Read-write but query-only: integrity_check on a read-only connection does not check CHECK constraints.
      // Every file checked here is closed and in rollback-journal mode, so opening it changes no byte.
      db = new Database(file, { fileMustExist: true });
      db.pragma('query_only = ON');
      const appId = db.pragma('application_id', { simple: true }) as number;
      if (appId !== APPLICATION_ID) {
        throw backupError('not_ours', shown, `${shown} is not a NAP Monitor backup (application_id ${appId}). Choose another file.`);
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > LATEST_VERSION) {
        throw backupError(
          'too_new',
          file,
          `${shown} was written by a newer version of NAP Monitor (schema ${version}; this version knows up to ${LATEST_VERSION}). Install the newer version to restore it.`,
        );
      }
      const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
        throw backupError(
          'damaged',
          file,
          `${shown} is damaged (integrity check: ${integrity.map((r) => r.integrity_check).slice(0, 3).join('; ')}). Use another backup; this one was not changed.`,
        );
      }
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length > 0) throw backupError('damaged', shown, `${shown} is damaged: ${fk.length} rows point to rows that are missing. Use another backup.`);
      const contents = contentsOf(db);
      if (expected) {
        for (const [table, n] of Object.entries(expected)) {
          if (contents.rowCounts[table] !== n) {
            throw backupError(
              'mismatch',
              file,
              `The backup ${shown} does not hold what the database held: table ${table} has ${contents.rowCounts[table] ?? 'no'} rows instead of ${n}.`,
            );
          }
        }
        if (Object.keys(contents.rowCounts).length !== Object.keys(expected).length) {
          throw backupError('mismatch', shown, `The backup ${shown} does not hold the same tables as the database.`);
        }
      }
      return contents;
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw backupError('damaged', shown, `${shown} cannot be read as a NAP Monitor backup (${(err as Error).message}). Use another backup; this one was not changed.`);
    }
  } finally {
    db?.close();
  }
}

/** 2026-12-01T20:30:00.123Z → 2026-12-01T20-30-00-123Z (a file name on every system). */
export function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function uniqueName(dir: string, date: Date, reason: BackupReason): string {
  const base = `nap-monitor-${stamp(date)}-${reason}`;
  let name = `${base}.sqlite`;
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `${base}-${i}.sqlite`;
  return name;
}

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

export interface MakeOptions {
  appVersion: string;
  now: () => Date;
  /** Pages copied so far / all pages. */
  onProgress?: (fraction: number) => void;
  /** Pages copied per step (between steps the event loop runs). */
  pagesPerStep?: number;
  /** Called in the same turn as the copy's last step, before any other write can run (tests record the state the copy holds). */
  onCopied?: (db: Db) => void;
}

/**
 * The copy: the online backup into a temporary file. Resolves as soon as the
 * last page is copied, with the source's contents at that moment (read in the
 * same turn of the event loop, before any other write can run).
 */
export async function copyLive(db: Db, temp: string, options: Pick<MakeOptions, 'onProgress' | 'pagesPerStep' | 'onCopied'>): Promise<Contents> {
  const pages = options.pagesPerStep ?? 256;
  await db.backup(temp, {
    progress: ({ totalPages, remainingPages }) => {
      options.onProgress?.(totalPages > 0 ? (totalPages - remainingPages) / totalPages : 0);
      return pages;
    },
  });
  // Nothing ran between the last step and here but microtasks: this is the state the copy holds.
  options.onCopied?.(db);
  return contentsOf(db);
}

/**
 * The finishing, all synchronous: the copy made a self-contained file
 * (rollback journal, no -wal), verified against what the source held, synced,
 * renamed into the backups folder with its sidecar.
 */
export function finishBackup(temp: string, source: Contents, dir: string, reason: BackupReason, options: Pick<MakeOptions, 'appVersion' | 'now'>): BackupInfo {
  const out = new Database(temp);
  try {
    out.pragma('journal_mode = DELETE');
  } finally {
    out.close();
  }
  fs.rmSync(`${temp}-shm`, { force: true });
  const contents = verifyBackupFile(temp, source.rowCounts);
  if (contents.schemaVersion !== source.schemaVersion) {
    throw backupError('mismatch', temp, `The backup ${temp} has schema ${contents.schemaVersion}, the database ${source.schemaVersion}.`);
  }
  fsyncFile(temp);
  const now = options.now();
  const name = uniqueName(dir, now, reason);
  const info: BackupInfo = {
    name,
    path: path.join(dir, name),
    createdAt: now.toISOString(),
    addedAt: now.toISOString(),
    reason,
    sizeBytes: fs.statSync(temp).size,
    appVersion: options.appVersion,
    ...contents,
  };
  writeSidecar(info);
  fs.renameSync(temp, info.path);
  fsyncDir(dir);
  return info;
}

function writeSidecar(info: BackupInfo): void {
  const file = `${info.path}${SIDECAR}`;
  writeFileDurably(file, `${JSON.stringify(info, null, 2)}\n`, path.join(path.dirname(file), `${TEMP_PREFIX}${path.basename(file)}`));
}

let tempCounter = 0;
export function tempPath(dir: string): string {
  tempCounter += 1;
  return path.join(dir, `${TEMP_PREFIX}${process.pid}-${Date.now()}-${tempCounter}.sqlite`);
}

/** Our temporary copy made self-contained (a WAL-mode header needs a -shm to be read); a file that is no database is refused. */
function toRollbackJournal(temp: string, shown: string): void {
  let db: Db | null = null;
  try {
    db = new Database(temp, { fileMustExist: true });
    if ((db.pragma('application_id', { simple: true }) as number) === APPLICATION_ID) db.pragma('journal_mode = DELETE');
  } catch (err) {
    throw backupError('damaged', shown, `${shown} cannot be read as a NAP Monitor backup (${(err as Error).message}). Choose another file; it was not changed.`);
  } finally {
    db?.close();
  }
}

/** A full disk, as the user is told it (SQLite's SQLITE_FULL, the system's ENOSPC or EDQUOT); other errors as they are. */
export function diskFull(err: unknown, dir: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return backupError('disk_full', dir, `There is no room left on the disk of ${dir} for the backup. Free some space, then back up again; the data was not changed.`);
  }
  return err;
}

/** Makes one verified backup of the live database into dir. */
export async function makeBackup(db: Db, dir: string, reason: BackupReason, options: MakeOptions): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const temp = tempPath(dir);
  try {
    const source = await copyLive(db, temp, options);
    return finishBackup(temp, source, dir, reason, options);
  } catch (err) {
    throw diskFull(err, dir);
  } finally {
    removeQuietly(temp);
  }
}

/**
 * The same backup, synchronously, with VACUUM INTO (one statement: a
 * consistent snapshot, written compact): for a caller that cannot wait, such
 * as opening the database before a migration. Blocks while it copies (tens of
 * milliseconds for the filled third plan); the window's backups use makeBackup.
 */
export function makeBackupSync(db: Db, dir: string, reason: BackupReason, options: Pick<MakeOptions, 'appVersion' | 'now'>): BackupInfo {
  fs.mkdirSync(dir, { recursive: true });
  const temp = tempPath(dir);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    return finishBackup(temp, contentsOf(db), dir, reason, options);
  } catch (err) {
    throw diskFull(err, dir);
  } finally {
    removeQuietly(temp);
  }
}

/** The backups in dir, newest first; a file without a readable sidecar is described from the file itself. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.sqlite') || name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(dir, name);
    let info: BackupInfo | null = null;
    try {
      const parsed = BackupInfo.safeParse(JSON.parse(fs.readFileSync(`${file}${SIDECAR}`, 'utf8')));
      if (parsed.success) info = { ...parsed.data, name, path: file, sizeBytes: fs.statSync(file).size };
    } catch {
      info = null;
    }
    if (!info) {
      const stat = fs.statSync(file);
      info = {
        name,
        path: file,
        createdAt: stat.mtime.toISOString(),
        addedAt: stat.mtime.toISOString(),
        reason: 'opened',
        sizeBytes: stat.size,
        appVersion: '',
        schemaVersion: 0,
        generation: 0,
        plans: [],
        periods: [],
        entries: 0,
        installation: null,
        rowCounts: {},
      };
    }
    out.push(info);
  }
  return out.sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : a.name < b.name ? 1 : -1));
}

export const ROTATION = { last: 10, daily: 7, monthly: 12 } as const;

const pad = (n: number) => String(n).padStart(2, '0');
/** The calendar day of a time where the official is (the machine's time zone: Korea's on their laptops), "YYYY-MM-DD". */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
const localMonth = (date: Date) => localDay(date).slice(0, 7);

/**
 * Which backups rotation keeps, from their times: the newest ROTATION.last;
 * the newest of each of the last 7 days (today included); the newest of each
 * of the last 12 months (this one included). Days and months are the
 * machine's local ones (a day starts at midnight in Seoul, not at 09:00).
 */
export function keptByRotation(items: readonly { name: string; addedAt: string }[], now: Date): Set<string> {
  const sorted = [...items].sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0));
  const keep = new Set(sorted.slice(0, ROTATION.last).map((i) => i.name));
  const days = new Set<string>();
  for (let d = 0; d < ROTATION.daily; d++) days.add(localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - d)));
  const months = new Set<string>();
  for (let m = 0; m < ROTATION.monthly; m++) months.add(localMonth(new Date(now.getFullYear(), now.getMonth() - m, 1)));
  const seenDay = new Set<string>();
  const seenMonth = new Set<string>();
  for (const item of sorted) {
    const at = new Date(item.addedAt);
    const day = localDay(at);
    const month = localMonth(at);
    if (days.has(day) && !seenDay.has(day)) {
      seenDay.add(day);
      keep.add(item.name);
    }
    if (months.has(month) && !seenMonth.has(month)) {
      seenMonth.add(month);
      keep.add(item.name);
    }
  }
  return keep;
}

/** Deletes the backups rotation does not keep; returns their names. */
export function rotate(dir: string, now: Date): string[] {
  const all = listBackups(dir);
  const keep = keptByRotation(all, now);
  const removed: string[] = [];
  for (const b of all) {
    if (keep.has(b.name)) continue;
    fs.rmSync(b.path, { force: true });
    fs.rmSync(`${b.path}${SIDECAR}`, { force: true });
    removed.push(b.name);
  }
  return removed;
}

/**
 * Brings a backup file from elsewhere (a USB stick, a colleague's copy) into
 * the backups folder, after verifying it: a damaged or foreign file is refused
 * and nothing is added. The source is only read.
 */
export function importBackupFile(source: string, dir: string, options: Pick<MakeOptions, 'appVersion' | 'now'>): BackupInfo {
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw backupError('missing', source, `There is no file at ${source}.`);
  const temp = tempPath(dir);
  try {
    fs.copyFileSync(source, temp);
    // A -wal beside the source belongs to a live copy we do not read: only the checked file counts.
    toRollbackJournal(temp, source);
    const contents = verifyBackupFile(temp, undefined, source);
    const now = options.now();
    const name = uniqueName(dir, now, 'opened');
    let createdAt = fs.statSync(source).mtime.toISOString();
    try {
      const side = BackupInfo.safeParse(JSON.parse(fs.readFileSync(`${source}${SIDECAR}`, 'utf8')));
      if (side.success) createdAt = side.data.createdAt;
    } catch {
      // No sidecar: the file's time.
    }
    const info: BackupInfo = {
      name,
      path: path.join(dir, name),
      createdAt,
      addedAt: now.toISOString(),
      reason: 'opened',
      sizeBytes: fs.statSync(temp).size,
      appVersion: '',
      ...contents,
    };
    fsyncFile(temp);
    writeSidecar(info);
    fs.renameSync(temp, info.path);
    fsyncDir(dir);
    return info;
  } finally {
    removeQuietly(temp);
  }
}

/** Saves a copy of a backup (and its sidecar) into a chosen folder; answers the copy's path. */
export function saveCopy(info: BackupInfo, destinationDir: string): string {
  if (!fs.existsSync(destinationDir) || !fs.statSync(destinationDir).isDirectory()) {
    throw backupError('missing', destinationDir, `The folder ${destinationDir} does not exist (a USB stick taken out?). Choose another folder.`);
  }
  const target = path.join(destinationDir, info.name);
  const temp = path.join(destinationDir, `${TEMP_PREFIX}${info.name}`);
  try {
    fs.copyFileSync(info.path, temp);
    fsyncFile(temp);
    verifyBackupFile(temp, info.rowCounts, target);
    fs.writeFileSync(`${target}${SIDECAR}`, `${JSON.stringify(info, null, 2)}\n`);
    fs.renameSync(temp, target);
    fsyncDir(destinationDir);
    return target;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
