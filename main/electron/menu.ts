// The application menu: only what a fax desk needs. Reload and developer tools exist only in
// development, so nobody at the desk can lose a half-addressed fax to a stray ⌘R.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  isDevelopment: boolean;
  isMac: boolean;
  newFax(): void;
  quit(): void;
}

export function appMenuTemplate({ isDevelopment, isMac, newFax, quit }: AppMenuOptions): MenuItemConstructorOptions[] {
  const newFaxItem: MenuItemConstructorOptions = {
    label: 'New Fax',
    accelerator: 'CmdOrCtrl+N',
    // On Windows and Linux the page handles ⌘/Ctrl+N itself (UX.md); registering the
    // accelerator here would take the key away from it. The menu still shows it.
    registerAccelerator: isMac,
    click: () => newFax(),
  };
  const view: MenuItemConstructorOptions[] = isDevelopment
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        newFaxItem,
        { type: 'separator' },
        isMac ? { role: 'close' } : { label: 'Quit', accelerator: 'Ctrl+Q', click: () => quit() },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...view,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Faxbot', role: 'about' }],
    },
  ];
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
