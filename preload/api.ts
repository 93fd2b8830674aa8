/**
 * The application's API as the renderer sees it (window.napMonitor): a
 * narrow, named set of calls, built on a transport. Electron's preload gives
 * it ipcRenderer; the end-to-end harness gives it a bridge into the same
 * main-process dispatcher. Only types come from the contract, so the sandboxed
 * preload bundle stays small.
 */
import type { Channel, EventName, EventPayloadOf, RequestOf, ResponseOf } from '../contract/ipc';
import type { Result } from '../contract/result';

export interface Transport {
  invoke(channel: Channel, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to an event from main; returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type Call<C extends Channel> = Promise<Result<ResponseOf<C>>>;

export function createApi(transport: Transport) {
  const call = <C extends Channel>(channel: C, payload: RequestOf<C>): Call<C> =>
    transport.invoke(channel, payload) as Call<C>;
  return {
    app: {
      info: () => call('app:info', {}),
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
    events: {
      on: <E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void) =>
        transport.subscribe(event, listener as (payload: unknown) => void),
    },
  };
}

export type NapMonitorApi = ReturnType<typeof createApi>;

/** The name under which the API is exposed on window. */
export const API_GLOBAL = 'napMonitor';
