/**
 * The application without its window: the data folder, the database, the
 * seeded plan and the IPC handlers. Electron's main process and the tests
 * both start here; nothing in it imports electron.
 */
import fs from 'node:fs';
import { closeDatabase, openDatabase, type Db } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import { databaseFile } from './paths';
import { createHandlers } from './handlers';
import { createDispatcher, type Dispatcher } from './dispatch';
import nap3 from '../seeds/nap3.json';
import type { PlanDocumentInput } from '../seeds/schema';
import { ALL_ENTITIES, CHANGES, type Channel, type DataChange } from '../contract/ipc';
import { resetInstallation } from '../db/installation';
import { createBackupService, type BackupService } from './backup/service';
import { backupDir, makeBackupSync } from './backup/backups';
import type { ChoosePath } from './backup/handlers';
import { createExchangeService, type ExchangeService } from './exchange/service';
import { createPackService, type PackService, type PackWindows } from './packs/service';
import type { Printer } from './packs/print';

export interface AppCoreOptions {
  dataDir: string;
  appVersion: string;
  /** Origins whose frames may call the API (our own window only). */
  trustedOrigins: readonly string[];
  /** Told after every change of data, with what changed (Electron forwards it to the window as data:changed). */
  onDataChanged?: (channel: Channel, change: DataChange) => void;
  /** The renderer has saved what was pending after app:closeRequested (Electron then closes the window). */
  onReadyToClose?: (unsavedEntries: number) => void;
  /** better-sqlite3's addon built for Electron, when not the one in node_modules. */
  nativeBinding?: string;
  /** The clock of the backups (tests). */
  now?: () => Date;
  /** The system's file dialog for the Backups screen (Electron's main; absent, the screen asks for a typed path). */
  choosePath?: ChoosePath;
  /** Take the daily backup at start when none was made today (the application does; tests choose). */
  dailyBackup?: boolean;
  /** What prints packs and reports to PDF (Electron's hidden window; Chromium for the command line and tests). Absent: the pack:build channels answer NOT_FOUND. */
  printer?: Printer;
  /** Electron's preview window and print dialog for packs (absent: pack:preview and pack:print answer available: false). */
  packWindows?: PackWindows;
}

export interface AppCore {
  /** The live database (a restore replaces it: read it each time). */
  readonly db: Db;
  dispatcher: Dispatcher;
  /** backupNow(reason) for the importer and the migrations; the daily backup started at start (backups.idle() waits for it). */
  backups: BackupService;
  /** The Excel exchange (workbooks out and in), the same the command line uses. */
  exchange: ExchangeService;
  /** Meeting packs and the committee report (present when a printer was given). */
  packs: PackService | undefined;
  /** File → Change installation… (main only, after the user confirmed): forgets the identity; what changed. */
  resetInstallation(): DataChange;
  close(): void;
}

/** What a write on a channel changed, from the contract's CHANGES and the write's answer, for data:changed. */
export function changeOf(channel: Channel, value: unknown): DataChange {
  const entities = [...(CHANGES[channel] ?? [])];
  const change: DataChange = { entities };
  // Writes on an entry answer with the entry as it now stands.
  if (entities.includes('entry') && isEntryAnswer(value)) {
    const { key, revision } = value;
    change.entry = { key: { actionPlanId: key.actionPlanId, bodyCode: key.bodyCode, periodId: key.periodId }, revision };
  }
  return change;
}

/** Everything changed (another installation identity). */
export const CHANGED_ALL: DataChange = { entities: [...ALL_ENTITIES] };

function isEntryAnswer(value: unknown): value is { key: { actionPlanId: number; bodyCode: string; periodId: number }; revision: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { key?: { actionPlanId?: unknown; bodyCode?: unknown; periodId?: unknown }; revision?: unknown };
  return typeof v.revision === 'number' && typeof v.key?.actionPlanId === 'number' && typeof v.key.bodyCode === 'string' && typeof v.key.periodId === 'number';
}

/** The plans every new database starts with. */
export const SHIPPED_PLANS: readonly PlanDocumentInput[] = [nap3 as PlanDocumentInput];

export function startAppCore(options: AppCoreOptions): AppCore {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = databaseFile(options.dataDir);
  const open = (): Db => {
    const opened = openDatabase(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      // Before a database of an older version is migrated: a verified backup of it as it was.
      beforeMigrate: (db, from) => {
        if (from > 0) makeBackupSync(db, backupDir(options.dataDir), 'before-migration', { appVersion: options.appVersion, now: () => new Date() });
      },
    });
    // First start: load the shipped plans. A plan already present is left as it is.
    for (const plan of SHIPPED_PLANS) loadPlanDocument(opened, plan);
    return opened;
  };
  let db = open();
  // The handlers close over one database; a restore swaps both (the dispatcher below always calls the current ones).
  const build = (): Dispatcher => {
    const handlers = createHandlers({
      db,
      dataDir: options.dataDir,
      databaseFile: file,
      appVersion: options.appVersion,
      ...(options.onReadyToClose ? { onReadyToClose: options.onReadyToClose } : {}),
      backups,
      exchange,
      ...(packs ? { packs } : {}),
      ...(options.choosePath ? { choosePath: options.choosePath } : {}),
    });
    return createDispatcher(handlers, {
      trustedOrigins: options.trustedOrigins,
      ...(options.onDataChanged
        ? { onDataChanged: (channel: Channel, value: unknown) => options.onDataChanged?.(channel, changeOf(channel, value)) }
        : {}),
    });
  };
  const backups: BackupService = createBackupService({
    dataDir: options.dataDir,
    databaseFile: file,
    appVersion: options.appVersion,
    ...(options.now ? { now: options.now } : {}),
    getDb: () => db,
    reopen: () => {
      db = open();
      current = build();
      return db;
    },
    onRestored: () => options.onDataChanged?.('backup:restore', CHANGED_ALL),
  });
  // Every import is applied after a verified backup of the database as it was.
  const exchange = createExchangeService({ getDb: () => db, backupBeforeImport: () => backups.backupNowSync('before-import'), ...(options.now ? { now: options.now } : {}) });
  const packs = options.printer
    ? createPackService({ getDb: () => db, printer: options.printer, ...(options.packWindows ? { windows: options.packWindows } : {}) })
    : undefined;
  let current = build();
  if (options.dailyBackup) {
    backups.dailyIfDue().catch((err: unknown) => console.error('The daily backup failed', err));
  }
  return {
    get db() {
      return db;
    },
    dispatcher: (channel, payload, sender) => current(channel, payload, sender),
    backups,
    exchange,
    packs,
    resetInstallation: () => {
      resetInstallation(db);
      return CHANGED_ALL;
    },
    close: () => {
      // A clean close: the journal checkpointed and truncated, the file's hash noted (db/connection.ts).
      if (db.open) closeDatabase(db);
    },
  };
}
