/**
 * The Progress views' data: who this installation is (setup); the bodies'
 * reports by period and the state of every body's report (the review's
 * list), as queries of the one query cache (stores/query.ts), refetched when
 * main reports a change of what they show; the report workflow (submit,
 * return, accept, reopen), period locks, and the body chosen in the review.
 * The entry form's autosave is in progress-entry.ts; its answers patch the
 * report they belong to, so an autosave costs no refetch of the list.
 */
import { create } from 'zustand';
import type { PlanOutline } from '../../../contract/domain';
import type { BodyReport, Dashboard, Installation, ProgressEntry } from '../../../contract/progress';
import type { DataEntity } from '../../../contract/ipc';
import { ApiError, client, toApiError, type DataChange } from '../api';
import { flushAllEntries, onEntryAnswer, useUnsavedEntries } from './progress-entry';
import { fetchQuery, queryData, setQueryData, useQueries, useQuery, type QueryResult, type QueryState } from './query';

/** Path of the details of a submit refused here because entries have unsaved changes (hint: action plan id). */
export const UNSAVED_PATH = 'unsavedEntry';

/** A body's report state for a period, as the review's list shows it. */
export type Submission = Dashboard['submissions'][number];

export type ReviewAction = 'accept' | 'return' | 'reopen';

interface ProgressState {
  setupState: 'loading' | 'ready' | 'error';
  setupError: ApiError | null;
  /** Null until set up (the setup form is shown). */
  installation: Installation | null;
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

  loadSetup(): Promise<void>;
  /** Sets the identity; throws the ApiError for the form to show. */
  initialize(installation: Installation): Promise<void>;
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

/** What a report and the review's list show: a change of any of these kinds refetches them (unless they hold it). */
const REPORT_TAGS: readonly DataEntity[] = ['entry', 'report', 'period', 'indicator', 'plan'];

export const reportKey = (bodyCode: string, periodId: number) => `report:${reportId(bodyCode, periodId)}`;
const submissionsKey = (periodId: number) => `submissions:${periodId}`;

/** How many of a report's action plans have every required field (the list's "complete", the dashboard's "filled"). */
export function completeItems(report: BodyReport): number {
  return report.items.filter((i) => i.completeness.missing.length === 0).length;
}

/**
 * Whether a report already holds a change: a change of entries only, of an
 * entry of another report, or of one of its items that was patched from the
 * write's answer (same or newer revision).
 */
function reportHolds(report: BodyReport, change: DataChange): boolean {
  if (!change.entry || change.entities.some((e) => e !== 'entry')) return false;
  const { key, revision } = change.entry;
  if (key.bodyCode !== report.bodyCode || key.periodId !== report.periodId) return true;
  const item = report.items.find((i) => i.actionPlanId === key.actionPlanId);
  return item !== undefined && item.revision >= revision;
}

/** The review's list holds an entry change when the report it was counted from does. */
function submissionsHold(_rows: readonly Submission[], change: DataChange): boolean {
  if (!change.entry || change.entities.some((e) => e !== 'entry')) return false;
  const report = queryData<BodyReport>(reportKey(change.entry.key.bodyCode, change.entry.key.periodId));
  return report !== null && reportHolds(report, change);
}

function fetchReport(bodyCode: string, periodId: number): () => Promise<BodyReport> {
  return () =>
    client.progress.report(bodyCode, periodId).then((report) => {
      learnLock(report.periodId, report.locked);
      return report;
    });
}

const reportOptions = { tags: REPORT_TAGS, holds: reportHolds };
const submissionsOptions = { tags: REPORT_TAGS, holds: submissionsHold };

/** A body's report for a period (null: not asked yet). */
export function useReport(bodyCode: string | null, periodId: number | null): QueryResult<BodyReport> {
  const key = bodyCode !== null && periodId !== null ? reportKey(bodyCode, periodId) : null;
  return useQuery(key, fetchReport(bodyCode ?? '', periodId ?? 0), reportOptions);
}

/** A body's report for each of the periods, in their order (the year selector's marks). */
export function useReports(bodyCode: string | null, periodIds: readonly number[]): readonly QueryState<BodyReport>[] {
  const keys = bodyCode === null ? [] : periodIds.map((p) => reportKey(bodyCode, p));
  return useQueries(keys, (key) => {
    const [, code, period] = key.split(':');
    return fetchReport(code ?? '', Number(period));
  }, reportOptions);
}

/** Reports of several bodies for one period (the review list's dates of the last step). */
export function useBodyReports(bodyCodes: readonly string[], periodId: number): readonly QueryState<BodyReport>[] {
  return useQueries(bodyCodes.map((b) => reportKey(b, periodId)), (key) => {
    const [, code] = key.split(':');
    return fetchReport(code ?? '', periodId);
  }, reportOptions);
}

function fetchSubmissions(periodId: number): () => Promise<readonly Submission[]> {
  return async () => (await client.standing.dashboard(periodId)).submissions;
}

/** Every body's report state (status, complete entries) for a period: one call for the review's list. */
export function useSubmissions(periodId: number | null): QueryResult<readonly Submission[]> {
  return useQuery(periodId === null ? null : submissionsKey(periodId), fetchSubmissions(periodId ?? 0), submissionsOptions);
}

/** The review's lists of several periods, loaded if not in the cache (the indicator panel's warning). */
export async function loadSubmissions(periodIds: readonly number[]): Promise<(readonly Submission[] | null)[]> {
  await Promise.all(
    periodIds.map((p) => (queryData(submissionsKey(p)) ? undefined : fetchQuery(submissionsKey(p), fetchSubmissions(p), submissionsOptions))),
  );
  return periodIds.map((p) => queryData<readonly Submission[]>(submissionsKey(p)));
}

let learnLock: (periodId: number, locked: boolean) => void = () => {};

/** A report main answered with (a step of the workflow): put it, and the list's row of its body. */
function putReport(report: BodyReport): void {
  setQueryData(reportKey(report.bodyCode, report.periodId), report);
  setQueryData<readonly Submission[]>(submissionsKey(report.periodId), (rows) =>
    rows
      ? rows.map((r) =>
          r.bodyCode === report.bodyCode ? { ...r, status: report.status, filled: completeItems(report), required: report.items.length } : r,
        )
      : rows,
  );
  learnLock(report.periodId, report.locked);
}

/** An entry main answered with (an autosave, a comment): its report's item as it now stands, without a request. */
function patchReportWithEntry(entry: ProgressEntry): void {
  const report = queryData<BodyReport>(reportKey(entry.key.bodyCode, entry.key.periodId));
  if (!report) return;
  let changed = false;
  const items = report.items.map((item) => {
    if (item.actionPlanId !== entry.key.actionPlanId || item.revision > entry.revision) return item;
    changed = true;
    return {
      ...item,
      completion: entry.completion,
      delayed: entry.delayed,
      completeness: entry.completeness,
      commentCount: entry.comments.length,
      updatedAt: entry.updatedAt,
      revision: entry.revision,
    };
  });
  if (changed) putReport({ ...report, items });
}

onEntryAnswer(patchReportWithEntry);

/** Asks main again for a report (after a refused step: the list shows what main has now). */
function reloadReport(bodyCode: string, periodId: number): void {
  void fetchQuery(reportKey(bodyCode, periodId), fetchReport(bodyCode, periodId), reportOptions);
}

export const useProgressStore = create<ProgressState>()((set, get) => {
  learnLock = (periodId, locked) => {
    if (get().locks[periodId] !== locked) set((s) => ({ locks: { ...s.locks, [periodId]: locked } }));
  };

  return {
    setupState: 'loading',
    setupError: null,
    installation: null,
    locks: {},
    reviewBody: null,
    ownTabChosen: false,

    async loadSetup() {
      try {
        const { installation } = await client.setup.get();
        const before = get().installation;
        const changed = JSON.stringify(before) !== JSON.stringify(installation);
        set({
          installation,
          setupState: 'ready',
          setupError: null,
          ...(changed ? { locks: {}, reviewBody: null, ownTabChosen: false } : {}),
        });
      } catch (err) {
        set({ setupState: 'error', setupError: toApiError(err) });
      }
    },

    async initialize(installation) {
      const saved = await client.setup.initialize(installation);
      set({ installation: saved, setupState: 'ready', setupError: null, locks: {}, reviewBody: null, ownTabChosen: false });
      await get().loadSetup();
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
      // Every report of the period says whether it is locked: data:changed ('period') refetches those shown.
      learnLock(periodId, result.locked);
    },

    selectReviewBody(bodyCode) {
      set({ reviewBody: bodyCode });
    },

    chooseOwnTab(chosen) {
      set({ ownTabChosen: chosen });
    },
  };
});
