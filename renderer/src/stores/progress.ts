/**
 * The Progress views' data: who this installation is (setup), the bodies'
 * reports by period (cached, refreshed when main reports a change), the
 * report workflow (submit, return, accept, reopen), period locks, and the
 * body chosen in the review. The entry form's autosave is in progress-entry.ts.
 */
import { create } from 'zustand';
import type { BodyReport, Installation } from '../../../contract/progress';
import { ApiError, client, toApiError, type DataScope } from '../api';
import { flushAllEntries, refreshEntries, useUnsavedEntries } from './progress-entry';

/** Path of the details of a submit refused here because entries have unsaved changes (hint: action plan id). */
export const UNSAVED_PATH = 'unsavedEntry';

export interface ReportSlot {
  report: BodyReport | null;
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
  /** Period locks as last learnt (from reports or from a lock change). */
  locks: Readonly<Record<number, boolean>>;
  /** The body whose report the review shows. */
  reviewBody: string | null;
  /** Bumped after every change in main: panels that fetch for themselves refetch. */
  dataVersion: number;

  loadSetup(): Promise<void>;
  /** Sets the identity; throws the ApiError for the form to show. */
  initialize(installation: Installation): Promise<void>;
  loadReport(bodyCode: string, periodId: number): Promise<void>;
  /** Saves every pending entry change, then submits; throws the ApiError (details list incomplete action plans). */
  submit(bodyCode: string, periodId: number): Promise<void>;
  /** MOGEF's decision on a body's report; throws the ApiError. */
  review(action: ReviewAction, bodyCode: string, periodId: number, reason?: string): Promise<void>;
  setLocked(periodId: number, locked: boolean): Promise<void>;
  selectReviewBody(bodyCode: string | null): void;
  /** main's data:changed: refetch what is shown. */
  dataChanged(scope: DataScope, periodId: () => number | null): void;
}

export function reportId(bodyCode: string, periodId: number): string {
  return `${bodyCode}:${periodId}`;
}

const reportSeq = new Map<string, number>();
const DATA_DEBOUNCE_MS = 150;
let dataTimer: ReturnType<typeof setTimeout> | undefined;
let pendingScope: DataScope | null = null;

export const useProgressStore = create<ProgressState>()((set, get) => {
  function putReport(report: BodyReport): void {
    const id = reportId(report.bodyCode, report.periodId);
    reportSeq.set(id, (reportSeq.get(id) ?? 0) + 1);
    set((s) => ({
      reports: { ...s.reports, [id]: { report, loading: false, error: null } },
      locks: { ...s.locks, [report.periodId]: report.locked },
    }));
  }

  return {
    setupState: 'loading',
    setupError: null,
    installation: null,
    reports: {},
    locks: {},
    reviewBody: null,
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
          ...(changed ? { reports: {}, reviewBody: null } : {}),
        });
      } catch (err) {
        set({ setupState: 'error', setupError: toApiError(err) });
      }
    },

    async initialize(installation) {
      const saved = await client.setup.initialize(installation);
      set({ installation: saved, setupState: 'ready', setupError: null, reports: {}, reviewBody: null });
      await get().loadSetup();
    },

    async loadReport(bodyCode, periodId) {
      const id = reportId(bodyCode, periodId);
      const seq = (reportSeq.get(id) ?? 0) + 1;
      reportSeq.set(id, seq);
      set((s) => ({
        reports: { ...s.reports, [id]: { report: s.reports[id]?.report ?? null, loading: true, error: null } },
      }));
      try {
        const report = await client.progress.report(bodyCode, periodId);
        if (reportSeq.get(id) !== seq) return;
        putReport(report);
      } catch (err) {
        if (reportSeq.get(id) !== seq) return;
        set((s) => ({
          reports: { ...s.reports, [id]: { report: s.reports[id]?.report ?? null, loading: false, error: toApiError(err) } },
        }));
      }
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
        void get().loadReport(bodyCode, periodId);
        throw toApiError(err);
      }
    },

    async review(action, bodyCode, periodId, reason) {
      try {
        const report =
          action === 'accept'
            ? await client.report.accept(bodyCode, periodId)
            : action === 'return'
              ? await client.report.return(bodyCode, periodId, reason ?? '')
              : await client.report.reopen(bodyCode, periodId, reason ?? '');
        putReport(report);
      } catch (err) {
        void get().loadReport(bodyCode, periodId);
        throw toApiError(err);
      }
    },

    async setLocked(periodId, locked) {
      const result = await client.report.setPeriodLocked(periodId, locked);
      set((s) => ({ locks: { ...s.locks, [periodId]: result.locked } }));
      // Every report of the period says whether it is locked: refetch them.
      for (const id of Object.keys(get().reports)) {
        const [code, period] = id.split(':');
        if (code && Number(period) === periodId) void get().loadReport(code, periodId);
      }
    },

    selectReviewBody(bodyCode) {
      set({ reviewBody: bodyCode });
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
        // Refetch the reports of the period shown; forget the others (fetched again when shown).
        const period = periodId();
        const shown: [string, number][] = [];
        const kept: Record<string, ReportSlot> = {};
        for (const [id, slot] of Object.entries(get().reports)) {
          const [code, at] = id.split(':');
          if (code && Number(at) === period) {
            kept[id] = slot;
            shown.push([code, period]);
          }
        }
        set({ reports: kept });
        for (const [code, at] of shown) void get().loadReport(code, at);
      }, DATA_DEBOUNCE_MS);
    },
  };
});
