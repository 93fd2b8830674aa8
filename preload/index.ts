/**
 * Electron preload (sandboxed): exposes the named API on window.napMonitor
 * through contextBridge. This file and main/electron/ipc.ts are the only code
 * that touches ipcRenderer / ipcMain.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, createApi, type NapMonitorApi, type Transport } from './api';
import { EVENT_NAMES, type Channel, type EventName } from '../contract/ipc';
import type { Result } from '../contract/result';

const transport: Transport = {
  invoke: (channel: Channel, payload: unknown) => ipcRenderer.invoke(channel, payload) as Promise<Result<unknown>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${event}`);
    // The renderer never receives the IpcRendererEvent (it exposes ipcRenderer.sender).
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  // A dropped file's path (Electron 32+ gives File no .path): main then reads the file itself.
  pathOfFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld(API_GLOBAL, createApi(transport) satisfies NapMonitorApi);
