/**
 * Opening the application's SQLite database: pragmas, identity check,
 * migrations. Plain Node: no electron here.
 */
import Database from 'better-sqlite3';
import { DatabaseOpenError } from './errors';
import { LATEST_VERSION, migrations, type Migration } from './migrations';
import { isFilled } from '../contract/rules';

export type Db = Database.Database;

/** PRAGMA application_id: "NAPM" in ASCII, marks the file as ours. */
export const APPLICATION_ID = 0x4e41504d;

export interface OpenOptions {
  /** Run PRAGMA quick_check after opening (on by default). */
  quickCheck?: boolean;
  /** Migrate only up to this version (tests of a single migration). */
  migrateTo?: number;
  /** The migration registry (tests). */
  registry?: readonly Migration[];
  /** Path of better-sqlite3's native addon built for Electron (development runs; see scripts/electron-native.mjs). */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the database file, sets the pragmas the
 * application relies on and brings the schema up to date. Refuses a file that
 * is not ours, or that a newer version of the application wrote.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    configure(db);
    checkIdentity(db, file, options.registry ?? migrations);
    if (options.quickCheck !== false) quickCheck(db, file);
    migrate(db, file, options);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
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

function checkIdentity(db: Db, file: string, registry: readonly Migration[]): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (appId === 0 && version === 0 && tables === 0) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    return;
  }
  if (appId !== APPLICATION_ID) {
    throw new DatabaseOpenError(
      'NOT_OURS',
      file,
      `${file} is not a NAP Monitor database (application_id ${appId}). Choose another data folder, or move this file away.`,
    );
  }
  const latest = registry.at(-1)?.version ?? 0;
  if (version > latest) {
    throw new DatabaseOpenError(
      'TOO_NEW',
      file,
      `${file} was written by a newer version of NAP Monitor (schema ${version}; this version knows up to ${latest}). ` +
        'Install the newer version to open it. The file was not changed.',
    );
  }
}

export function quickCheck(db: Db, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') {
    throw new DatabaseOpenError(
      'CORRUPT',
      file,
      `${file} failed its integrity check: ${rows.map((r) => r.quick_check).slice(0, 5).join('; ')}. ` +
        'Restore it from a backup; the file was not changed.',
    );
  }
}

/**
 * Applies the pending migrations in order, each in its own transaction
 * together with its user_version bump: a failing migration leaves the
 * database exactly at the previous version.
 */
export function migrate(db: Db, file: string, options: OpenOptions = {}): number {
  const registry = options.registry ?? migrations;
  const target = options.migrateTo ?? registry.at(-1)?.version ?? LATEST_VERSION;
  let current = db.pragma('user_version', { simple: true }) as number;
  for (const m of registry) {
    if (m.version <= current || m.version > target) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (err) {
      throw new DatabaseOpenError(
        'MIGRATION_FAILED',
        file,
        `Updating ${file} to schema ${m.version} (${m.name}) failed: ${(err as Error).message}. ` +
          `The database is unchanged at schema ${current}; nothing was deleted.`,
      );
    }
    current = m.version;
  }
  return current;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
