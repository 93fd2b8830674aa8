/**
 * The one place a request from the renderer enters main: it checks the
 * sender, the channel and the payload against contract/ipc.ts, calls the
 * handler, and answers with a Result. Electron's ipcMain wrapper and the
 * end-to-end bridge both call this; it does not import electron.
 *
 * Whatever arrives (a Proxy, a getter that throws, a megabyte of keys), the
 * dispatcher answers and never throws, and its error answers are bounded:
 * they never echo unbounded input back.
 */
import { MUTATING_CHANNELS, channels, isChannel, type Channel } from '../contract/ipc';
import { DomainError, ok, type AppError, type ErrorCode, type Result } from '../contract/result';
import type { Handlers } from './handlers';

export interface Sender {
  /** URL of the frame that sent the request. */
  url: string | undefined;
}

export type Dispatcher = (channel: unknown, payload: unknown, sender: Sender) => Result<unknown>;

export interface DispatcherOptions {
  trustedOrigins: readonly string[];
  /** Called after a channel that changes data succeeded, with its answer (main then tells the renderer). */
  onDataChanged?: (channel: Channel, value: unknown) => void;
  /** Where unexpected errors are reported (defaults to console.error). */
  log?: (message: string, err: unknown) => void;
}

/** Bounds of an error answer: a message, each detail's path and hint, and how many details. */
export const ERROR_LIMITS = { message: 300, text: 200, details: 20 } as const;

/** At most max UTF-16 units, never ending in half a pair, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}\u2026`;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(value);
  } catch {
    return '(unprintable)';
  }
}

/** An error answer within ERROR_LIMITS, whatever it was built from. */
export function boundedError(code: ErrorCode, message: string, details?: AppError['details']): { ok: false; error: AppError } {
  const error: AppError = { code, message: clip(safeString(message), ERROR_LIMITS.message) };
  if (details && details.length > 0) {
    error.details = details.slice(0, ERROR_LIMITS.details).map((d) => ({
      ...(d.path !== undefined ? { path: clip(safeString(d.path), ERROR_LIMITS.text) } : {}),
      ...(d.hint !== undefined ? { hint: clip(safeString(d.hint), ERROR_LIMITS.text) } : {}),
    }));
  }
  return { ok: false, error };
}

export function originOf(url: string | undefined): string | null {
  if (!url || typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    // Custom schemes have an opaque origin ("null"); compare scheme and host.
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatcher {
  const trusted = new Set(options.trustedOrigins);
  const log = options.log ?? ((m, e) => console.error(m, e));
  const dispatch: Dispatcher = (channel, payload, sender) => {
    let name: Channel | null = null;
    try {
      let url: unknown;
      try {
        url = sender?.url;
      } catch {
        url = undefined;
      }
      const origin = originOf(typeof url === 'string' ? url : undefined);
      if (origin === null || !trusted.has(origin)) {
        return boundedError('FORBIDDEN', `Request from an untrusted frame (${typeof url === 'string' ? url : 'no URL'}) was refused.`);
      }
      if (!isChannel(channel)) {
        return boundedError('UNKNOWN_CHANNEL', `There is no channel ${clip(safeString(channel), 80)}.`);
      }
      name = channel;
      let parsed: ReturnType<(typeof channels)[Channel]['request']['safeParse']>;
      try {
        parsed = channels[channel].request.safeParse(payload ?? {});
      } catch {
        // A getter or a Proxy trap threw while the schema read the payload.
        return boundedError('BAD_REQUEST', `The request to ${channel} could not be read.`);
      }
      if (!parsed.success) {
        return boundedError(
          'BAD_REQUEST',
          `The request to ${channel} is not valid.`,
          parsed.error.issues.slice(0, ERROR_LIMITS.details).map((i) => ({ path: i.path.map(safeString).join('.') || '(request)', hint: i.message })),
        );
      }
      const handler = handlers[channel] as (req: unknown) => unknown;
      const value = handler(parsed.data);
      if (MUTATING_CHANNELS.has(channel)) {
        // The change is made: a failing listener must not turn it into an error answer.
        try {
          options.onDataChanged?.(channel, value);
        } catch (err) {
          log(`data:changed after ${channel} failed`, err);
        }
      }
      return ok(value);
    } catch (err) {
      if (err instanceof DomainError) return boundedError(err.code, err.message, err.details);
      const unavailable = unavailableOf(err);
      if (unavailable) {
        return boundedError('UNAVAILABLE', `${name ?? 'The request'} could not be saved now: ${unavailable.why}. Nothing was changed; it can be tried again.`, [
          { path: 'database', hint: unavailable.hint },
        ]);
      }
      log(`Handler ${name ?? '(before the channel was known)'} failed`, err);
      const why = err instanceof Error ? err.message : safeString(err);
      return boundedError('INTERNAL', `NAP Monitor could not complete ${name ?? 'the request'}: ${clip(why, 160)}`);
    }
  };
  return (channel, payload, sender) => {
    try {
      return dispatch(channel, payload, sender);
    } catch {
      // Only if reading the error itself threw (a Proxy thrown as an error): still an answer, never a throw.
      return boundedError('INTERNAL', 'NAP Monitor could not complete the request.');
    }
  };
}

/**
 * SQLite's answers that mean "not now" rather than "wrong": another program
 * holds the database, the disk is full, the folder or file is read-only, the
 * disk failed to read or write. The transaction was rolled back.
 */
function unavailableOf(err: unknown): { hint: 'busy' | 'disk_full' | 'read_only' | 'io'; why: string } | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { hint: 'busy', why: 'another program is using the database' };
  if (code.startsWith('SQLITE_FULL')) return { hint: 'disk_full', why: 'the disk is full' };
  if (code.startsWith('SQLITE_READONLY')) return { hint: 'read_only', why: 'the database or its folder is read-only' };
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return { hint: 'io', why: 'the disk could not be read or written' };
  return null;
}
