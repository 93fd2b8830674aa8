/**
 * The seal of a clean close, kept inside the database file (app_setting,
 * key "seal"): a SHA-256 of the database's logical content, written by
 * closeDatabase after the last write and before the checkpoint, checked at
 * the next open and removed by that session's first write (so a session
 * killed half-way leaves no seal that would no longer match).
 *
 * Why: SQLite keeps no checksum of a row, so a byte flipped inside a text
 * value on a table page passes integrity_check and opens with other words. The
 * session record beside the file (its SHA-256) catches that, but not for a
 * database moved here alone or from an older version; the seal travels with
 * the file. It is over the content, not the pages, so a copy made with
 * VACUUM INTO or the backup API keeps a valid seal, and free or unused space
 * (harmless) does not count. Index pages are integrity_check's part (it
 * compares every index with its table). docs/decisions/0010-opening-safely.md.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

type Db = Database.Database;

export const SEAL_KEY = 'seal';

interface Seal {
  format: 1;
  sha256: string;
  at: string;
}

function hasSettings(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'app_setting'").get() !== undefined;
}

/**
 * SHA-256 over the schema (type, name, table and SQL of every object; not
 * the root pages, which VACUUM moves) and every row of every table in its key
 * order (rowid, or the primary key of a WITHOUT ROWID table), each row as
 * SQLite's quote() of its values (exact: it keeps the storage class, 1 is not
 * 1.0 nor '1', and a real's shortest exact decimal), built by SQLite so only
 * one string per row reaches JavaScript; the seal's own row left out.
 */
export function contentDigest(db: Db): string {
  const h = crypto.createHash('sha256');
  for (const row of db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').raw().iterate() as IterableIterator<unknown[]>) {
    h.update(`${JSON.stringify(row)}\n`);
  }
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    const columns = db.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').raw().all(table) as [string, number][];
    if (columns.length === 0) continue;
    const withoutRowid = db.prepare('SELECT wr FROM pragma_table_list WHERE schema = ? AND name = ?').pluck().get('main', table) === 1;
    const order = withoutRowid
      ? columns
          .filter(([, pk]) => pk > 0)
          .sort((a, b) => a[1] - b[1])
          .map(([c]) => ident(c))
          .join(', ')
      : 'rowid';
    const where = table === 'app_setting' ? `WHERE key <> '${SEAL_KEY}'` : '';
    const values = columns.map(([c]) => `quote(${ident(c)})`).join(" || ',' || ");
    h.update(`\u0000table ${table}\u0000`);
    let chunk = '';
    for (const line of db.prepare(`SELECT ${values} FROM ${ident(table)} ${where} ORDER BY ${order}`).pluck().iterate() as IterableIterator<string>) {
      chunk += `${line}\n`;
      if (chunk.length > 65_536) {
        h.update(chunk);
        chunk = '';
      }
    }
    h.update(chunk);
  }
  return h.digest('hex');
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The seal the database holds, or null (none, or no settings table). A value
 * under the key that is no format-1 seal is damage (it matches no content): a
 * later version that wants another kind of seal uses another key.
 */
export function readSeal(db: Db): Seal | null {
  if (!hasSettings(db)) return null;
  const raw = db.prepare('SELECT value FROM app_setting WHERE key = ?').pluck().get(SEAL_KEY) as string | undefined;
  if (raw === undefined) return null;
  try {
    const parsed = JSON.parse(raw) as { format?: unknown; sha256?: unknown };
    if (parsed.format === 1 && typeof parsed.sha256 === 'string' && /^[0-9a-f]{64}$/.test(parsed.sha256)) return parsed as Seal;
  } catch {
    // Not JSON any more: the seal itself is damaged.
  }
  // A damaged seal matches no content: the file is damaged.
  return { format: 1, sha256: '', at: '' };
}

/** Whether the database's content is the one its seal was written for (true when there is no seal). */
export function sealHolds(db: Db): boolean {
  const seal = readSeal(db);
  return seal === null || seal.sha256 === contentDigest(db);
}

/** Writes the seal of the content as it is now, in one transaction with computing it. */
export function writeSeal(db: Db, now = new Date()): void {
  if (!hasSettings(db)) return;
  db.transaction(() => {
    const seal: Seal = { format: 1, sha256: contentDigest(db), at: now.toISOString() };
    db.prepare('INSERT INTO app_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SEAL_KEY, JSON.stringify(seal));
  }).immediate();
}

/** Removes the seal: the session is about to change the content. */
export function clearSeal(db: Db): void {
  // Written only when there is one (after a clean close): no write at a start after a crash.
  if (!hasSettings(db) || db.prepare('SELECT 1 FROM app_setting WHERE key = ?').get(SEAL_KEY) === undefined) return;
  db.prepare('DELETE FROM app_setting WHERE key = ?').run(SEAL_KEY);
}
