/**
 * The main-side IPC wrapper: the only code that calls ipcMain. Every channel
 * of the contract is registered here and nowhere else; each call is checked
 * for its sender window, then handed to the dispatcher, which validates the
 * payload and answers with a Result.
 */
import { ipcMain, type WebContents } from 'electron';
import { CHANNEL_NAMES, events, type EventName, type EventPayloadOf } from '../../contract/ipc';
import { fail } from '../../contract/result';
import type { Dispatcher } from '../dispatch';

export function registerIpc(dispatcher: Dispatcher, isOwnWindow: (sender: WebContents) => boolean): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isOwnWindow(event.sender)) return fail('FORBIDDEN', 'Request from a window that is not ours was refused.');
      return dispatcher(channel, payload, { url: event.senderFrame?.url });
    });
  }
}

export function emit<E extends EventName>(target: WebContents, event: E, payload: EventPayloadOf<E>): void {
  target.send(event, events[event].parse(payload));
}
