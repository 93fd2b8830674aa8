/**
 * Electron's main process: the window, the app:// protocol, the menu and the
 * IPC wiring. Kept thin: all logic lives in plain-Node modules (main/app-core,
 * db/) that the tests run without Electron.
 */
import { app, BrowserWindow, dialog, protocol, session, Menu } from 'electron';
import path from 'node:path';
import { startAppCore, type AppCore } from '../app-core';
import { resolveDataDir } from '../paths';
import { recoverableByBackup, recoveryOfferText, startupErrorText } from '../startup-error';
import { newestGoodBackup, recoverFromBackup } from '../backup/recover';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  WEB_PREFERENCES,
  isNavigationAllowed,
  isRequestAllowed,
  rendererResponse,
} from '../security';
import { emit, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { createElectronPrinter, createPackWindows } from './print';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadFile = path.join(__dirname, '..', 'preload', 'preload.cjs');

/** Set once the renderer has saved what was pending (or did not answer in time): the window may then close. */
let closeAllowed = false;
let closeTimer: NodeJS.Timeout | undefined;
/** How long a window waits for its renderer to save before it closes anyway (a hung renderer must not keep it open). */
const CLOSE_WAIT_MS = 5000;

function closeNow(win: BrowserWindow): void {
  clearTimeout(closeTimer);
  closeAllowed = true;
  win.close();
}

async function readyToClose(unsavedEntries: number): Promise<void> {
  const win = mainWindow;
  if (!win) return;
  clearTimeout(closeTimer);
  if (unsavedEntries > 0) {
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['Keep working / 계속 작업', 'Close anyway / 그래도 닫기'],
      defaultId: 0,
      cancelId: 0,
      title: 'NAP Monitor',
      message: `${unsavedEntries} entries could not be saved. / 저장하지 못한 항목이 ${unsavedEntries}개 있습니다.`,
      detail: 'Their text is still in the form; closing now loses it. / 입력한 내용은 화면에 남아 있으며, 지금 닫으면 사라집니다.',
    });
    if (response !== 1) return;
  }
  closeNow(win);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'NAP Monitor',
    webPreferences: { ...WEB_PREFERENCES, preload: preloadFile },
  });
  win.once('ready-to-show', () => win.show());
  // Closing waits for the renderer to send its pending autosaves (app:closeRequested → app:readyToClose).
  win.on('close', (event) => {
    if (closeAllowed) return;
    event.preventDefault();
    emit(win.webContents, 'app:closeRequested', {});
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => closeNow(win), CLOSE_WAIT_MS);
  });
  win.webContents.on('render-process-gone', () => {
    closeAllowed = true;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function start(): void {
  // No network, ever: every request that is not our own protocol is cancelled.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url) });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  protocol.handle(APP_SCHEME, (request) => {
    const res = rendererResponse(rendererDir, request.url);
    return new Response(new Uint8Array(res.body), { status: res.status, headers: res.headers });
  });

  const start = (): AppCore =>
    startAppCore({
      dataDir: resolveDataDir(app.getPath('userData')),
      appVersion: app.getVersion(),
      trustedOrigins: [APP_ORIGIN],
      dailyBackup: true,
      // Packs and the committee report print in a hidden window (main/electron/print.ts).
      printer: createElectronPrinter(),
      packWindows: createPackWindows(() => core?.packs, () => mainWindow),
      choosePath: (kind) => {
        if (kind === 'pdf') {
          const saveOptions: Electron.SaveDialogSyncOptions = { filters: [{ name: 'PDF', extensions: ['pdf'] }], properties: ['createDirectory'] };
          return (mainWindow ? dialog.showSaveDialogSync(mainWindow, saveOptions) : dialog.showSaveDialogSync(saveOptions)) || null;
        }
        const options: Electron.OpenDialogSyncOptions =
          kind === 'open'
            ? { properties: ['openFile'], filters: [{ name: 'NAP Monitor', extensions: ['sqlite'] }] }
            : kind === 'workbook'
              ? { properties: ['openFile'], filters: [{ name: 'Excel', extensions: ['xlsx', 'xls', 'ods'] }] }
              : { properties: ['openDirectory', 'createDirectory'] };
        const chosen = mainWindow ? dialog.showOpenDialogSync(mainWindow, options) : dialog.showOpenDialogSync(options);
        return chosen?.[0] ?? null;
      },
      // npm start runs with better-sqlite3 built for Electron beside Node's build (scripts/electron-native.mjs).
      ...(app.isPackaged
        ? {}
        : { nativeBinding: path.join(app.getAppPath(), '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node') }),
      onReadyToClose: (unsaved) => void readyToClose(unsaved),
      // After the answer to the write (ipcMain.handle replies when the handler returns): a view
      // that took the answer already holds the change and needs no refetch.
      onDataChanged: (_channel, change) => {
        setImmediate(() => {
          if (mainWindow) emit(mainWindow.webContents, 'data:changed', change);
        });
      },
    });
  const dataDir = resolveDataDir(app.getPath('userData'));
  try {
    core = start();
  } catch (err) {
    console.error(err);
    // A damaged database: offer the newest good backup (the refused file is kept aside, never deleted).
    const backup = recoverableByBackup(err) ? newestGoodBackup(dataDir) : null;
    if (backup) {
      const offer = recoveryOfferText(err, dataDir, backup);
      const choice = dialog.showMessageBoxSync({ type: 'error', title: offer.title, message: offer.message, detail: offer.detail, buttons: offer.buttons, defaultId: 1, cancelId: 0 });
      if (choice === 1) {
        try {
          recoverFromBackup(dataDir, backup);
          core = start();
        } catch (again) {
          console.error(again);
          const text = startupErrorText(again, dataDir);
          dialog.showMessageBoxSync({ type: 'error', title: text.title, message: text.message, detail: text.detail, buttons: ['OK / 확인'] });
        }
      }
    }
    if (!core) {
      // The database refused (or anything else): what happened, where the file is and what to do, in Korean and English.
      const text = startupErrorText(err, dataDir);
      if (!backup) dialog.showMessageBoxSync({ type: 'error', title: text.title, message: text.message, detail: text.detail, buttons: ['OK / 확인'] });
      app.exit(1);
      return;
    }
  }

  registerIpc(core.dispatcher, (sender) => mainWindow !== null && sender === mainWindow.webContents);
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  Menu.setApplicationMenu(
    buildMenu(() => mainWindow, process.platform === 'darwin', {
      changeInstallation: () => void confirmChangeInstallation(),
    }),
  );
}

/**
 * Forgets which body this installation reports for, after the user confirmed
 * in a native dialog. Only main can do this: no IPC channel exists for it, so
 * a renderer cannot switch identity to change another body's entries.
 */
async function confirmChangeInstallation(): Promise<void> {
  if (!core || !mainWindow) return;
  const { response } = await dialog.showMessageBox(mainWindow, {
    type: 'warning',
    buttons: ['Cancel / 취소', 'Change / 변경'],
    defaultId: 0,
    cancelId: 0,
    title: 'NAP Monitor',
    message: 'Change which body this installation reports for? / 이 설치의 보고 기관을 바꾸시겠습니까?',
    detail:
      'Entries already made stay in the database with their history. / 이미 작성한 내용과 변경 이력은 그대로 보존됩니다.',
  });
  if (response !== 1) return;
  emit(mainWindow.webContents, 'data:changed', core.resetInstallation());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('window-all-closed', () => {
    core?.close();
    app.quit();
  });

  void app.whenReady().then(start);
}
