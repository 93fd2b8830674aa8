/**
 * The renderer's client for window.napMonitor: every call unwraps its Result
 * and throws an ApiError the UI can translate by code. Only types come from
 * the contract, so zod never enters the renderer bundle.
 */
import type { NapMonitorApi } from '../../preload/api';
import type { AppError, ErrorCode, Result } from '../../contract/result';
import type { AppInfo, Language, PlanOutline, PlanSummary, Settings, View } from '../../contract/domain';
import type { DataEntity, EventPayloadOf } from '../../contract/ipc';
import type { CompletionLevel, EntryKey, EntryPatch, IndicatorDefinition, Installation } from '../../contract/progress';
import type { ApplyChoices, ColumnMapping } from '../../contract/exchange';
import type { FollowUpInput, FollowUpState, MeetingDraft, PackOptions } from '../../contract/meetings';

/** Codes from main, plus two that only the renderer can produce. */
export type ClientErrorCode = ErrorCode | 'NO_API' | 'TRANSPORT';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    /** English, shown as the detail under the translated message. */
    message: string,
    readonly details: NonNullable<AppError['details']> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Any thrown value as an ApiError (render errors become INTERNAL). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof Error) return new ApiError('INTERNAL', err.message);
  return new ApiError('INTERNAL', String(err));
}

function bridge(): NapMonitorApi {
  const api = (window as Partial<Window>).napMonitor;
  if (!api) throw new ApiError('NO_API', 'window.napMonitor is not available: the renderer was opened without its preload.');
  return api;
}

async function unwrap<T>(call: (api: NapMonitorApi) => Promise<Result<T>>): Promise<T> {
  const api = bridge();
  let result: Result<T>;
  try {
    result = await call(api);
  } catch (err) {
    throw new ApiError('TRANSPORT', `The call to the main process failed: ${(err as Error)?.message ?? String(err)}`);
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ApiError('TRANSPORT', 'The main process answered with something that is not a Result.');
  }
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  throw new ApiError(code, message, details ?? []);
}

export type DataChange = EventPayloadOf<'data:changed'>;
/**
 * Every kind of data, as a record so that the compiler refuses a kind added to
 * contract/ipc.ts DataEntity and missing here (the renderer cannot import the
 * contract's zod-built ALL_ENTITIES).
 */
const ENTITIES: Record<DataEntity, true> = {
  settings: true, plan: true, installation: true, entry: true, report: true, review: true, indicator: true, period: true, meeting: true,
};
/** When main says nothing of what changed: everything may have. */
const EVERYTHING_CHANGED: DataChange = { entities: Object.keys(ENTITIES) as DataEntity[] };

function subscribe(register: (api: NapMonitorApi) => () => void): () => void {
  const api = (window as Partial<Window>).napMonitor;
  return api ? register(api) : () => {};
}

export const client = {
  appInfo: (): Promise<AppInfo> => unwrap((a) => a.app.info()),
  readyToClose: (unsavedEntries: number) => unwrap((a) => a.app.readyToClose(unsavedEntries)),
  /** Calls listener when the window is about to close. */
  onCloseRequested: (listener: () => void): (() => void) => subscribe((api) => api.events.on('app:closeRequested', () => listener())),
  getSettings: (): Promise<Settings> => unwrap((a) => a.settings.get()),
  setLanguage: (language: Language): Promise<Settings> => unwrap((a) => a.settings.setLanguage(language)),
  listPlans: (): Promise<PlanSummary[]> => unwrap((a) => a.plan.list()),
  planOutline: (planId: number): Promise<PlanOutline> => unwrap((a) => a.plan.outline(planId)),
  searchPlan: async (planId: number, text: string, bodyCode: string | null): Promise<number[]> =>
    (await unwrap((a) => a.plan.search({ planId, text, bodyCode }))).actionPlanIds,
  setup: {
    get: () => unwrap((a) => a.setup.get()),
    initialize: (installation: Installation) => unwrap((a) => a.setup.initialize(installation)),
  },
  progress: {
    report: (bodyCode: string, periodId: number) => unwrap((a) => a.progress.report(bodyCode, periodId)),
    entry: (key: EntryKey) => unwrap((a) => a.progress.entry(key)),
    save: (key: EntryKey, baseRevision: number, patch: EntryPatch) => unwrap((a) => a.progress.save({ key, baseRevision, patch })),
    setIndicatorValue: (key: EntryKey, indicatorId: number, value: number | null) =>
      unwrap((a) => a.progress.setIndicatorValue({ key, indicatorId, value })),
    addEvidence: (key: EntryKey, title: string, docDate: string | null, reference: string | null) =>
      unwrap((a) => a.progress.addEvidence({ key, title, docDate, reference })),
    removeEvidence: (key: EntryKey, evidenceId: number) => unwrap((a) => a.progress.removeEvidence(key, evidenceId)),
    history: (key: EntryKey) => unwrap((a) => a.progress.history(key)),
  },
  report: {
    submit: (periodId: number) => unwrap((a) => a.report.submit(periodId)),
    return: (bodyCode: string, periodId: number, reason: string) => unwrap((a) => a.report.return(bodyCode, periodId, reason)),
    accept: (bodyCode: string, periodId: number, note: string | null = null, confirmOwn = false) =>
      unwrap((a) => a.report.accept(bodyCode, periodId, note, confirmOwn)),
    reopen: (bodyCode: string, periodId: number, reason: string) => unwrap((a) => a.report.reopen(bodyCode, periodId, reason)),
    setPeriodLocked: (periodId: number, locked: boolean) => unwrap((a) => a.report.setPeriodLocked(periodId, locked)),
  },
  review: {
    comment: (key: EntryKey, text: string) => unwrap((a) => a.review.comment(key, text)),
    panelComments: (actionPlanId: number, periodId: number) => unwrap((a) => a.review.panelComments(actionPlanId, periodId)),
    addPanelComment: (actionPlanId: number, periodId: number, text: string) =>
      unwrap((a) => a.review.addPanelComment(actionPlanId, periodId, text)),
    setOverride: (actionPlanId: number, periodId: number, completion: CompletionLevel | null, reason: string) =>
      unwrap((a) => a.review.setOverride({ actionPlanId, periodId, completion, reason })),
    defineIndicator: (definition: IndicatorDefinition) => unwrap((a) => a.review.defineIndicator(definition)),
    consolidated: (actionPlanId: number, periodId: number) => unwrap((a) => a.review.consolidated(actionPlanId, periodId)),
  },
  standing: {
    bodyMatrix: (periodId: number) => unwrap((a) => a.standing.bodyMatrix(periodId)),
    periodMatrix: (planId: number) => unwrap((a) => a.standing.periodMatrix(planId)),
    dashboard: (periodId: number) => unwrap((a) => a.standing.dashboard(periodId)),
  },
  backups: {
    list: () => unwrap((a) => a.backups.list()),
    create: () => unwrap((a) => a.backups.create()),
    restore: (name: string) => unwrap((a) => a.backups.restore(name)),
    job: (id: number) => unwrap((a) => a.backups.job(id)),
    open: (path: string) => unwrap((a) => a.backups.open(path)),
    saveCopy: (name: string, destinationDir: string) => unwrap((a) => a.backups.saveCopy(name, destinationDir)),
    choosePath: (kind: 'open' | 'save') => unwrap((a) => a.backups.choosePath(kind)),
  },
  exchange: {
    exportRequests: (periodId: number, bodyCodes: string[], dir: string) => unwrap((a) => a.exchange.exportRequests({ periodId, bodyCodes, dir })),
    exportReport: (periodId: number, dir: string) => unwrap((a) => a.exchange.exportReport({ periodId, dir })),
    preview: (path: string, body: string | null = null, year: number | null = null, mapping: ColumnMapping | null = null) =>
      unwrap((a) => a.exchange.preview({ path, body, year, mapping })),
    job: (id: number) => unwrap((a) => a.exchange.job({ id })),
    cancel: (id: number) => unwrap((a) => a.exchange.cancel({ id })),
    apply: (token: string, choices: ApplyChoices) => unwrap((a) => a.exchange.apply({ token, choices })),
    discard: (token: string) => unwrap((a) => a.exchange.discard({ token })),
    imports: () => unwrap((a) => a.exchange.imports()),
    undo: (importId: number) => unwrap((a) => a.exchange.undo({ importId })),
    choosePath: (kind: 'workbook' | 'folder') => unwrap((a) => a.exchange.choosePath({ kind })),
    /** The path of a workbook dropped on the window; null where the bridge gives none (then it is chosen or typed). */
    pathOfDroppedFile: (file: File): string | null => {
      try {
        return bridge().exchange.pathOfDroppedFile(file);
      } catch {
        return null;
      }
    },
  },
  meetings: {
    list: (periodId: number | null) => unwrap((a) => a.meetings.list({ periodId })),
    get: (uid: string) => unwrap((a) => a.meetings.get({ uid })),
    save: (uid: string | null, baseRevision: number, draft: MeetingDraft) => unwrap((a) => a.meetings.save({ uid, baseRevision, draft })),
    addDecision: (meetingUid: string, text: string) => unwrap((a) => a.meetings.addDecision({ meetingUid, text })),
    addFollowUp: (decisionUid: string, followUp: FollowUpInput) => unwrap((a) => a.meetings.addFollowUp({ decisionUid, followUp })),
    setFollowUp: (uid: string, state: FollowUpState, closingNote: string | null) => unwrap((a) => a.meetings.setFollowUp({ uid, state, closingNote })),
    openFollowUps: (ownerBody: string | null) => unwrap((a) => a.meetings.openFollowUps({ ownerBody })),
  },
  packs: {
    build: (options: PackOptions, path: string) => unwrap((a) => a.packs.build({ options, path })),
    buildReport: (periodId: number, language: 'ko' | 'en', dir: string) => unwrap((a) => a.packs.buildReport({ periodId, language, dir })),
    job: (id: number) => unwrap((a) => a.packs.job({ id })),
    cancel: (id: number) => unwrap((a) => a.packs.cancel({ id })),
    preview: (path: string) => unwrap((a) => a.packs.preview({ path })),
    print: (options: PackOptions) => unwrap((a) => a.packs.print({ options })),
    choosePath: (kind: 'pdf' | 'folder') => unwrap((a) => a.packs.choosePath({ kind })),
  },
  /** Calls listener with what a write changed (the kinds of data, and the entry with its revision); returns the unsubscribe function. */
  onDataChange: (listener: (change: DataChange) => void): (() => void) =>
    subscribe((api) => api.events.on('data:changed', (payload) => listener(payload ?? EVERYTHING_CHANGED))),
  /** Calls listener when the application menu asks for a view. */
  onNavigate: (listener: (view: View) => void): (() => void) =>
    subscribe((api) => api.events.on('menu:navigate', (payload) => listener(payload.view))),
};
