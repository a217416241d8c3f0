// The one Faxbot window: secure settings, the desk-sized minimum, and the unread count in
// its title.
import { BrowserWindow } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security';
import type { Engine } from '../engine';
import type { WindowPlace } from './windowPlace';

export interface MainWindowOptions {
  preloadPath: string;
  /** The page to show: app://faxbot/index.html, or the dev server in development. */
  entryUrl: string;
  appOrigin: string;
  onRefused?: (what: string, url: string) => void;
  /** Where it opens (windowState.ts); the default size, centred by the system, without one. */
  place?: WindowPlace;
  /** The app icon for the window: Linux shows it (Windows and macOS take the app's own). */
  icon?: string;
}

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 700;
/** The size a first window opens at. */
export const WINDOW_SIZE = { width: 1280, height: 820, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT };

export function windowTitle(unread: number): string {
  return unread > 0 ? `(${unread}) Faxbot` : 'Faxbot';
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    ...options.place?.bounds,
    ...(options.icon ? { icon: options.icon } : {}),
    title: windowTitle(0),
    // Shown once the page has painted, so nobody sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenWebContents(window.webContents, options.appOrigin, options.onRefused);
  // The title carries the unread count; the page's <title> must not overwrite it.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => {
    if (options.place?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.entryUrl);
  return window;
}

export function showWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * "New fax" from the menu or the tray. The page owns the ⌘/Ctrl+N shortcut (UX.md), so the
 * shell presses it for the page rather than adding a second way in. The key event is made
 * inside the page (not sendInputEvent) so it can never bubble back to the menu's accelerator
 * and loop. When the contract grows a shell-to-page event for this, send that instead.
 */
export const NEW_FAX_KEY_SCRIPT =
  "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', code: 'KeyN', ctrlKey: " +
  "!navigator.platform.startsWith('Mac'), metaKey: navigator.platform.startsWith('Mac'), bubbles: true, cancelable: true }))";

export function requestNewFax(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  showWindow(window);
  void window.webContents.executeJavaScript(NEW_FAX_KEY_SCRIPT).catch(() => {
    // The page may be reloading; the person can press the shortcut themselves.
  });
}

/**
 * "Print to Faxbot": when the watched folder puts a document on the Send screen, or asks
 * whether to fax a document printed twice, the window comes forward so the person sees it.
 */
export function bringForwardForPrintedFiles(engine: Engine, windowToShow: () => BrowserWindow | null): () => void {
  return engine.on((event) => {
    if (event === 'hotFolderPickup' || event === 'hotFolderQuestion') showWindow(windowToShow());
  });
}
