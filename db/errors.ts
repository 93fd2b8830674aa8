/** Errors of opening or migrating a database, with a message a user can act on. */
export type DatabaseProblem = 'NOT_OURS' | 'TOO_NEW' | 'CORRUPT' | 'MIGRATION_FAILED';

/**
 * What exactly was refused at start (docs/decisions/0010-opening-safely.md);
 * main/startup-error.ts words each in Korean and English. Every refusal
 * leaves the files as they were.
 */
export type DatabaseOpenCode =
  /** Not readable as our database: damaged header, pages, schema or index. */
  | 'DB_DAMAGED'
  /** Another program's file (or not a database at all). */
  | 'DB_FOREIGN'
  /** Written by a newer version of NAP Monitor. */
  | 'DB_NEWER'
  /** The database file is empty (0 bytes) or too short to hold a header. */
  | 'DB_EMPTY'
  /** A -wal (journal of recent changes) with no database file beside it. */
  | 'DB_WAL_WITHOUT_DB'
  /** A -wal that does not belong to this database (copied from another copy). */
  | 'DB_WAL_FOREIGN'
  /** The file NAP Monitor closed last time was changed or replaced since. */
  | 'DB_CHANGED_OUTSIDE'
  /** The file could not be read at all (permissions, a vanished disk). */
  | 'DB_UNREADABLE'
  | 'DB_MIGRATION_FAILED';

const PROBLEM: Record<DatabaseOpenCode, DatabaseProblem> = {
  DB_DAMAGED: 'CORRUPT',
  DB_FOREIGN: 'NOT_OURS',
  DB_NEWER: 'TOO_NEW',
  DB_EMPTY: 'CORRUPT',
  DB_WAL_WITHOUT_DB: 'CORRUPT',
  DB_WAL_FOREIGN: 'CORRUPT',
  DB_CHANGED_OUTSIDE: 'CORRUPT',
  DB_UNREADABLE: 'CORRUPT',
  DB_MIGRATION_FAILED: 'MIGRATION_FAILED',
};

export interface DatabaseOpenDetails {
  /** The database file (nap-monitor.sqlite). */
  database: string;
  /** Schema versions, when they matter (DB_NEWER, DB_MIGRATION_FAILED). */
  found?: number;
  known?: number;
  /** SQLite's own words, for logs and support only: never shown alone. */
  sqlite?: string;
}

export class DatabaseOpenError extends Error {
  /** The older, coarser kind (kept for callers that switch on it). */
  readonly problem: DatabaseProblem;
  constructor(
    readonly code: DatabaseOpenCode,
    /** The file at fault: the database, or its -wal. */
    readonly file: string,
    message: string,
    readonly details: DatabaseOpenDetails = { database: file },
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
    this.problem = PROBLEM[code];
  }
}
