/** Errors of opening or migrating a database, with a message a user can act on. */
export type DatabaseProblem = 'NOT_OURS' | 'TOO_NEW' | 'CORRUPT' | 'MIGRATION_FAILED';

export class DatabaseOpenError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}
