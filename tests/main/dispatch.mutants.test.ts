/**
 * The dispatcher's answers, word for word, as mutation testing asks
 * (docs/mutation-testing.md): which origin is trusted, each refusal's code,
 * message and details, the bounds of an error answer, which SQLite answers
 * mean "not now", and when data:changed is sent. The "not now" errors are
 * SQLite's own, from a real database file.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../contract/result';
import { boundedError, clip, createDispatcher, originOf, type DispatcherOptions } from '../../main/dispatch';
import type { Handlers } from '../../main/handlers';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function dispatcherOf(handlers: Record<string, (req: unknown) => unknown>, options: Partial<DispatcherOptions> = {}) {
  return createDispatcher(handlers as unknown as Handlers, { trustedOrigins: [ORIGIN], log: () => {}, ...options });
}

/** The SQLite error a real write raises on a database file in the given state. */
function sqliteError(state: 'busy' | 'read_only'): unknown {
  const file = path.join(tempDir(), 'x.sqlite');
  const setUp = new Database(file);
  setUp.exec('CREATE TABLE t (x)');
  setUp.close();
  const db = new Database(file, state === 'read_only' ? { readonly: true } : {});
  const other = new Database(file);
  try {
    if (state === 'busy') {
      other.exec('BEGIN IMMEDIATE');
      db.pragma('busy_timeout = 0');
    }
    db.exec('INSERT INTO t VALUES (1)');
  } catch (err) {
    return err;
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    db.close();
  }
  throw new Error('no error');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('clip', () => {
  it('keeps a text of the longest length as it is, and cuts a longer one with an ellipsis', () => {
    expect(clip('abcd', 4)).toBe('abcd');
    expect(clip('abcde', 4)).toBe('abc\u2026');
    expect(clip('', 0)).toBe('');
  });

  it('never ends in half a UTF-16 pair, and keeps a whole pair before the cut', () => {
    expect(clip('ab\u{1F600}cd', 4)).toBe('ab\u2026');
    expect(clip('a\u{1F600}bcdef', 5)).toBe('a\u{1F600}b\u2026');
  });
});

describe('the origin of a frame', () => {
  it('is the scheme and host, port included', () => {
    expect(originOf('app://nap-monitor/index.html')).toBe('app://nap-monitor');
    expect(originOf('https://a.example:8443/x?y#z')).toBe('https://a.example:8443');
  });

  it('is none for no URL or one that does not parse', () => {
    expect(originOf(undefined)).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf(42 as never)).toBeNull();
    // Not even something that would print as a trusted URL.
    expect(originOf({ toString: () => `${ORIGIN}/index.html` } as never)).toBeNull();
  });
});

describe('an error answer', () => {
  it('has no details when there are none, and only the parts a detail has', () => {
    expect(boundedError('CONFLICT', 'm')).toStrictEqual({ ok: false, error: { code: 'CONFLICT', message: 'm' } });
    expect(boundedError('CONFLICT', 'm', [])).toStrictEqual({ ok: false, error: { code: 'CONFLICT', message: 'm' } });
    expect(boundedError('BAD_REQUEST', 'm', [{ path: 'a' }, { hint: 'h' }, { path: 'b', hint: 'i' }, {}])).toStrictEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'm', details: [{ path: 'a' }, { hint: 'h' }, { path: 'b', hint: 'i' }, {}] },
    });
  });

  it('keeps at most ERROR_LIMITS.details details, the first ones', () => {
    const details = Array.from({ length: 25 }, (_, i) => ({ path: `p${i}` }));
    expect(boundedError('BAD_REQUEST', 'm', details).error.details).toStrictEqual(details.slice(0, 20));
  });

  it('prints what is not a text, and says so when it cannot be printed', () => {
    const unprintable = { toString: () => { throw new Error('no'); } };
    expect(boundedError('BAD_REQUEST', 'm', [{ path: 12 as never, hint: unprintable as never }])).toStrictEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'm', details: [{ path: '12', hint: '(unprintable)' }] },
    });
    expect(boundedError('INTERNAL', unprintable as never).error.message).toBe('(unprintable)');
  });
});

describe('a request refused before its handler', () => {
  const d = dispatcherOf({ 'app:info': () => ({ version: '1' }) });

  it('names the untrusted frame, or says it had no URL', () => {
    expect(d('app:info', {}, { url: 'https://evil.example/x' })).toStrictEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Request from an untrusted frame (https://evil.example/x) was refused.' },
    });
    expect(d('app:info', {}, { url: undefined })).toStrictEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Request from an untrusted frame (no URL) was refused.' },
    });
    expect(d('app:info', {}, { url: 42 as never })).toMatchObject({ error: { message: 'Request from an untrusted frame (no URL) was refused.' } });
    // Trusted: the origin, whatever the page.
    expect(d('app:info', {}, { url: `${ORIGIN}/other.html` })).toEqual({ ok: true, value: { version: '1' } });
  });

  it('names the unknown channel, clipped, or says it could not be printed', () => {
    expect(d('plan:drop', {}, OWN)).toStrictEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'There is no channel plan:drop.' } });
    expect(d(`x${'y'.repeat(200)}`, {}, OWN)).toStrictEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel x${'y'.repeat(78)}\u2026.` },
    });
    const unprintable = { toString: () => { throw new Error('no'); } };
    expect(d(unprintable, {}, OWN)).toStrictEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'There is no channel (unprintable).' } });
  });

  it('takes no payload as an empty one', () => {
    expect(d('app:info', undefined, OWN)).toEqual({ ok: true, value: { version: '1' } });
    expect(d('app:info', null, OWN)).toEqual({ ok: true, value: { version: '1' } });
  });

  it('says which fields are wrong, and names the request itself when it is not an object', () => {
    const p = dispatcherOf({});
    const nested = p('progress:entry', { key: { actionPlanId: 'one', bodyCode: 'MOFA', periodId: 1 } }, OWN) as { ok: false; error: { code: string; message: string; details: { path: string; hint: string }[] } };
    expect([nested.error.code, nested.error.message, nested.error.details.map((x) => x.path)]).toEqual([
      'BAD_REQUEST',
      'The request to progress:entry is not valid.',
      ['key.actionPlanId'],
    ]);
    expect(nested.error.details[0]!.hint).toMatch(/number/i);
    const whole = p('plan:outline', 5, OWN) as { ok: false; error: { details: { path: string }[] } };
    expect(whole.error.details.map((x) => x.path)).toEqual(['(request)']);
  });

  it('says the request could not be read when reading it throws', () => {
    const getter = Object.defineProperty({}, 'planId', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(dispatcherOf({})('plan:outline', getter, OWN)).toStrictEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'The request to plan:outline could not be read.' },
    });
  });
});

describe('what a handler answers', () => {
  it('passes a refusal on with its code, message and details', () => {
    const d = dispatcherOf({
      'plan:list': () => {
        throw new DomainError('NOT_FOUND', 'There is no plan 9.', [{ path: 'planId' }]);
      },
    });
    expect(d('plan:list', {}, OWN)).toStrictEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no plan 9.', details: [{ path: 'planId' }] } });
  });

  it('answers "not now" for a database another program holds, or a read-only one, and logs neither', () => {
    const logged: string[] = [];
    for (const [state, why] of [
      ['busy', 'another program is using the database'],
      ['read_only', 'the database or its folder is read-only'],
    ] as const) {
      const err = sqliteError(state);
      const d = dispatcherOf({ 'settings:setLanguage': () => { throw err; } }, { log: (m) => logged.push(m) });
      expect(d('settings:setLanguage', { language: 'en' }, OWN), state).toStrictEqual({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: `settings:setLanguage could not be saved now: ${why}. Nothing was changed; it can be tried again.`,
          details: [{ path: 'database', hint: state }],
        },
      });
    }
    expect(logged).toEqual([]);
  });

  it('answers "not now" for each of SQLite\u2019s codes that mean it, extended codes included', () => {
    const cases = [
      ['SQLITE_BUSY_SNAPSHOT', 'busy'],
      ['SQLITE_LOCKED', 'busy'],
      ['SQLITE_LOCKED_SHAREDCACHE', 'busy'],
      ['SQLITE_FULL', 'disk_full'],
      ['SQLITE_READONLY_DIRECTORY', 'read_only'],
      ['SQLITE_IOERR_WRITE', 'io'],
      ['SQLITE_CANTOPEN', 'io'],
      ['SQLITE_CANTOPEN_ISDIR', 'io'],
    ] as const;
    const whys = {
      busy: 'another program is using the database',
      disk_full: 'the disk is full',
      read_only: 'the database or its folder is read-only',
      io: 'the disk could not be read or written',
    };
    for (const [code, hint] of cases) {
      const d = dispatcherOf({ 'app:info': () => { throw new Database.SqliteError('x', code); } });
      expect(d('app:info', {}, OWN), code).toStrictEqual({
        ok: false,
        error: { code: 'UNAVAILABLE', message: `app:info could not be saved now: ${whys[hint]}. Nothing was changed; it can be tried again.`, details: [{ path: 'database', hint }] },
      });
    }
  });

  it('keeps other SQLite errors and everything else INTERNAL, logged with the channel', () => {
    const logged: [string, unknown][] = [];
    const thrown: unknown[] = [
      new Database.SqliteError('UNIQUE constraint failed: t.x', 'SQLITE_CONSTRAINT_UNIQUE'),
      Object.assign(new Error('odd'), { code: 'ENOENT' }),
      Object.assign(new Error('numbered'), { code: 5 }),
      'a text',
      null,
      42,
    ];
    let i = 0;
    const d = dispatcherOf({ 'app:info': () => { throw thrown[i]; } }, { log: (m, e) => logged.push([m, e]) });
    const messages: string[] = [];
    for (i = 0; i < thrown.length; i++) {
      const r = d('app:info', {}, OWN) as { ok: false; error: { code: string; message: string; details?: unknown } };
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.details).toBeUndefined();
      messages.push(r.error.message);
    }
    expect(messages).toEqual([
      'NAP Monitor could not complete app:info: UNIQUE constraint failed: t.x',
      'NAP Monitor could not complete app:info: odd',
      'NAP Monitor could not complete app:info: numbered',
      'NAP Monitor could not complete app:info: a text',
      'NAP Monitor could not complete app:info: null',
      'NAP Monitor could not complete app:info: 42',
    ]);
    expect(logged.map(([m]) => m)).toEqual(Array(thrown.length).fill('Handler app:info failed'));
    expect(logged.map(([, e]) => e)).toEqual(thrown);
  });

  it('clips the reason of an unexpected error to 160 units', () => {
    const d = dispatcherOf({ 'app:info': () => { throw new Error('z'.repeat(1000)); } });
    const r = d('app:info', {}, OWN) as { ok: false; error: { message: string } };
    expect(r.error.message).toBe(`NAP Monitor could not complete app:info: ${'z'.repeat(159)}\u2026`);
  });

  it('logs to the console when no log is given', () => {
    const seen: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      seen.push(args);
    });
    const err = new Error('boom');
    const d = createDispatcher({ 'app:info': () => { throw err; } } as unknown as Handlers, { trustedOrigins: [ORIGIN] });
    expect(d('app:info', {}, OWN)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(seen).toEqual([['Handler app:info failed', err]]);
  });

  it('still answers when the error itself cannot be read', () => {
    const monster = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } });
    const d = dispatcherOf({ 'app:info': () => { throw monster; } });
    expect(d('app:info', {}, OWN)).toStrictEqual({ ok: false, error: { code: 'INTERNAL', message: 'NAP Monitor could not complete the request.' } });
  });
});

describe('data:changed', () => {
  it('is sent once after a writing channel, with its answer, and never after a reading one or a refusal', () => {
    const sent: [string, unknown][] = [];
    const d = dispatcherOf(
      {
        'settings:setLanguage': (req) => ({ language: (req as { language: string }).language }),
        'settings:get': () => ({ language: 'ko' }),
        'plan:list': () => {
          throw new DomainError('FORBIDDEN', 'no');
        },
      },
      { onDataChanged: (channel, value) => sent.push([channel, value]) },
    );
    expect(d('settings:get', {}, OWN)).toEqual({ ok: true, value: { language: 'ko' } });
    expect(d('settings:setLanguage', { language: 'en' }, OWN)).toEqual({ ok: true, value: { language: 'en' } });
    expect(d('plan:list', {}, OWN)).toMatchObject({ ok: false });
    expect(d('settings:setLanguage', { language: 'fr' }, OWN)).toMatchObject({ ok: false });
    expect(sent).toEqual([['settings:setLanguage', { language: 'en' }]]);
  });

  it('is optional: a writing channel answers without a listener, and nothing is logged', () => {
    const logged: string[] = [];
    const d = dispatcherOf({ 'settings:setLanguage': () => ({ language: 'en' }) }, { log: (m) => logged.push(m) });
    expect(d('settings:setLanguage', { language: 'en' }, OWN)).toEqual({ ok: true, value: { language: 'en' } });
    expect(logged).toEqual([]);
  });

  it('a failing listener is logged with the channel and the error, and the write still answers ok', () => {
    const logged: [string, unknown][] = [];
    const err = new Error('listener');
    const d = dispatcherOf(
      { 'settings:setLanguage': () => ({ language: 'en' }) },
      { onDataChanged: () => { throw err; }, log: (m, e) => logged.push([m, e]) },
    );
    expect(d('settings:setLanguage', { language: 'en' }, OWN)).toEqual({ ok: true, value: { language: 'en' } });
    expect(logged).toEqual([['data:changed after settings:setLanguage failed', err]]);
  });
});
