/**
 * The renderer's one way of loading what main computes: a small query cache
 * (in the manner of TanStack Query, kept to what this application needs).
 * Each query has a key (the request it stands for), a fetcher and the kinds
 * of data it shows (tags). A load for a key already shown keeps the old data
 * on screen while the new answer comes; a late answer for a load no longer
 * wanted is dropped; two loads of the same key share one request.
 *
 * main's data:changed says which kinds of data a write changed (and, for an
 * entry, which entry and its new revision). The cache then refetches the
 * queries that show that kind of data and are on screen, once per burst, and
 * marks the others stale for their next use. A query patched from the write's
 * own answer says so (holds), and costs no request.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { DataChange, DataEntity } from '../../../contract/ipc';
import { toApiError, type ApiError } from '../api';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Marked by a change: refetched at its next use. */
  stale: boolean;
  /** performance.now() when `data` arrived (the render-time instrumentation). */
  receivedAt: number;
}

export interface QueryOptions<T, A = T> {
  /** The kinds of data the answer shows. */
  tags: readonly DataEntity[];
  /** Turns main's answer into what the view shows (a packed matrix unpacked), after receivedAt is taken. */
  decode?: (answer: A) => T;
  /** True if `data` already holds the change (patched from the write's answer): no refetch. */
  holds?: (data: T, change: DataChange) => boolean;
}

interface Query<T, A = unknown> {
  state: QueryState<T>;
  fetcher: () => Promise<A>;
  options: QueryOptions<T, A>;
  seq: number;
  inFlight: Promise<void> | null;
  observers: number;
  listeners: Set<() => void>;
}

const EMPTY: QueryState<never> = { data: null, error: null, loading: false, stale: false, receivedAt: 0 };
/** A burst of changes (autosave while typing) refetches once. */
export const REFETCH_DEBOUNCE_MS = 120;

const queries = new Map<string, Query<unknown>>();
const refetchTimers = new Map<string, ReturnType<typeof setTimeout>>();

function queryOf<T, A>(key: string, fetcher: () => Promise<A>, options: QueryOptions<T, A>): Query<T, A> {
  let q = queries.get(key) as Query<T, A> | undefined;
  if (!q) {
    q = { state: EMPTY, fetcher, options, seq: 0, inFlight: null, observers: 0, listeners: new Set() };
    queries.set(key, q as unknown as Query<unknown>);
  } else {
    q.fetcher = fetcher;
    q.options = options;
  }
  return q;
}

function write<T, A>(q: Query<T, A>, patch: Partial<QueryState<T>>): void {
  q.state = { ...q.state, ...patch };
  for (const l of q.listeners) l();
}

/** Options of a query whose answer is what it shows (no decode). */
export type PlainOptions<A> = QueryOptions<A, A> & { decode?: undefined };

/** Loads a query now (sharing a load already under way); resolves when it answered or failed. */
export function fetchQuery<A>(key: string, fetcher: () => Promise<A>, options: PlainOptions<A>): Promise<void>;
export function fetchQuery<T, A>(key: string, fetcher: () => Promise<A>, options: QueryOptions<T, A>): Promise<void>;
export function fetchQuery<T, A>(key: string, fetcher: () => Promise<A>, options: QueryOptions<T, A>): Promise<void> {
  const q = queryOf(key, fetcher, options);
  if (q.inFlight) return q.inFlight;
  const seq = ++q.seq;
  write(q, { loading: true, error: null });
  const started = q
    .fetcher()
    .then(
      (answer) => {
        if (q.seq !== seq) return;
        const receivedAt = performance.now();
        const data = q.options.decode ? q.options.decode(answer) : (answer as unknown as T);
        write(q, { data, error: null, loading: false, stale: false, receivedAt });
      },
      (err: unknown) => {
        if (q.seq !== seq) return;
        write(q, { error: toApiError(err), loading: false });
      },
    )
    .finally(() => {
      if (q.inFlight === started) q.inFlight = null;
    });
  q.inFlight = started;
  return started;
}

/** What the cache holds for a key (null: never loaded). */
export function queryData<T>(key: string): T | null {
  return (queries.get(key)?.state.data as T | undefined) ?? null;
}

/** Puts an answer main gave to a write (it is what a refetch would bring). */
export function setQueryData<T>(key: string, update: T | ((data: T | null) => T | null)): void {
  const q = queries.get(key) as Query<T> | undefined;
  if (!q) return;
  const data = typeof update === 'function' ? (update as (d: T | null) => T | null)(q.state.data) : update;
  // A load under way would bring older data: it no longer counts.
  q.seq += 1;
  q.inFlight = null;
  write(q, { data, error: null, loading: false, stale: false, receivedAt: performance.now() });
}

/** Every query whose key starts with the prefix, for patching after a write. */
export function queryKeys(prefix: string): string[] {
  return [...queries.keys()].filter((k) => k.startsWith(prefix));
}

/** main changed data: refetch what shows it and is on screen; mark the rest stale. */
export function invalidate(change: DataChange): void {
  if (change.entities.includes('installation')) {
    // Another identity: nothing cached is this installation's any more.
    for (const [key, q] of queries) {
      q.seq += 1;
      q.inFlight = null;
      write(q, { ...EMPTY });
      if (q.observers > 0) scheduleRefetch(key);
    }
    return;
  }
  for (const [key, q] of queries) {
    if (!q.options.tags.some((t) => change.entities.includes(t))) continue;
    if (q.state.data !== null && q.options.holds?.(q.state.data, change)) continue;
    write(q, { stale: true });
    if (q.observers > 0) scheduleRefetch(key);
  }
}

function scheduleRefetch(key: string): void {
  clearTimeout(refetchTimers.get(key));
  refetchTimers.set(
    key,
    setTimeout(() => {
      refetchTimers.delete(key);
      const q = queries.get(key);
      if (q && q.observers > 0) void fetchQuery(key, q.fetcher, q.options);
    }, REFETCH_DEBOUNCE_MS),
  );
}

/** Forgets every query (tests; a new installation identity). */
export function clearQueries(): void {
  for (const t of refetchTimers.values()) clearTimeout(t);
  refetchTimers.clear();
  queries.clear();
}

/** A view shows the query: load it if it has nothing yet or went stale; refetched on changes until unobserved. */
export function observeQuery(key: string): () => void {
  const q = queries.get(key);
  if (!q) return () => {};
  q.observers += 1;
  if ((q.state.data === null && !q.state.error) || q.state.stale) void fetchQuery(key, q.fetcher, q.options);
  return () => {
    q.observers -= 1;
  };
}

export type QueryStatus = 'loading' | 'ready' | 'error';

export interface QueryResult<T> extends QueryState<T> {
  status: QueryStatus;
  retry(): void;
}

const noop = () => () => {};

/**
 * A query a component shows: loaded when first shown, when its key changes
 * or when it went stale; refetched on changes while shown. `key` null waits
 * (nothing to ask yet).
 */
export function useQuery<A>(key: string | null, fetcher: () => Promise<A>, options: PlainOptions<A>): QueryResult<A>;
export function useQuery<T, A>(key: string | null, fetcher: () => Promise<A>, options: QueryOptions<T, A> & { decode: (answer: A) => T }): QueryResult<T>;
export function useQuery<T, A>(key: string | null, fetcher: () => Promise<A>, options: QueryOptions<T, A>): QueryResult<T> {
  const q = key === null ? null : queryOf(key, fetcher, options);
  const state = useSyncExternalStore(
    q
      ? (listener: () => void) => {
          q.listeners.add(listener);
          return () => q.listeners.delete(listener);
        }
      : noop,
    () => (q ? q.state : (EMPTY as QueryState<T>)),
  );
  useEffect(() => (key === null ? undefined : observeQuery(key)), [key]);
  const status: QueryStatus = state.error && !state.loading ? 'error' : state.data !== null ? 'ready' : 'loading';
  return {
    ...state,
    status,
    retry: () => {
      if (key !== null && q) void fetchQuery(key, q.fetcher, q.options);
    },
  };
}

/** The last snapshot of a set of queries, by their joined keys (useSyncExternalStore wants the same array while nothing changed). */
const snapshots = new Map<string, readonly QueryState<unknown>[]>();

/**
 * Several queries of one kind a component shows together (a body's report of
 * every year): each loaded, observed and refetched as useQuery's.
 */
export function useQueries<A>(keys: readonly string[], fetcherFor: (key: string) => () => Promise<A>, options: PlainOptions<A>): readonly QueryState<A>[] {
  for (const key of keys) queryOf(key, fetcherFor(key), options);
  const joined = keys.join('\n');
  const subscribe = useCallback(
    (listener: () => void) => {
      const list = joined === '' ? [] : joined.split('\n').map((k) => queries.get(k));
      for (const q of list) q?.listeners.add(listener);
      return () => {
        for (const q of list) q?.listeners.delete(listener);
      };
    },
    [joined],
  );
  const snapshot = useCallback((): readonly QueryState<A>[] => {
    const states = (joined === '' ? [] : joined.split('\n')).map((k) => (queries.get(k)?.state ?? EMPTY) as QueryState<A>);
    const last = snapshots.get(joined) as readonly QueryState<A>[] | undefined;
    if (last && last.length === states.length && last.every((st, i) => st === states[i])) return last;
    snapshots.set(joined, states);
    return states;
  }, [joined]);
  const states = useSyncExternalStore(subscribe, snapshot);
  useEffect(() => {
    if (joined === '') return;
    const stops = joined.split('\n').map(observeQuery);
    return () => {
      for (const stop of stops) stop();
      snapshots.delete(joined);
    };
  }, [joined]);
  return states;
}
