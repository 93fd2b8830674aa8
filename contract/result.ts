/**
 * What every IPC call returns. An Error thrown across ipcRenderer.invoke
 * loses its type and details, so main answers with a value instead.
 */
export type ErrorCode =
  | 'BAD_REQUEST' // the payload does not match the channel's schema
  | 'UNKNOWN_CHANNEL'
  | 'FORBIDDEN' // the sender is not our own window, or lacks the permission
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAVAILABLE' // the database cannot be written now (busy, disk full, read-only): nothing changed; try again
  | 'INTERNAL';

export interface AppError {
  code: ErrorCode;
  /** English, for logs and as a fallback; the renderer shows a translated text by code. */
  message: string;
  /** Where the problem is: field paths, file, sheet, cell. */
  details?: { path?: string; hint?: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: AppError['details']): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** An error a handler throws on purpose; the dispatcher turns it into a failed Result. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppError['details'],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
