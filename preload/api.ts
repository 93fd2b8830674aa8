/**
 * The application's API as the renderer sees it (window.napMonitor): a
 * narrow, named set of calls, built on a transport. Electron's preload gives
 * it ipcRenderer; the end-to-end harness gives it a bridge into the same
 * main-process dispatcher. Only types come from the contract, so the sandboxed
 * preload bundle stays small.
 */
import type { Channel, EventName, EventPayloadOf, RequestOf, ResponseOf } from '../contract/ipc';
import type { Result } from '../contract/result';
import type { EntryKey } from '../contract/progress';

export interface Transport {
  invoke(channel: Channel, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to an event from main; returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** The path of a file dropped on the window (Electron's webUtils), or null where there is none (the test bridge). */
  pathOfFile?(file: File): string | null;
}

type Call<C extends Channel> = Promise<Result<ResponseOf<C>>>;

export function createApi(transport: Transport) {
  const call = <C extends Channel>(channel: C, payload: RequestOf<C>): Call<C> =>
    transport.invoke(channel, payload) as Call<C>;
  return {
    app: {
      info: () => call('app:info', {}),
      readyToClose: (unsavedEntries: number) => call('app:readyToClose', { unsavedEntries }),
    },
    settings: {
      get: () => call('settings:get', {}),
      setLanguage: (language: RequestOf<'settings:setLanguage'>['language']) => call('settings:setLanguage', { language }),
    },
    plan: {
      list: () => call('plan:list', {}),
      outline: (planId: number) => call('plan:outline', { planId }),
      search: (query: RequestOf<'plan:search'>) => call('plan:search', query),
    },
    setup: {
      get: () => call('setup:get', {}),
      initialize: (installation: RequestOf<'setup:initialize'>) => call('setup:initialize', installation),
    },
    progress: {
      report: (bodyCode: string, periodId: number) => call('progress:report', { bodyCode, periodId }),
      entry: (key: EntryKey) => call('progress:entry', { key }),
      save: (request: RequestOf<'progress:save'>) => call('progress:save', request),
      setIndicatorValue: (request: RequestOf<'progress:setIndicatorValue'>) => call('progress:setIndicatorValue', request),
      addEvidence: (request: RequestOf<'progress:addEvidence'>) => call('progress:addEvidence', request),
      removeEvidence: (key: EntryKey, evidenceId: number) => call('progress:removeEvidence', { key, evidenceId }),
      history: (key: EntryKey) => call('progress:history', { key }),
    },
    report: {
      submit: (periodId: number) => call('report:submit', { periodId }),
      return: (bodyCode: string, periodId: number, reason: string) => call('report:return', { bodyCode, periodId, reason }),
      accept: (bodyCode: string, periodId: number, note: string | null = null, confirmOwn = false) =>
        call('report:accept', { bodyCode, periodId, note, confirmOwn }),
      reopen: (bodyCode: string, periodId: number, reason: string) => call('report:reopen', { bodyCode, periodId, reason }),
      setPeriodLocked: (periodId: number, locked: boolean) => call('period:setLocked', { periodId, locked }),
    },
    review: {
      comment: (key: EntryKey, text: string) => call('review:comment', { key, text }),
      panelComments: (actionPlanId: number, periodId: number) => call('review:panelComments', { actionPlanId, periodId }),
      addPanelComment: (actionPlanId: number, periodId: number, text: string) =>
        call('review:addPanelComment', { actionPlanId, periodId, text }),
      setOverride: (request: RequestOf<'review:setOverride'>) => call('review:setOverride', request),
      consolidated: (actionPlanId: number, periodId: number) => call('review:consolidated', { actionPlanId, periodId }),
      defineIndicator: (definition: RequestOf<'indicator:define'>) => call('indicator:define', definition),
    },
    standing: {
      bodyMatrix: (periodId: number) => call('matrix:bodies', { periodId }),
      periodMatrix: (planId: number) => call('matrix:periods', { planId }),
      dashboard: (periodId: number) => call('dashboard:get', { periodId }),
    },
    backups: {
      list: () => call('backup:list', {}),
      create: () => call('backup:create', {}),
      restore: (name: string) => call('backup:restore', { name }),
      job: (id: number) => call('backup:job', { id }),
      open: (path: string) => call('backup:open', { path }),
      saveCopy: (name: string, destinationDir: string) => call('backup:saveCopy', { name, destinationDir }),
      choosePath: (kind: 'open' | 'save') => call('backup:choosePath', { kind }),
    },
    exchange: {
      exportRequests: (request: RequestOf<'exchange:exportRequests'>) => call('exchange:exportRequests', request),
      exportReport: (request: RequestOf<'exchange:exportReport'>) => call('exchange:exportReport', request),
      preview: (request: RequestOf<'exchange:preview'>) => call('exchange:preview', request),
      job: (request: RequestOf<'exchange:job'>) => call('exchange:job', request),
      cancel: (request: RequestOf<'exchange:cancel'>) => call('exchange:cancel', request),
      apply: (request: RequestOf<'exchange:apply'>) => call('exchange:apply', request),
      discard: (request: RequestOf<'exchange:discard'>) => call('exchange:discard', request),
      imports: () => call('exchange:imports', {}),
      undo: (request: RequestOf<'exchange:undo'>) => call('exchange:undo', request),
      choosePath: (request: RequestOf<'exchange:choosePath'>) => call('exchange:choosePath', request),
      /** The path of a workbook dropped on the window, to preview; null when it has none (then choose or type it). */
      pathOfDroppedFile: (file: File): string | null => {
        try {
          const p = transport.pathOfFile?.(file) ?? null;
          return typeof p === 'string' && p !== '' ? p : null;
        } catch {
          return null;
        }
      },
    },
    meetings: {
      list: (request: RequestOf<'meeting:list'>) => call('meeting:list', request),
      get: (request: RequestOf<'meeting:get'>) => call('meeting:get', request),
      save: (request: RequestOf<'meeting:save'>) => call('meeting:save', request),
      addDecision: (request: RequestOf<'meeting:addDecision'>) => call('meeting:addDecision', request),
      addFollowUp: (request: RequestOf<'meeting:addFollowUp'>) => call('meeting:addFollowUp', request),
      setFollowUp: (request: RequestOf<'meeting:setFollowUp'>) => call('meeting:setFollowUp', request),
      openFollowUps: (request: RequestOf<'meeting:openFollowUps'>) => call('meeting:openFollowUps', request),
    },
    packs: {
      build: (request: RequestOf<'pack:build'>) => call('pack:build', request),
      buildReport: (request: RequestOf<'pack:buildReport'>) => call('pack:buildReport', request),
      job: (request: RequestOf<'pack:job'>) => call('pack:job', request),
      cancel: (request: RequestOf<'pack:cancel'>) => call('pack:cancel', request),
      preview: (request: RequestOf<'pack:preview'>) => call('pack:preview', request),
      print: (request: RequestOf<'pack:print'>) => call('pack:print', request),
      choosePath: (request: RequestOf<'pack:choosePath'>) => call('pack:choosePath', request),
    },
    events: {
      on: <E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void) =>
        transport.subscribe(event, listener as (payload: unknown) => void),
    },
  };
}

export type NapMonitorApi = ReturnType<typeof createApi>;

/** The name under which the API is exposed on window. */
export const API_GLOBAL = 'napMonitor';
