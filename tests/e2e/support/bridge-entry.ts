/**
 * The end-to-end stand-in for Electron's preload: the same createApi() as
 * preload/index.ts, over a transport that calls the real main-process
 * dispatcher through Playwright's exposeBinding (window.__napInvoke) and
 * receives main's events through window.__napEmit.
 */
import { API_GLOBAL, createApi, type Transport } from '../../../preload/api';
import type { Channel, EventName } from '../../../contract/ipc';
import type { Result } from '../../../contract/result';

interface BridgeWindow {
  __napInvoke(channel: Channel, payload: unknown): Promise<Result<unknown>>;
  __napEmit?: (event: EventName, payload: unknown) => void;
}

const w = window as unknown as BridgeWindow & Record<string, unknown>;
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

w.__napEmit = (event, payload) => {
  for (const l of listeners.get(event) ?? []) l(payload);
};

const transport: Transport = {
  invoke: (channel, payload) => w.__napInvoke(channel, payload),
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
};

Object.defineProperty(window, API_GLOBAL, { value: Object.freeze(createApi(transport)), writable: false });
