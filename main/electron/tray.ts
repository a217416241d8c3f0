// The tray icon: Faxbot keeps receiving while its window is in the background, and the
// tray says how many faxes are unread and offers the few things people do from there.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';

export interface FaxTrayActions {
  showWindow(): void;
  newFax(): void;
  quit(): void;
}

export function trayTooltip(unread: number): string {
  if (unread === 0) return 'Faxbot — no unread faxes';
  return unread === 1 ? 'Faxbot — 1 unread fax' : `Faxbot — ${unread} unread faxes`;
}

export function trayMenuTemplate(unread: number, actions: FaxTrayActions): MenuItemConstructorOptions[] {
  return [
    { label: trayTooltip(unread).replace('Faxbot — ', ''), enabled: false },
    { type: 'separator' },
    { label: 'Show Faxbot', click: () => actions.showWindow() },
    { label: 'Send a fax', click: () => actions.newFax() },
    { type: 'separator' },
    { label: 'Quit Faxbot', click: () => actions.quit() },
  ];
}

export interface FaxTray {
  setUnread(unread: number): void;
  destroy(): void;
}

/**
 * The tray icon file in build/tray (scripts/make-icons.mjs): macOS takes the black
 * "Template" image it tints for the menu bar; elsewhere the blue one. Electron picks the
 * @2x file beside it on high-density screens.
 */
export function trayIconPath(iconDir: string, platform: NodeJS.Platform = process.platform): string {
  return join(iconDir, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
}

export function createFaxTray(actions: FaxTrayActions, iconPath: string, onProblem: (message: string) => void = () => {}): FaxTray {
  const icon = nativeImage.createFromPath(iconPath);
  // An empty image makes an invisible tray icon: say so, the menu still works where it shows.
  if (icon.isEmpty()) onProblem(`the tray icon ${iconPath} could not be read`);
  const tray = new Tray(icon);
  const render = (unread: number) => {
    tray.setToolTip(trayTooltip(unread));
    // Linux shows only the context menu (no click events), so it is rebuilt each time.
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(unread, actions)));
    if (process.platform === 'darwin') tray.setTitle(unread > 0 ? String(unread) : '');
  };
  tray.on('click', () => actions.showWindow());
  render(0);
  return {
    setUnread: render,
    destroy: () => tray.destroy(),
  };
}
