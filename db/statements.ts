/**
 * Prepared statements kept per database, for the paths that run a statement
 * thousands of times in one transaction (an import's rows, the change log):
 * better-sqlite3 compiles a statement on every prepare(). A statement is kept
 * by its text; one that is plucked is always plucked (pluck() sets a mode on
 * the statement), so each text is used in one mode only.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function cached(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
