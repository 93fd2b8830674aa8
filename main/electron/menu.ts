/** The application menu: the usual items with their accelerators, and the views. */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { View } from '../../contract/domain';
import { emit } from './ipc';

const VIEWS: { view: View; label: string }[] = [
  { view: 'plan', label: 'Plan / 계획' },
  { view: 'progress', label: 'Progress / 이행 점검' },
  { view: 'exchange', label: 'Exchange / 엑셀 교환' },
  { view: 'meetings', label: 'Meetings / 점검 회의' },
  { view: 'settings', label: 'Settings / 설정' },
];

export interface MenuActions {
  /** File → Change installation…: asks, then forgets this installation's identity. */
  changeInstallation(): void;
}

export function buildMenu(getWindow: () => BrowserWindow | null, isMac: boolean, actions: MenuActions): Menu {
  const go = (view: View) => () => {
    const win = getWindow();
    if (win) emit(win.webContents, 'menu:navigate', { view });
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Change installation… / 설치 정보 변경…', click: () => actions.changeInstallation() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...VIEWS.map((v, i) => ({ label: v.label, accelerator: `CmdOrCtrl+${i + 1}`, click: go(v.view) })),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
