/**
 * The one place a request from the renderer enters main: it checks the
 * sender, the channel and the payload against contract/ipc.ts, calls the
 * handler, and answers with a Result. Electron's ipcMain wrapper and the
 * end-to-end bridge both call this; it does not import electron.
 */
import { MUTATING_CHANNELS, channels, isChannel, type Channel } from '../contract/ipc';
import { DomainError, fail, ok, type Result } from '../contract/result';
import type { Handlers } from './handlers';

export interface Sender {
  /** URL of the frame that sent the request. */
  url: string | undefined;
}

export type Dispatcher = (channel: unknown, payload: unknown, sender: Sender) => Result<unknown>;

export interface DispatcherOptions {
  trustedOrigins: readonly string[];
  /** Called after a channel that changes data succeeded (main then tells the renderer). */
  onDataChanged?: (channel: Channel) => void;
  /** Where unexpected errors are reported (defaults to console.error). */
  log?: (message: string, err: unknown) => void;
}

export function originOf(url: string | undefined): string | null {
  if (!url) return null;
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
  return (channel, payload, sender) => {
    const origin = originOf(sender.url);
    if (origin === null || !trusted.has(origin)) {
      return fail('FORBIDDEN', `Request from an untrusted frame (${sender.url ?? 'no URL'}) was refused.`);
    }
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', `There is no channel ${String(channel)}.`);
    const parsed = channels[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      return fail(
        'BAD_REQUEST',
        `The request to ${channel} is not valid.`,
        parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(request)', hint: i.message })),
      );
    }
    try {
      const handler = handlers[channel] as (req: unknown) => unknown;
      const value = handler(parsed.data);
      if (MUTATING_CHANNELS.has(channel)) options.onDataChanged?.(channel);
      return ok(value);
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
      log(`Handler ${channel as Channel} failed`, err);
      return fail('INTERNAL', `NAP Monitor could not complete ${channel}: ${(err as Error)?.message ?? String(err)}`);
    }
  };
}
