/**
 * The application without its window: the data folder, the database, the
 * seeded plan and the IPC handlers. Electron's main process and the tests
 * both start here; nothing in it imports electron.
 */
import fs from 'node:fs';
import { openDatabase, type Db } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import { databaseFile } from './paths';
import { createHandlers } from './handlers';
import { createDispatcher, type Dispatcher } from './dispatch';
import nap3 from '../seeds/nap3.json';
import type { PlanDocumentInput } from '../seeds/schema';
import type { Channel } from '../contract/ipc';

export interface AppCoreOptions {
  dataDir: string;
  appVersion: string;
  /** Origins whose frames may call the API (our own window only). */
  trustedOrigins: readonly string[];
  /** Told after every change of data (Electron forwards it to the window as data:changed). */
  onDataChanged?: (channel: Channel) => void;
  /** The renderer has saved what was pending after app:closeRequested (Electron then closes the window). */
  onReadyToClose?: (unsavedEntries: number) => void;
  /** better-sqlite3's addon built for Electron, when not the one in node_modules. */
  nativeBinding?: string;
}

export interface AppCore {
  db: Db;
  dispatcher: Dispatcher;
  close(): void;
}

/** Which part of the data a channel changes, for the data:changed event. */
export function scopeOf(channel: Channel): 'settings' | 'progress' | 'all' {
  if (channel === 'settings:setLanguage') return 'settings';
  if (channel === 'setup:initialize') return 'all';
  return 'progress';
}

/** The plans every new database starts with. */
export const SHIPPED_PLANS: readonly PlanDocumentInput[] = [nap3 as PlanDocumentInput];

export function startAppCore(options: AppCoreOptions): AppCore {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = databaseFile(options.dataDir);
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // First start: load the shipped plans. A plan already present is left as it is.
  for (const plan of SHIPPED_PLANS) loadPlanDocument(db, plan);
  const handlers = createHandlers({
    db,
    dataDir: options.dataDir,
    databaseFile: file,
    appVersion: options.appVersion,
    ...(options.onReadyToClose ? { onReadyToClose: options.onReadyToClose } : {}),
  });
  const dispatcher = createDispatcher(handlers, {
    trustedOrigins: options.trustedOrigins,
    ...(options.onDataChanged ? { onDataChanged: options.onDataChanged } : {}),
  });
  return {
    db,
    dispatcher,
    close: () => {
      if (db.open) db.close();
    },
  };
}
