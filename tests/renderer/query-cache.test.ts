/**
 * The renderer's query cache against the real dispatcher and a real SQLite
 * file: shared loads, late answers dropped, refetch on data:changed only for
 * what shows the changed kind of data and is on screen, and no request for
 * what already holds the change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../main/app-core';
import type { DataChange } from '../../contract/ipc';
import type { Result } from '../../contract/result';
import { REFETCH_DEBOUNCE_MS, clearQueries, fetchQuery, invalidate, observeQuery, queryData, setQueryData } from '../../renderer/src/stores/query';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';

function setUp() {
  const changes: DataChange[] = [];
  const app: AppCore = startAppCore({ dataDir: tempDir(), appVersion: '1', trustedOrigins: [ORIGIN], onDataChanged: (_c, change) => changes.push(change) });
  const calls: string[] = [];
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    calls.push(channel);
    const r = app.dispatcher(channel, payload, { url: `${ORIGIN}/index.html` }) as Result<T>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const periodId = app.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
  return { app, call, calls, changes, periodId };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => clearQueries());

describe('the query cache', () => {
  it('shares one request between two loads of a key, and keeps the answer', async () => {
    const { call, calls, periodId } = setUp();
    const fetcher = () => call<{ periodId: number }>('dashboard:get', { periodId });
    await Promise.all([fetchQuery('d', fetcher, { tags: ['entry'] }), fetchQuery('d', fetcher, { tags: ['entry'] })]);
    expect(calls).toEqual(['dashboard:get']);
    expect(queryData<{ periodId: number }>('d')?.periodId).toBe(periodId);
  });

  it('refetches on a change of a kind it shows while observed; marks it stale otherwise; ignores other kinds', async () => {
    const { app, call, calls, changes, periodId } = setUp();
    const fetcher = () => call('dashboard:get', { periodId });
    await fetchQuery('shown', fetcher, { tags: ['entry', 'report'] });
    await fetchQuery('hidden', fetcher, { tags: ['entry'] });
    await fetchQuery('settings-only', fetcher, { tags: ['settings'] });
    const stop = observeQuery('shown');
    calls.length = 0;
    // A real write: MOGEF sets the year's lock; the change says 'period'.
    app.dispatcher('setup:initialize', { role: 'coordinator', userName: '박조정' }, { url: `${ORIGIN}/index.html` });
    changes.length = 0;
    app.dispatcher('report:return', { bodyCode: 'MOFA', periodId, reason: 'x' }, { url: `${ORIGIN}/index.html` });
    expect(changes).toEqual([]); // refused (nothing submitted): no change, nothing to refetch
    app.dispatcher('period:setLocked', { periodId, locked: true }, { url: `${ORIGIN}/index.html` });
    expect(changes).toEqual([{ entities: ['period'] }]);
    invalidate(changes[0]!);
    await wait(REFETCH_DEBOUNCE_MS * 2);
    expect(calls).toEqual([]); // nobody shows 'period'
    invalidate({ entities: ['entry'] });
    invalidate({ entities: ['entry'] });
    await wait(REFETCH_DEBOUNCE_MS * 2);
    // One refetch for the burst, of the observed query only.
    expect(calls).toEqual(['dashboard:get']);
    stop();
    // The hidden one is stale: observing it loads it.
    calls.length = 0;
    const stopHidden = observeQuery('hidden');
    await wait(10);
    expect(calls).toEqual(['dashboard:get']);
    stopHidden();
    calls.length = 0;
    observeQuery('settings-only')();
    await wait(10);
    expect(calls).toEqual([]);
  });

  it('costs no request for a query that holds the change', async () => {
    const { call, calls, periodId } = setUp();
    const fetcher = () => call<{ periodId: number }>('dashboard:get', { periodId }).then(() => ({ revision: 3 }));
    await fetchQuery<{ revision: number }>('r', fetcher, { tags: ['entry'], holds: (data, change) => (change.entry?.revision ?? 0) <= data.revision });
    const stop = observeQuery('r');
    calls.length = 0;
    const key = { actionPlanId: 1, bodyCode: 'MOFA', periodId };
    invalidate({ entities: ['entry'], entry: { key, revision: 3 } });
    await wait(REFETCH_DEBOUNCE_MS * 2);
    expect(calls).toEqual([]);
    invalidate({ entities: ['entry'], entry: { key, revision: 4 } });
    await wait(REFETCH_DEBOUNCE_MS * 2);
    expect(calls).toEqual(['dashboard:get']);
    stop();
  });

  it('drops a load\u2019s late answer once a write\u2019s answer was put', async () => {
    const { call, periodId } = setUp();
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow = fetchQuery('late', () => gate.then(() => call('dashboard:get', { periodId })).then(() => 'old'), { tags: ['entry'] });
    setQueryData('late', 'from the write');
    release();
    await slow;
    expect(queryData('late')).toBe('from the write');
  });

  it('forgets everything when the installation changes', async () => {
    const { call, periodId } = setUp();
    await fetchQuery('x', () => call('dashboard:get', { periodId }), { tags: ['entry'] });
    invalidate({ entities: ['installation'] });
    expect(queryData('x')).toBeNull();
  });
});
