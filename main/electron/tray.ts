// The tray icon: Faxbot keeps receiving while its window is in the background, and the
// tray says how many faxes are unread and offers the few things people do from there.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';

// A 32×32 PNG (a white sheet on blue), inlined so the tray needs no file next to the
// bundle. Packaged builds can swap in the product icon.
const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAABHNCSVQICAgIfAhkiAAAAAFzUkdCAK7OHOkAAAEWSURBVFiF7Ze9SgNBFIW/O0yeIWCTzRukFGxiE9t0qSSrQioLHycIhgVNr53YZJuAZd4gSSOxt0lc9lroQgo1ybLuEJlTzs/9DpczMFdYUz2MT1Noo+khyAGFSl8Q82zgfho1b7NVAahfjGuavF8r2ioW+r0EeRJb6U1vjuYGIE1Ww7LgAIq20mR1ByBBNz5TdFAWfF2CnBtEOy7gnw60Y4CGMwPQsKpUN52aRc1c1YMw/nVflarJVblAeQPODdhdL2wK1q6B3b8O5H2SP2n/OuAz4DPgM/DvMuANODcgQThabPMv/BO48GqAiQv4lyYG6Ds00BeAIBw9qnJSJlmEh1l03M5CeCXCskT+m7Vckk3HmVyM5x+CGFvkIE2TPgAAAABJRU5ErkJggg==';

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

export function createFaxTray(actions: FaxTrayActions): FaxTray {
  const icon = nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG_BASE64, 'base64'));
  const tray = new Tray(icon.resize({ width: 16, height: 16 }));
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
