// The window remembers where it was: electron-store keeps a place per display in
// window-state.json beside Chromium's profile, saved a moment after each move, resize or
// maximize, and at once when the window closes.
import Store from 'electron-store';
import type { BrowserWindow } from 'electron';
import type { Logger } from '../engine';
import {
  placeWindow,
  windowPlaces,
  withPlace,
  type DisplayArea,
  type Rect,
  type WindowPlace,
  type WindowPlaces,
  type WindowSize,
} from './windowPlace';

/** What the window's place needs of Electron's screen (after app ready). */
export interface DisplayScreen {
  getAllDisplays(): DisplayArea[];
  getPrimaryDisplay(): DisplayArea;
  getDisplayMatching(rect: Rect): DisplayArea;
}

export interface WindowPlaceStore {
  /** The remembered places, or null when there are none (or the file did not make sense). */
  read(): WindowPlaces | null;
  write(places: WindowPlaces): void;
}

const STORE_KEY = 'window';
// electron-store's channel for stores made in a renderer; Faxbot's page makes none.
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

/**
 * The places file in Electron's userData folder (which follows --data-dir/FAX_DATA_DIR). A
 * file that cannot be read or written costs only the remembered place, never the start.
 */
export function openWindowPlaceStore(ipcMain: { removeAllListeners(channel: string): unknown }, logger: Logger): WindowPlaceStore {
  let store: Store<Record<string, unknown>> | null = null;
  try {
    // Owner-only like everything else in the data folder (main/engine/dataFolderModes.ts).
    store = new Store({ name: 'window-state', clearInvalidConfig: true, accessPropertiesByDotNotation: false, configFileMode: 0o600 });
  } catch (error) {
    logger.warn('the window will not remember its place: its file could not be opened', { error });
  }
  // electron-store answers that synchronous IPC channel (with the userData path) for any page;
  // the only channels Faxbot's page may use are the contract's.
  ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
  let kept: WindowPlaces | null = null;
  return {
    read() {
      if (!store) return kept;
      const parsed = windowPlaces.safeParse(store.get(STORE_KEY));
      return parsed.success ? parsed.data : null;
    },
    write(places) {
      kept = places;
      try {
        store?.set(STORE_KEY, places);
      } catch (error) {
        logger.warn('could not save where the window is', { error });
      }
    },
  };
}

/** Where the window opens now, given the displays attached. */
export function windowPlaceNow(store: WindowPlaceStore, screen: Omit<DisplayScreen, 'getDisplayMatching'>, size: WindowSize) {
  return placeWindow(store.read(), screen.getAllDisplays(), screen.getPrimaryDisplay(), size);
}

/** How long the window must be still before its place is written (a drag sends many moves). */
export const SAVE_DELAY_MS = 500;

/** Saves the window's place as it changes; returns the function that stops it. */
export function rememberWindowPlace(
  window: BrowserWindow,
  screen: Pick<DisplayScreen, 'getDisplayMatching'>,
  store: WindowPlaceStore,
  delayMs = SAVE_DELAY_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const save = () => {
    cancel();
    if (window.isDestroyed()) return;
    // The normal bounds, so a maximized window comes back to its own size when un-maximized.
    const normal = window.getNormalBounds();
    const bounds = {
      x: Math.round(normal.x),
      y: Math.round(normal.y),
      width: Math.round(normal.width),
      height: Math.round(normal.height),
    };
    const place: WindowPlace = { bounds, maximized: window.isMaximized() };
    store.write(withPlace(store.read(), screen.getDisplayMatching(bounds), place, Date.now()));
  };
  const saveSoon = () => {
    cancel();
    timer = setTimeout(save, delayMs);
  };
  const changes = ['move', 'resize', 'maximize', 'unmaximize'] as const;
  for (const change of changes) window.on(change as 'move', saveSoon);
  window.on('close', save);
  return () => {
    cancel();
    for (const change of changes) window.off(change as 'move', saveSoon);
    window.off('close', save);
  };
}
