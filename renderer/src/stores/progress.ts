/**
 * The Progress views' data: who this installation is (setup), the bodies'
 * reports by period and the state of every body's report (the review's
 * list), both cached and refreshed when main reports a change, the report
 * workflow (submit, return, accept, reopen), period locks, and the body
 * chosen in the review. The entry form's autosave is in progress-entry.ts.
 *
 * A load asked for while the same one is on its way joins it (React's
 * StrictMode runs effects twice; two panels may want the same report): one
 * request per key until a change in main makes the answer on its way stale.
 */
import { create } from 'zustand';
import type { PlanOutline } from '../../../contract/domain';
import type { BodyReport, Dashboard, Installation } from '../../../contract/progress';
import { ApiError, client, toApiError, type DataScope } from '../api';
import { flushAllEntries, refreshEntries, useUnsavedEntries } from './progress-entry';
import { usePlanStore } from './plan';

/** Path of the details of a submit refused here because entries have unsaved changes (hint: action plan id). */
export const UNSAVED_PATH = 'unsavedEntry';

export interface ReportSlot {
  report: BodyReport | null;
  loading: boolean;
  error: ApiError | null;
}

/** A body's report state for a period, as the review's list shows it. */
export type Submission = Dashboard['submissions'][number];

export interface SubmissionsSlot {
  /** In the plan's order of bodies. */
  rows: readonly Submission[] | null;
  loading: boolean;
  error: ApiError | null;
}

export type ReviewAction = 'accept' | 'return' | 'reopen';

interface ProgressState {
  setupState: 'loading' | 'ready' | 'error';
  setupError: ApiError | null;
  /** Null until set up (the setup form is shown). */
  installation: Installation | null;
  /** Reports by reportId(bodyCode, periodId). */
  reports: Readonly<Record<string, ReportSlot>>;
  /** Every body's report state (status, complete entries) by period id: one call for the review's list. */
  submissions: Readonly<Record<number, SubmissionsSlot>>;
  /** Period locks as last learnt (from reports or from a lock change). */
  locks: Readonly<Record<number, boolean>>;
  /** The body whose report the review shows. */
  reviewBody: string | null;
  /**
   * Whether the coordinator chose the tab of MOGEF's own action plans: the
   * navigation store starts on "mine", which for the coordinator means the
   * review until it is chosen.
   */
  ownTabChosen: boolean;
  /** Bumped after every change in main: panels that fetch for themselves refetch. */
  dataVersion: number;

  loadSetup(): Promise<void>;
  /** Sets the identity; throws the ApiError for the form to show. */
  initialize(installation: Installation): Promise<void>;
  loadReport(bodyCode: string, periodId: number): Promise<void>;
  loadSubmissions(periodId: number): Promise<void>;
  /** Saves every pending entry change, then submits; throws the ApiError (details list incomplete action plans). */
  submit(bodyCode: string, periodId: number): Promise<void>;
  /**
   * MOGEF's decision on a body's report; throws the ApiError. `text` is the
   * reason of a return or reopen, the note of an acceptance; `confirmOwn`
   * says the coordinator confirmed accepting MOGEF's own report.
   */
  review(action: ReviewAction, bodyCode: string, periodId: number, text?: string | null, confirmOwn?: boolean): Promise<void>;
  setLocked(periodId: number, locked: boolean): Promise<void>;
  selectReviewBody(bodyCode: string | null): void;
  chooseOwnTab(chosen: boolean): void;
  /** main's data:changed: refetch what is shown. */
  dataChanged(scope: DataScope, periodId: () => number | null): void;
}

/**
 * The body whose own report this installation writes: its body, or for the
 * coordinator MOGEF, the plan's lead body, which reports on its own action
 * plans too. Null before setup, or for the coordinator before the plan is loaded.
 */
export function ownBodyCode(installation: Installation | null, outline: PlanOutline | null): string | null {
  if (!installation) return null;
  if (installation.role === 'body') return installation.bodyCode;
  return outline?.bodies.find((b) => b.isLead)?.code ?? null;
}

export function reportId(bodyCode: string, periodId: number): string {
  return `${bodyCode}:${periodId}`;
}

/** Loads on their way by key ("report:MOE:3", "submissions:3"): a second ask joins the first. */
const inFlight = new Map<string, Promise<void>>();
/** By the same key: bumped by every load and every answer put, so that a late answer is dropped. */
const seqs = new Map<string, number>();

const reportKey = (id: string) => `report:${id}`;
const submissionsKey = (periodId: number) => `submissions:${periodId}`;

function bump(key: string): number {
  const seq = (seqs.get(key) ?? 0) + 1;
  seqs.set(key, seq);
  return seq;
}

/** What a load does to its slot: marks it loading, puts the answer, or keeps the old data with the error. */
interface SlotWrites<T> {
  start(): void;
  put(data: T): void;
  fail(error: ApiError): void;
}

/** A keyed load: joins the one on its way, else fetches; a late answer (another load or put since) is dropped. */
function keyedLoad<T>(key: string, fetch: () => Promise<T>, writes: SlotWrites<T>): Promise<void> {
  const pending = inFlight.get(key);
  if (pending) return pending;
  const seq = bump(key);
  writes.start();
  const started = fetch()
    .then(
      (data) => {
        if (seqs.get(key) === seq) writes.put(data);
      },
      (err: unknown) => {
        if (seqs.get(key) === seq) writes.fail(toApiError(err));
      },
    )
    .finally(() => {
      if (inFlight.get(key) === started) inFlight.delete(key);
    });
  inFlight.set(key, started);
  return started;
}

/** How many of a report's action plans have every required field (the list's "complete", the dashboard's "filled"). */
export function completeItems(report: BodyReport): number {
  return report.items.filter((i) => i.completeness.missing.length === 0).length;
}

const DATA_DEBOUNCE_MS = 150;
let dataTimer: ReturnType<typeof setTimeout> | undefined;
let pendingScope: DataScope | null = null;

export const useProgressStore = create<ProgressState>()((set, get) => {
  function putReport(report: BodyReport): void {
    const id = reportId(report.bodyCode, report.periodId);
    // Newer than any load on its way: drop that one's answer, and let the next ask start afresh.
    bump(reportKey(id));
    inFlight.delete(reportKey(id));
    set((s) => ({
      reports: { ...s.reports, [id]: { report, loading: false, error: null } },
      locks: { ...s.locks, [report.periodId]: report.locked },
      submissions: withSubmission(s.submissions, report),
    }));
  }

  /** Loads the report afresh (not joining a load that left before what has just happened). */
  function reloadReport(bodyCode: string, periodId: number): void {
    inFlight.delete(reportKey(reportId(bodyCode, periodId)));
    void get().loadReport(bodyCode, periodId);
  }

  /** The list's row of the body, as the report now says. */
  function withSubmission(all: ProgressState['submissions'], report: BodyReport): ProgressState['submissions'] {
    const slot = all[report.periodId];
    if (!slot?.rows) return all;
    const rows = slot.rows.map((r) =>
      r.bodyCode === report.bodyCode ? { ...r, status: report.status, filled: completeItems(report), required: report.items.length } : r,
    );
    return { ...all, [report.periodId]: { ...slot, rows } };
  }

  return {
    setupState: 'loading',
    setupError: null,
    installation: null,
    reports: {},
    submissions: {},
    locks: {},
    reviewBody: null,
    ownTabChosen: false,
    dataVersion: 0,

    async loadSetup() {
      try {
        const { installation } = await client.setup.get();
        const before = get().installation;
        const changed = JSON.stringify(before) !== JSON.stringify(installation);
        set({
          installation,
          setupState: 'ready',
          setupError: null,
          ...(changed ? { reports: {}, submissions: {}, reviewBody: null, ownTabChosen: false } : {}),
        });
      } catch (err) {
        set({ setupState: 'error', setupError: toApiError(err) });
      }
    },

    async initialize(installation) {
      const saved = await client.setup.initialize(installation);
      set({ installation: saved, setupState: 'ready', setupError: null, reports: {}, submissions: {}, reviewBody: null, ownTabChosen: false });
      await get().loadSetup();
    },

    loadReport(bodyCode, periodId) {
      const id = reportId(bodyCode, periodId);
      const write = (patch: Omit<ReportSlot, 'report'>) =>
        set((s) => ({ reports: { ...s.reports, [id]: { report: s.reports[id]?.report ?? null, ...patch } } }));
      return keyedLoad(reportKey(id), () => client.progress.report(bodyCode, periodId), {
        start: () => write({ loading: true, error: null }),
        put: putReport,
        fail: (error) => write({ loading: false, error }),
      });
    },

    loadSubmissions(periodId) {
      const write = (patch: Partial<SubmissionsSlot>) =>
        set((s) => {
          const slot: SubmissionsSlot = { rows: s.submissions[periodId]?.rows ?? null, loading: false, error: null, ...patch };
          return { submissions: { ...s.submissions, [periodId]: slot } };
        });
      return keyedLoad(submissionsKey(periodId), async () => (await client.standing.dashboard(periodId)).submissions, {
        start: () => write({ loading: true }),
        put: (rows) => write({ rows }),
        fail: (error) => write({ error }),
      });
    },

    async submit(bodyCode, periodId) {
      await flushAllEntries();
      // Never submit over text that main has not acknowledged: the official would think it was sent.
      const unsaved = useUnsavedEntries.getState().unsaved.filter((u) => u.key.bodyCode === bodyCode && u.key.periodId === periodId);
      if (unsaved.length > 0) {
        throw new ApiError(
          'CONFLICT',
          'Some changes in the entries are not saved yet; the report was not submitted.',
          unsaved.map((u) => ({ path: UNSAVED_PATH, hint: String(u.key.actionPlanId) })),
        );
      }
      try {
        putReport(await client.report.submit(periodId));
      } catch (err) {
        // The list shows what main has now (e.g. which items are incomplete).
        reloadReport(bodyCode, periodId);
        throw toApiError(err);
      }
    },

    async review(action, bodyCode, periodId, text, confirmOwn = false) {
      try {
        const report =
          action === 'accept'
            ? await client.report.accept(bodyCode, periodId, text ?? null, confirmOwn)
            : action === 'return'
              ? await client.report.return(bodyCode, periodId, text ?? '')
              : await client.report.reopen(bodyCode, periodId, text ?? '');
        putReport(report);
      } catch (err) {
        reloadReport(bodyCode, periodId);
        throw toApiError(err);
      }
    },

    async setLocked(periodId, locked) {
      const result = await client.report.setPeriodLocked(periodId, locked);
      set((s) => ({ locks: { ...s.locks, [periodId]: result.locked } }));
      // Every report of the period says whether it is locked: refetch them.
      for (const id of Object.keys(get().reports)) {
        const [code, period] = id.split(':');
        if (code && Number(period) === periodId) reloadReport(code, periodId);
      }
    },

    selectReviewBody(bodyCode) {
      set({ reviewBody: bodyCode });
    },

    chooseOwnTab(chosen) {
      set({ ownTabChosen: chosen });
    },

    dataChanged(scope, periodId) {
      // A burst of changes (autosave while typing) refetches once.
      const rank = (x: DataScope | null) => (x === 'all' ? 3 : x === 'progress' || x === 'plan' ? 2 : x === 'settings' ? 1 : 0);
      if (rank(scope) > rank(pendingScope)) pendingScope = scope;
      if (dataTimer !== undefined) clearTimeout(dataTimer);
      dataTimer = setTimeout(() => {
        const current = pendingScope ?? 'progress';
        dataTimer = undefined;
        pendingScope = null;
        set((s) => ({ dataVersion: s.dataVersion + 1 }));
        if (current === 'settings') return;
        if (current === 'all') void get().loadSetup();
        refreshEntries();
        // What is on its way left before the change: ask again.
        inFlight.clear();
        // Refetch the reports and the list of the period shown; forget the others (fetched again when shown),
        // but keep the installation's own reports of the other years: the year selector marks them, and only
        // this installation's own steps (which put the report they return) change them.
        const period = periodId();
        const own = ownBodyCode(get().installation, usePlanStore.getState().outline);
        const shown: [string, number][] = [];
        const kept: Record<string, ReportSlot> = {};
        for (const [id, slot] of Object.entries(get().reports)) {
          const [code, at] = id.split(':');
          if (code && Number(at) === period) {
            kept[id] = slot;
            shown.push([code, period]);
          } else if (code && code === own && slot.report) kept[id] = slot;
        }
        const list = period === null ? undefined : get().submissions[period];
        set({ reports: kept, submissions: period !== null && list ? { [period]: list } : {} });
        if (period !== null && list) void get().loadSubmissions(period);
        for (const [code, at] of shown) void get().loadReport(code, at);
      }, DATA_DEBOUNCE_MS);
    },
  };
});
