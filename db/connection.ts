/**
 * Opening the application's SQLite database: checks first, on a private copy,
 * then pragmas and migrations on the real file. Plain Node: no electron here.
 * Why each step: docs/decisions/0010-opening-safely.md.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseOpenError, type DatabaseOpenCode } from './errors';
import { LATEST_VERSION, migrations, type Migration } from './migrations';
import { isFilled } from '../contract/rules';
import { fsyncDir, fsyncFile, writeFileDurably } from './durable';
import { clearSeal, readSeal, sealHolds, writeSeal } from './seal';
import { readDbHeader, readWal, validPageSize, walFramePage, type DbHeader, type WalInfo, type WalLineage } from './wal-file';

export type Db = Database.Database;

/** PRAGMA application_id: "NAPM" in ASCII, marks the file as ours. */
export const APPLICATION_ID = 0x4e41504d;

/**
 * Below this size every start runs the full integrity_check (it finds index
 * entries that do not match their table, which quick_check does not look
 * for); measured at a few milliseconds for the third plan with a year of
 * entries. Above it, a clean start runs quick_check only.
 */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** A user_version above this is no version NAP Monitor ever wrote: a damaged header, not a newer application. */
const MAX_PLAUSIBLE_VERSION = 100_000;

export interface OpenOptions {
  /** Run the start-up check (quick_check or integrity_check) on opening (on by default). */
  quickCheck?: boolean;
  /** Migrate only up to this version (tests of a single migration). */
  migrateTo?: number;
  /** The migration registry (tests). */
  registry?: readonly Migration[];
  /** Path of better-sqlite3's native addon built for Electron (development runs; see scripts/electron-native.mjs). */
  nativeBinding?: string;
  /**
   * Called once before pending migrations run, with the database opened and
   * checked but not yet changed (the application takes a verified backup
   * here); a throw stops the opening with the database as it was.
   */
  beforeMigrate?: (db: Db, from: number, to: number) => void;
}

/** What the last session left in `<db>.session.json` (see sessionFile). */
interface SessionRecord {
  format: 1;
  /** "open": a session was writing; "closed": it checkpointed, closed and recorded the file's hash. */
  state: 'open' | 'closed';
  /** The -wal header of the open session's journal (state "open"). */
  wal?: WalLineage;
  /** SHA-256 of the database file as it was closed (state "closed"). */
  sha256?: string;
  at: string;
}

/** The small file beside the database that says whether the last session closed cleanly, and which -wal it wrote. */
export function sessionFile(file: string): string {
  return `${file}.session.json`;
}

/**
 * Opens the database file, creating it only when there is neither a database
 * file nor a -wal. Every check runs on a private copy first, so a refused
 * file — and its -wal and -shm — is left byte for byte as it was; only a file
 * that passed is opened for writing, switched to WAL and migrated.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const registry = options.registry ?? migrations;
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (!exists(file)) {
    if (exists(`${file}-wal`)) {
      throw refusal('DB_WAL_WITHOUT_DB', `${file}-wal`, file, `${file} is missing, but its journal ${file}-wal is there and may hold your recent changes.`, 'Put the database file back beside it, or restore a backup. Both were left as they are.');
    }
    createDatabase(file, binding, options, registry);
  } else {
    checkBeforeOpening(file, binding, options, registry);
  }
  const db = new Database(file, { ...binding, fileMustExist: true });
  try {
    configure(db);
    // An SQLite file with nothing in it (checked above) becomes ours.
    if (db.pragma('application_id', { simple: true }) === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    // Start the session's journal afresh and note its header (see checkWal).
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma(`user_version = ${schemaVersion(db)}`);
    const wal = readWal(`${file}-wal`);
    writeSession(file, wal ? { format: 1, state: 'open', wal: lineageOf(wal), at: new Date().toISOString() } : null);
    // This session may change the content: the last close's seal goes first (db/seal.ts), so a session killed later leaves none.
    clearSeal(db);
    migrate(db, file, options);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * A clean close: the journal checkpointed into the database and truncated, the
 * connection closed (SQLite then removes the -wal), and the database file's
 * hash noted, so the next start knows the file is the one it left.
 */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  const file = db.name;
  let complete: boolean;
  try {
    // After the last write: the seal of the content, checked at the next open (db/seal.ts).
    // If it cannot be written (a full disk), the file is closed without one, as before this check.
    // Above FULL_CHECK_MAX_BYTES none is written: it reads every row (~6 s at 138 MB), as integrity_check does.
    try {
      if (!db.readonly && databaseBytes(db) <= FULL_CHECK_MAX_BYTES) writeSeal(db);
    } catch (err) {
      console.warn(`${file}: the seal of a clean close could not be written: ${(err as Error).message}`);
    }
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    complete = row !== undefined && row.busy === 0;
  } finally {
    db.close();
  }
  if (!complete || exists(`${file}-wal`)) return;
  writeSession(file, { format: 1, state: 'closed', sha256: sha256(file), at: new Date().toISOString() });
}

/** After the database file was replaced on purpose (a restore): forget what the last session noted about the old one. */
export function forgetSession(file: string): void {
  fs.rmSync(sessionFile(file), { force: true });
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // better-sqlite3 builds SQLite with synchronous=NORMAL for WAL, which can
  // lose the last commits on power loss. An official's typed words must not.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  registerRules(db);
}

/**
 * The shared rules SQL needs, as SQL functions, so a query repeats no rule:
 * nap_is_filled(text) is contract/rules.ts's isFilled (NFC, Unicode white
 * space), used by the dashboard's completeness count.
 */
export function registerRules(db: Db): void {
  db.function('nap_is_filled', { deterministic: true }, (text: unknown) => (typeof text === 'string' && isFilled(text) ? 1 : 0));
}

/**
 * A new database, built beside the final name and renamed into place once
 * complete, so a start killed half-way never leaves a half-made file that the
 * next start would have to refuse.
 */
function createDatabase(file: string, binding: object, options: OpenOptions, registry: readonly Migration[]): void {
  const building = `${file}.creating`;
  for (const ext of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${building}${ext}`, { force: true });
  const db = new Database(building, binding);
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    configure(db);
    migrate(db, file, { ...options, registry });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  fsyncFile(building);
  fs.renameSync(building, file);
  fsyncDir(path.dirname(file));
}

interface CheckResult {
  unclean: boolean;
}

function checkBeforeOpening(file: string, binding: object, options: OpenOptions, registry: readonly Migration[]): CheckResult {
  const walFile = `${file}-wal`;
  const walPresent = exists(walFile);
  const size = fs.statSync(file).size;
  if (size === 0) {
    throw refusal('DB_EMPTY', file, file, `${file} is empty (0 bytes)${walPresent ? `; its journal ${walFile} is there but cannot be used without it` : ''}.`, 'Restore a backup. The file was left as it is.');
  }
  const header = readDbHeader(file);
  if (!header) {
    throw refusal('DB_EMPTY', file, file, `${file} is only ${size} bytes long: too short to be a database, so it was cut short or damaged.`, 'Restore a backup. The file was left as it is.');
  }
  const ours = header.applicationId === APPLICATION_ID;
  if (!header.magicOk) {
    if (ours) throw damaged(file, 'its first bytes, which mark it as an SQLite database, are damaged');
    throw refusal('DB_FOREIGN', file, file, `${file} is not a NAP Monitor database (it is not an SQLite database at all, or its beginning is damaged).`, 'If this is where your data was, restore a backup; otherwise choose another data folder or move this file away. The file was left as it is.');
  }
  if (!headerValid(header)) throw damaged(file, 'its header is damaged');
  const session = readSession(file);
  const unclean = walPresent || (session !== null && session.state !== 'closed');
  // A cleanly closed database must still be the file that was closed: any byte changed since is damage or a replacement.
  if (session?.state === 'closed' && session.sha256 && sha256(file) !== session.sha256) {
    throw refusal(
      'DB_CHANGED_OUTSIDE',
      file,
      file,
      `${file} is not the file NAP Monitor closed last time: it was changed since, by another program, by copying another file over it, or by damage to the disk.`,
      `If you put this file there yourself, delete ${sessionFile(file)} beside it and start again; otherwise restore a backup. The file was left as it is.`,
    );
  }
  // The session record's hash (above) vouches for every byte of a cleanly closed file; the seal inside it is for a file without one.
  const vouched = session?.state === 'closed' && session.sha256 !== undefined;
  if (walPresent) checkWal(file, header.pageSize, session);
  const full = unclean || size <= FULL_CHECK_MAX_BYTES;
  withSnapshot(file, walPresent, (copy) => {
    let db: Db | undefined;
    try {
      // Read-write on the private copy: SQLite's integrity_check skips CHECK
      // constraints on a read-only connection (measured), and the copy is ours.
      db = new Database(copy, { ...binding, fileMustExist: true });
      checkIdentity(db, file, registry, ours);
      if (options.quickCheck !== false) {
        integrityCheck(db, file, full, unclean);
        if (!vouched) checkSeal(db, file);
      }
    } catch (err) {
      throw asRefusal(err, file, ours);
    } finally {
      db?.close();
    }
  });
  return { unclean };
}

/**
 * Whether a -wal beside the database may be replayed over it. A -wal names no
 * database: SQLite replays any -wal whose frames are consistent among
 * themselves, even one copied from another copy of the same database, which
 * then writes that copy's pages over this one. Each session notes the header
 * of the -wal it writes (checkpoint sequence and two salts) in the session
 * file after its first write; SQLite keeps that header for as long as the
 * -wal lives, except that each reset of the -wal (after a complete
 * checkpoint) adds one to the sequence and to salt-1 and draws a new salt-2.
 * So a -wal of ours has the noted header, or one moved on by the same number
 * of resets in both fields. A -wal from another session, copy or machine has
 * salts drawn at random: it matches by chance once in 2^32 or less.
 * Accepted without the record: a -wal that replays nothing, or only page 1
 * unchanged but for its change counter (the first write of a session, made
 * just before the record is written), and any -wal when there is no session
 * file (a database from before this check, or moved here without it; the
 * full checks then run).
 */
function checkWal(file: string, pageSize: number, session: SessionRecord | null): void {
  const walFile = `${file}-wal`;
  const wal = readWal(walFile);
  if (!wal || wal.committedFrames === 0) return;
  if (harmless(file, walFile, wal)) return;
  if (session === null) return;
  const vouched = session.state === 'open' && session.wal !== undefined && follows(session.wal, wal);
  if (vouched && wal.pageSize === pageSize) return;
  throw refusal(
    'DB_WAL_FOREIGN',
    walFile,
    file,
    `${walFile}, the journal of recent changes beside ${file}, does not belong to it (it was probably copied from another copy of the database). Replaying it would write another copy's changes over this one.`,
    `To open the database as it is, move ${walFile} (and ${file}-shm) to another folder and start again; or restore a backup. Both files were left as they are.`,
  );
}

function follows(noted: WalLineage, found: WalLineage): boolean {
  const resets = (found.checkpointSeq - noted.checkpointSeq) >>> 0;
  if (resets >= 2 ** 31 || ((found.salt1 - noted.salt1) >>> 0) !== resets) return false;
  return resets > 0 || found.salt2 === noted.salt2;
}

/** Only page 1, identical to the database's page 1 but for the change counter and SQLite's version stamp (bytes 24–27, 92–99). */
function harmless(file: string, walFile: string, wal: WalInfo): boolean {
  if (!wal.pages.every((p) => p === 1)) return false;
  const dbPage = Buffer.alloc(wal.pageSize);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, dbPage, 0, wal.pageSize, 0);
  } finally {
    fs.closeSync(fd);
  }
  const masked = (b: Buffer) => {
    const c = Buffer.from(b);
    c.fill(0, 24, 28);
    c.fill(0, 92, 100);
    return c;
  };
  return wal.pages.every((_p, i) => masked(walFramePage(walFile, wal, i)).equals(masked(dbPage)));
}

/**
 * Copies the database (and its -wal and -journal, never the -shm, which SQLite
 * rebuilds) into a private folder and runs `check` on the copy. If the files
 * changed while being copied (another program writing), copies again.
 */
function withSnapshot(file: string, walPresent: boolean, check: (copy: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-open-check-'));
  try {
    const copy = path.join(dir, path.basename(file));
    const exts = ['', ...(walPresent ? ['-wal'] : []), ...(exists(`${file}-journal`) ? ['-journal'] : [])];
    for (let attempt = 0; ; attempt++) {
      const before = exts.map((e) => stamp(`${file}${e}`));
      for (const e of exts) fs.copyFileSync(`${file}${e}`, `${copy}${e}`);
      const after = exts.map((e) => stamp(`${file}${e}`));
      if (before.join() === after.join() || attempt >= 3) break;
    }
    check(copy);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The header fields SQLite fixes (fileformat2.html#the_database_header): anything else is damage, not a newer format NAP Monitor would write. */
function headerValid(h: DbHeader): boolean {
  const versions = [h.readVersion, h.writeVersion].every((v) => v === 1 || v === 2);
  const fractions = h.payloadFractions.join() === '64,32,32';
  // A file with an empty schema has 0 in both (SQLite sets them with the first table).
  const empty = h.schemaFormat === 0 && h.textEncoding === 0;
  const format = empty || (h.schemaFormat >= 1 && h.schemaFormat <= 4 && h.textEncoding >= 1 && h.textEncoding <= 3);
  return validPageSize(h.pageSize) && versions && fractions && format && h.reservedZero;
}

function checkIdentity(db: Db, file: string, registry: readonly Migration[], headerOurs: boolean): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const objects = schemaObjects(db);
  if (appId === 0 && version === 0 && objects.size === 0) {
    // An SQLite file with nothing in it holds no one's data; it is opened and filled like a new one.
    return;
  }
  if (appId !== APPLICATION_ID) {
    if (headerOurs || objects.has('table:action_plan') || objects.has('table:progress_entry')) {
      throw damaged(file, 'the mark that identifies it as a NAP Monitor database is damaged');
    }
    throw refusal('DB_FOREIGN', file, file, `${file} is not a NAP Monitor database: it belongs to another program (application_id ${appId}).`, 'Choose another data folder, or move this file away. The file was left as it is.');
  }
  const latest = registry.at(-1)?.version ?? 0;
  if (version > latest) {
    if (version > MAX_PLAUSIBLE_VERSION) throw damaged(file, `its version mark (${version}) is damaged`);
    throw refusal(
      'DB_NEWER',
      file,
      file,
      `${file} was written by a newer version of NAP Monitor (schema ${version}; this version knows up to ${latest}).`,
      'Install the newer version to open it; if no newer version was ever used here, the file is damaged: restore a backup. The file was left as it is.',
      { found: version, known: latest },
    );
  }
  if (version !== 0 && !registry.some((m) => m.version === version)) throw damaged(file, `its version mark (${version}) is none NAP Monitor ever wrote`);
  const missing = [...expectedObjects(registry, version)].filter((o) => !objects.has(o));
  if (missing.length > 0) throw damaged(file, `parts of its structure are missing (${missing.slice(0, 3).join(', ')})`);
}

function schemaObjects(db: Db): Set<string> {
  const rows = db.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").all() as { type: string; name: string }[];
  return new Set(rows.map((r) => `${r.type}:${r.name}`));
}

const expectedCache = new WeakMap<readonly Migration[], Map<number, Set<string>>>();

/** The tables, indexes, triggers and views the migrations up to `version` make (built once in memory). */
function expectedObjects(registry: readonly Migration[], version: number): Set<string> {
  let byVersion = expectedCache.get(registry);
  if (!byVersion) expectedCache.set(registry, (byVersion = new Map()));
  let set = byVersion.get(version);
  if (!set) {
    const mem = new Database(':memory:');
    try {
      registerRules(mem);
      for (const m of registry) if (m.version <= version) mem.exec(m.sql);
      set = schemaObjects(mem);
    } finally {
      mem.close();
    }
    byVersion.set(version, set);
  }
  return set;
}

/**
 * quick_check at every start; the full integrity_check (which also finds
 * index entries that do not match their rows) when the file is small enough
 * or the last session did not close cleanly, and then foreign_key_check too.
 */
function integrityCheck(db: Db, file: string, full: boolean, unclean: boolean): void {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
  const found = rows.map((r) => Object.values(r)[0]);
  if (found.length !== 1 || found[0] !== 'ok') throw damaged(file, 'its integrity check found damaged pages or indexes', found.slice(0, 5).join('; '));
  if (unclean) {
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw damaged(file, `${fk.length} of its rows point at rows that are not there`);
  }
}

/**
 * A database closed cleanly holds the seal of its content (db/seal.ts): the
 * content must still be the one sealed. SQLite has no checksum of a row, so a
 * byte flipped inside a text value passes integrity_check; this finds it,
 * also when the file came here without its session record.
 */
function checkSeal(db: Db, file: string): void {
  if (readSeal(db) !== null && !sealHolds(db)) {
    throw damaged(file, 'its content is no longer what it held when NAP Monitor last closed it (bytes inside it were changed: damage to the disk or a copy)');
  }
}

export function quickCheck(db: Db, file: string): void {
  integrityCheck(db, file, false, false);
}

/**
 * Applies the pending migrations in order, all in one transaction with the
 * user_version bump: a failing step leaves the database exactly as it was
 * before the first one (options.beforeMigrate runs first, once).
 */
export function migrate(db: Db, file: string, options: OpenOptions = {}): number {
  const registry = options.registry ?? migrations;
  const target = options.migrateTo ?? registry.at(-1)?.version ?? LATEST_VERSION;
  const from = db.pragma('user_version', { simple: true }) as number;
  const pending = registry.filter((m) => m.version > from && m.version <= target);
  const last = pending.at(-1);
  if (!last) return from;
  options.beforeMigrate?.(db, from, last.version);
  let step = pending[0]!;
  try {
    db.transaction(() => {
      for (const m of pending) {
        step = m;
        db.exec(m.sql);
      }
      db.pragma(`user_version = ${last.version}`);
    }).immediate();
  } catch (err) {
    throw new DatabaseOpenError(
      'DB_MIGRATION_FAILED',
      file,
      `Updating ${file} to schema ${step.version} (${step.name}) failed: ${(err as Error).message}. ` +
        `The database is unchanged at schema ${from}; nothing was deleted.`,
      { database: file, found: from, known: step.version, sqlite: (err as Error).message },
    );
  }
  return last.version;
}

function databaseBytes(db: Db): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refusal(code: DatabaseOpenCode, at: string, database: string, what: string, todo: string, extra: { found?: number; known?: number; sqlite?: string } = {}): DatabaseOpenError {
  return new DatabaseOpenError(code, at, `${what} ${todo}`, { database, ...extra });
}

function damaged(file: string, why: string, sqlite?: string): DatabaseOpenError {
  return refusal('DB_DAMAGED', file, file, `${file} is damaged: ${why}.`, 'Restore a backup. The file was left as it is.', sqlite ? { sqlite } : {});
}

/** SQLite's own errors in words a user can act on (its text kept in details for support). */
function asRefusal(err: unknown, file: string, headerOurs: boolean): unknown {
  if (err instanceof DatabaseOpenError) return err;
  if (err instanceof Database.SqliteError) {
    if (err.code === 'SQLITE_NOTADB' && !headerOurs) {
      return refusal('DB_FOREIGN', file, file, `${file} is not a NAP Monitor database, or its beginning is damaged.`, 'If this is where your data was, restore a backup; otherwise choose another data folder. The file was left as it is.', { sqlite: err.message });
    }
    if (err.code.startsWith('SQLITE_CORRUPT') || err.code === 'SQLITE_NOTADB' || err.code === 'SQLITE_FORMAT' || err.code === 'SQLITE_IOERR_SHORT_READ') {
      return damaged(file, 'SQLite cannot read parts of it', err.message);
    }
    return refusal('DB_UNREADABLE', file, file, `${file} could not be read (${err.code}).`, 'Check that the disk is connected and that you may read the folder, then start again. The file was left as it is.', { sqlite: err.message });
  }
  return err;
}

function readSession(file: string): SessionRecord | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(sessionFile(file), 'utf8')) as Partial<SessionRecord>;
    if (parsed.format !== 1 || (parsed.state !== 'open' && parsed.state !== 'closed')) return null;
    return parsed as SessionRecord;
  } catch {
    return null;
  }
}

/** Written to a temporary name, synced and renamed; if it cannot be written, none is left (the next start then trusts the -wal, as before this check). */
function writeSession(file: string, record: SessionRecord | null): void {
  const target = sessionFile(file);
  try {
    if (!record) {
      fs.rmSync(target, { force: true });
      return;
    }
    writeFileDurably(target, `${JSON.stringify(record, null, 2)}\n`, `${target}.tmp`);
  } catch (err) {
    fs.rmSync(target, { force: true });
    console.warn(`${target} could not be written: ${(err as Error).message}`);
  }
}

function lineageOf(wal: WalInfo): WalLineage {
  return { checkpointSeq: wal.checkpointSeq, salt1: wal.salt1, salt2: wal.salt2 };
}

function exists(p: string): boolean {
  return fs.existsSync(p);
}

function stamp(p: string): string {
  const s = fs.statSync(p);
  return `${s.size}:${s.mtimeMs}`;
}

function sha256(p: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
}
